import { describe, expect, it } from 'vitest';
import { Forge, scanText } from '../../../../tests/helpers/credential-corpus';

const f = new Forge(17);

function keyFile(body: string, keyId: string, compact: boolean): string {
  const doc = {
    type: 'service_account',
    project_id: 'harlow-elections',
    private_key_id: keyId,
    private_key: `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`,
    client_email: 'export@harlow-elections.iam.gserviceaccount.com',
    client_id: '104',
  };
  return compact ? JSON.stringify(doc) : JSON.stringify(doc, null, 2);
}

describe('Google Cloud service-account keys', () => {
  it('reports a pretty-printed key file at its private_key line, with the account and the key id redacted', () => {
    const body = f.pemBody();
    const keyId = f.hex(40);
    const hits = scanText('sa.json', keyFile(body, keyId, false));
    expect(hits).toEqual([
      {
        checkId: 'local.credential.gcp-service-account',
        kind: 'gcp-service-account-key',
        line: 5,
        fingerprint: `key id ${keyId.slice(0, 4)}…${keyId.slice(-4)}`,
        account: 'export@harlow-elections.iam.gserviceaccount.com',
        withSecret: true,
      },
    ]);
    expect(JSON.stringify(hits)).not.toContain(body.slice(0, 16));
  });

  it('reports a compact one-line key file', () => {
    expect(scanText('key.json', keyFile(f.pemBody(), f.hex(40), true))).toMatchObject([{ kind: 'gcp-service-account-key', line: 1 }]);
  });

  it('reports a key file kept as a string inside other JSON (quotes escaped), as Terraform state and CI settings keep it', () => {
    const keyId = f.hex(40);
    const text = JSON.stringify({ variables: { gcp_credentials: keyFile(f.pemBody(), keyId, false) } }, null, 2);
    for (const [name, doc] of [['terraform.tfstate', text], ['ci.json', JSON.stringify(JSON.parse(text))]]) {
      expect(scanText(name, doc), name).toMatchObject([
        { kind: 'gcp-service-account-key', line: name === 'ci.json' ? 1 : 3, fingerprint: `key id ${keyId.slice(0, 4)}…${keyId.slice(-4)}`, account: 'export@harlow-elections.iam.gserviceaccount.com' },
      ]);
    }
  });

  it('does not report a template without a key, or a private key in a file that is not a service-account key', () => {
    expect(scanText('t.json', keyFile('...', '', false))).toEqual([]);
    expect(scanText('other.json', keyFile(f.pemBody(), f.hex(40), false).replace('service_account', 'authorized_user'))).toEqual([]);
  });

  it('reads a key cut off before its END line, thousands of spaces or escaped newlines long, in time linear in it', () => {
    // Read as spaces, a body and spaces again, 4,000 spaces took 51 s; 8,000 escaped newlines far longer.
    const start = '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----';
    for (const tail of [' '.repeat(12_000), '\\n'.repeat(6_000), '\\\\n'.repeat(4_000), `\\n${f.pemBody()}${'\\n'.repeat(5_000)}`]) {
      expect(scanText('sa.json', `${start}${tail}"}\n`)).toEqual([]);
    }
    // The whole key after such a run is still read.
    const body = f.pemBody();
    const spaced = keyFile(body, f.hex(40), true).replace('-----BEGIN PRIVATE KEY-----\\n', `-----BEGIN PRIVATE KEY-----${'\\n'.repeat(3_000)}`);
    expect(scanText('sa.json', spaced).map((h) => h.kind)).toEqual(['gcp-service-account-key']);
  });
});
