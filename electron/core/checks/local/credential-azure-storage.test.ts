import { describe, expect, it } from 'vitest';
import type { CredentialHit } from '../../discovery/credentials/scanner';
import { awsKeyHit, LOCAL_ROOT, localFile, localInventory } from '../../../../tests/helpers/local-inventory';
import { localAzureStorage } from './credential-azure-storage';

const key: CredentialHit = { checkId: 'local.credential.azure-storage', kind: 'azure-connection-string', line: 3, fingerprint: 'azure key 1a2b…', account: 'countyvr' };
const sas: CredentialHit = { checkId: 'local.credential.azure-storage', kind: 'azure-sas', line: 8, fingerprint: 'sas 9f8e…', account: 'countyvr', expires: '2025-01-01T00:00:00Z', expired: true };

describe('local.credential.azure-storage', () => {
  it('fails a file holding an account key at the check severity (high), naming the storage account', () => {
    const out = localAzureStorage.evaluate(localInventory([localFile('app.config', { hits: [key, awsKeyHit] })]));
    expect(out).toHaveLength(1);
    expect(out[0].verdict).toMatchObject({ status: 'fail', evidence: { file: 'app.config', hits: [{ kind: 'azure-connection-string', line: 3, account: 'countyvr' }] } });
    expect(out[0].verdict.severity).toBeUndefined();
    expect(localAzureStorage.meta.severity).toBe('high');
  });

  it('is low for a file whose only Azure credentials are expired SAS tokens', () => {
    expect(localAzureStorage.evaluate(localInventory([localFile('mail.html', { hits: [sas] })]))[0].verdict).toMatchObject({ status: 'fail', severity: 'low' });
    expect(localAzureStorage.evaluate(localInventory([localFile('mail.html', { hits: [sas, key] })]))[0].verdict.severity).toBeUndefined();
  });

  it('passes the folder when no file holds one (an AWS key is not its business)', () => {
    expect(localAzureStorage.evaluate(localInventory([localFile('deploy.sh', { hits: [awsKeyHit] })])).map((v) => [v.resource.id, v.verdict.status])).toEqual([[LOCAL_ROOT, 'pass']]);
  });
});
