import { describe, expect, it } from 'vitest';
import { awsKeyHit, LOCAL_ROOT, localFile, localInventory, presignedUrlHit } from '../../../../tests/helpers/local-inventory';
import { localAwsAccessKey } from './credential-aws-access-key';

describe('local.credential.aws-access-key', () => {
  it('fails each file holding a key, with kind, line, fingerprint and account; medium without its secret', () => {
    const [v] = localAwsAccessKey.evaluate(localInventory([localFile('deploy.sh', { hits: [awsKeyHit] })]));
    expect(v.resource).toEqual({ type: 'file', id: `${LOCAL_ROOT}/deploy.sh`, name: 'deploy.sh' });
    expect(v.verdict).toMatchObject({ status: 'fail', severity: 'medium', evidence: { file: 'deploy.sh', hits: [{ kind: 'aws-access-key-id', line: 6, fingerprint: 'AKIA…MMQQ', account: '210987654321' }] } });
    expect(localAwsAccessKey.evaluate(localInventory([localFile('d.sh', { hits: [{ ...awsKeyHit, withSecret: true }] })]))[0].verdict.severity).toBeUndefined();
  });

  it('counts the key id a presigned URL carries (the presigned-url check reports the link)', () => {
    expect(localAwsAccessKey.evaluate(localInventory([localFile('notes.txt', { hits: [presignedUrlHit] })]))[0].verdict.status).toBe('fail');
  });

  it('passes the folder when every file was read and none holds a key', () => {
    expect(localAwsAccessKey.evaluate(localInventory([]))).toEqual([
      { resource: { type: 'file', id: LOCAL_ROOT, name: LOCAL_ROOT }, verdict: expect.objectContaining({ status: 'pass', evidence: expect.objectContaining({ filesRead: 10 }) }) },
    ]);
  });

  it('is unknown for the folder, never pass, when a path could not be read, naming it and why', () => {
    const out = localAwsAccessKey.evaluate(localInventory([localFile('locked', { problem: 'permission denied' })]));
    expect(out).toHaveLength(1);
    expect(out[0].verdict.status).toBe('unknown');
    expect(out[0].verdict.detail).toContain('locked (permission denied)');
    expect(out[0].verdict.evidence).toMatchObject({ unreadable: [{ file: 'locked', path: `${LOCAL_ROOT}/locked`, reason: 'permission denied' }] });
  });
});
