import { describe, expect, it } from 'vitest';
import type { CredentialHit } from '../../discovery/credentials/scanner';
import { LOCAL_ROOT, localFile, localInventory } from '../../../../tests/helpers/local-inventory';
import { localGcpServiceAccount } from './credential-gcp-service-account';

const keyFile: CredentialHit = { checkId: 'local.credential.gcp-service-account', kind: 'gcp-service-account-key', line: 1, fingerprint: 'key id 91a2…fe27', account: 'etl@county-vr.iam.gserviceaccount.com', withSecret: true };

describe('local.credential.gcp-service-account', () => {
  it('fails a service-account key file, naming the account (its e-mail) and never the key', () => {
    const [v] = localGcpServiceAccount.evaluate(localInventory([localFile('backup/key.json', { hits: [keyFile] })]));
    expect(v.verdict).toMatchObject({ status: 'fail', evidence: { file: 'backup/key.json', hits: [{ kind: 'gcp-service-account-key', fingerprint: 'key id 91a2…fe27', account: 'etl@county-vr.iam.gserviceaccount.com' }] } });
    expect(v.verdict.detail).toContain('etl@county-vr.iam.gserviceaccount.com');
  });

  it('says when a file with a key could not be read to its end', () => {
    const [v] = localGcpServiceAccount.evaluate(localInventory([localFile('key.json', { hits: [keyFile], problem: 'changed while it was read: scan it again for a sure answer' })]));
    expect(v.verdict.detail).toContain('The file changed while it was read');
    expect(v.verdict.evidence).toMatchObject({ problem: 'changed while it was read: scan it again for a sure answer' });
  });

  it('passes the folder when no file is one', () => {
    expect(localGcpServiceAccount.evaluate(localInventory([])).map((v) => [v.resource.id, v.verdict.status])).toEqual([[LOCAL_ROOT, 'pass']]);
  });
});
