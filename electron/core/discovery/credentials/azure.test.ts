import { describe, expect, it } from 'vitest';
import { Forge, scanText } from '../../../../tests/helpers/credential-corpus';

const f = new Forge(13);

describe('Azure storage keys and connection strings', () => {
  it('reports a connection string with its account and no part of the key', () => {
    const key = f.azureKey();
    const hits = scanText('appsettings.json', `{"Storage": "DefaultEndpointsProtocol=https;AccountName=harlowvr;AccountKey=${key};EndpointSuffix=core.windows.net"}`);
    expect(hits).toEqual([
      { checkId: 'local.credential.azure-storage', kind: 'azure-connection-string', line: 1, fingerprint: expect.stringMatching(/^key sha256:[0-9a-f]{8}$/), account: 'harlowvr', withSecret: true },
    ]);
    expect(JSON.stringify(hits)).not.toContain(key.slice(0, 12));
  });

  it('reports a key under a storage-key name', () => {
    expect(scanText('storage.env', `AZURE_STORAGE_KEY=${f.azureKey()}\n`)).toMatchObject([{ kind: 'azure-storage-key', line: 1 }]);
    expect(scanText('main.tf', `x = 1\n  primary_access_key = "${f.azureKey()}"\n`)).toMatchObject([{ kind: 'azure-storage-key', line: 2 }]);
  });

  it('reports a key given to a command as an option, and a key as `az storage account keys list` prints it', () => {
    expect(scanText('upload.sh', `az storage blob upload --account-name countyvr --account-key ${f.azureKey()} -f roll.csv\n`)).toMatchObject([{ kind: 'azure-storage-key', line: 1 }]);
    expect(scanText('sync.ps1', `$ctx = New-AzStorageContext -StorageAccountName countyvr -StorageAccountKey "${f.azureKey()}"\n`)).toMatchObject([{ kind: 'azure-storage-key', line: 1 }]);
    const listed = `[\n  {\n    "creationTime": "2026-01-05T17:00:00+00:00",\n    "keyName": "key1",\n    "permissions": "FULL",\n    "value": "${f.azureKey()}"\n  }\n]\n`;
    expect(scanText('keys.json', listed)).toMatchObject([{ kind: 'azure-storage-key', line: 6 }]);
    expect(scanText('settings.json', listed.replace('"keyName": "key1"', '"label": "backup"'))).toEqual([]);
  });

  it("does not report the storage emulator's published key, templates or unnamed base64", () => {
    const text = [
      'UseDevelopmentStorage=true',
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
      'DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;',
      `digest: ${f.azureKey()}`,
      `AccountKey=${'A'.repeat(86)}==`,
    ].join('\n');
    expect(scanText('settings.json', text)).toEqual([]);
  });
});

describe('Azure SAS', () => {
  const url = (se: string, sig = f.sasSignature()) => `https://harlowshare.blob.core.windows.net/exports/roll.zip?sv=2022-11-02&sp=r&se=${se}&spr=https&sig=${sig}`;

  it('reports a SAS URL with its account and expiry, judged against the clock', () => {
    expect(scanText('notes.txt', `link: ${url('2026-12-31T23%3A59%3A59Z')}\n`)).toEqual([
      { checkId: 'local.credential.azure-storage', kind: 'azure-sas', line: 1, fingerprint: expect.stringMatching(/^sig sha256:/), account: 'harlowshare', expires: '2026-12-31T23:59:59.000Z', expired: false },
    ]);
    expect(scanText('notes.txt', `\n${url('2025-01-01')}\n`)).toMatchObject([{ line: 2, expires: '2025-01-01T00:00:00.000Z', expired: true }]);
  });

  it('reports a bare SAS token and one in a connection string', () => {
    expect(scanText('x.env', `SAS="sv=2021-08-06&ss=b&sp=rl&se=2030-01-01&sig=${f.sasSignature()}"\n`)).toMatchObject([{ kind: 'azure-sas', line: 1 }]);
    expect(scanText('.env', `AZURE_SAS_TOKEN=sv=2022-11-02&ss=b&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=${f.sasSignature()}\n`)).toMatchObject([
      { kind: 'azure-sas', line: 1, expires: '2030-01-01T00:00:00.000Z' },
    ]);
    expect(scanText('x.ps1', `"BlobEndpoint=https://acct1.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sp=r&sig=${f.sasSignature()}"`)).toMatchObject([
      { kind: 'azure-sas', account: 'acct1' },
    ]);
  });

  it('needs a service version and a signature of the right shape', () => {
    const text = [`https://a.example/x?sig=${f.sasSignature()}`, `https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=${'X'.repeat(43)}%3D`, 'https://acct.blob.core.windows.net/c?sv=2022-11-02&sig=<signature>'].join('\n');
    expect(scanText('x.txt', text)).toEqual([]);
  });

  it('reads a run of many "sig=" once: a file of such lines costs time linear in its length', () => {
    // No service version: none is a SAS token, and every line is read to its end. Read at every "sig=", this took over a minute.
    const line = `https://acct9.blob.core.windows.net/c/f?se=2027-01-01${Array.from({ length: 160 }, () => `&sig=${f.sasSignature()}`).join('')}`;
    const real = `https://acct9.blob.core.windows.net/c/f?sv=2022-11-02&sp=r&se=2027-01-01&sig=${f.sasSignature()}`;
    const hits = scanText('links.txt', `${Array.from({ length: 1_500 }, () => line).join('\n')}\n${real}\n`);
    expect(hits.map((h) => [h.kind, h.line])).toEqual([['azure-sas', 1_501]]);
  });

  it("reports rclone's Azure Blob remote key with its account, and not a key under another remote type", () => {
    const key = f.azureKey();
    const conf = (type: string) => `[county-backup]\ntype = ${type}\naccount = harlowbackup\nkey = ${key}\n\n[local]\ntype = local\n`;
    expect(scanText('rclone.conf', conf('azureblob'))).toEqual([
      { checkId: 'local.credential.azure-storage', kind: 'azure-storage-key', line: 4, fingerprint: expect.stringMatching(/^key sha256:[0-9a-f]{8}$/), account: 'harlowbackup', withSecret: true },
    ]);
    expect(JSON.stringify(scanText('rclone.conf', conf('azureblob')))).not.toContain(key.slice(0, 12));
    expect(scanText('rclone.conf', conf('s3'))).toEqual([]);
  });
});
