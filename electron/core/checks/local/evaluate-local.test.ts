import { describe, expect, it } from 'vitest';
import { awsKeyHit, localFile, localInventory, LOCAL_ROOT, voterVerdict } from '../../../../tests/helpers/local-inventory';
import { evaluateLocal } from './evaluate-local';
import { localVoterFile } from './voter-file';

describe('evaluateLocal', () => {
  it('gives one finding per (check, resource) with the check metadata', () => {
    const findings = evaluateLocal(localInventory([localFile('vr.csv', { voter: voterVerdict, hits: [awsKeyHit] })]));
    const ids = findings.map((f) => `${f.checkId} ${f.resource.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findings.find((f) => f.checkId === 'local.voter-file')).toMatchObject({ status: 'fail', severity: 'high', title: localVoterFile.meta.title });
    expect(findings.filter((f) => f.resource.id === LOCAL_ROOT).map((f) => f.checkId).sort()).toEqual([
      'local.credential.azure-storage',
      'local.credential.gcp-service-account',
      'local.credential.presigned-url',
    ]);
  });
});
