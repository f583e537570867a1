import { describe, expect, it } from 'vitest';
import { Forge, scanText } from '../../../../tests/helpers/credential-corpus';
import { namedSecrets } from './aws';

const f = new Forge(11);

describe('AWS access key ids', () => {
  it('reports a key id with its secret on the next line, and the account it belongs to', () => {
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    const hits = scanText('.env', `REGION=us-east-2\nAWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secret}\n`);
    expect(hits).toEqual([
      { checkId: 'local.credential.aws-access-key', kind: 'aws-access-key-id', line: 2, fingerprint: `${id.slice(0, 4)}…${id.slice(-4)}`, account, withSecret: true },
    ]);
    expect(JSON.stringify(hits)).not.toContain(secret);
    expect(JSON.stringify(hits)).not.toContain(id);
  });

  it('reports a key id alone as without its secret', () => {
    const hits = scanText('run.log', `assumed role, key ${f.keyId('ASIA')} until 04:00\n`);
    expect(hits).toMatchObject([{ kind: 'aws-access-key-id', line: 1, withSecret: false }]);
  });

  it('pairs a secret up to five lines away, not six', () => {
    const id = f.keyId();
    const secret = f.secretKey();
    expect(scanText('a.sh', `K=${id}\n\n\n\n\nAWS_SECRET_ACCESS_KEY=${secret}\n`)[0].withSecret).toBe(true);
    const far = scanText('a.sh', `K=${id}\n\n\n\n\n\nAWS_SECRET_ACCESS_KEY=${secret}\n`);
    expect(far.map((h) => [h.kind, h.withSecret])).toEqual([
      ['aws-access-key-id', false],
      ['aws-secret-access-key', true],
    ]);
  });

  it('takes an unnamed secret beside the key id (the console credentials CSV)', () => {
    expect(scanText('accessKeys.csv', `Access key ID,Secret access key\n${f.keyId()},${f.secretKey()}\n`)).toMatchObject([{ line: 2, withSecret: true }]);
  });

  it('reports a secret named as AWS with no key id near it', () => {
    const secret = f.secretKey();
    const hits = scanText('ci.yml', `env:\n  AWS_SECRET_ACCESS_KEY: ${secret}\n`);
    expect(hits).toMatchObject([{ checkId: 'local.credential.aws-access-key', kind: 'aws-secret-access-key', line: 2, withSecret: true }]);
    expect(hits[0].fingerprint).toMatch(/^secret sha256:[0-9a-f]{8}$/);
  });

  it('reports a secret whose name says "secret" in lower case: camelCase, snake_case at a line start, kebab-case', () => {
    for (const line of [`{"secretAccessKey": "${f.secretKey()}"}`, `  secret_access_key: ${f.secretKey()}`, `aws-secret-access-key = ${f.secretKey()}`, `cloud.aws.credentials.secret-key=${f.secretKey()}`]) {
      expect(scanText('settings.txt', `region: us-east-1\n${line}\n`), line).toMatchObject([{ kind: 'aws-secret-access-key', line: 2 }]);
    }
  });

  it('reports a secret given after spaces, as to aws configure or Set-AWSCredential, alone or with its key id', () => {
    const secret = f.secretKey();
    expect(scanText('deploy.sh', `#!/bin/sh\naws configure set aws_secret_access_key ${secret}\n`)).toMatchObject([{ kind: 'aws-secret-access-key', line: 2, withSecret: true }]);
    expect(scanText('.bash_history', `aws configure set aws_access_key_id ${f.keyId()}\naws configure set aws_secret_access_key "${secret}"\naws s3 ls\n`)).toMatchObject([{ kind: 'aws-access-key-id', line: 1, withSecret: true }]);
    expect(scanText('setup.ps1', `Set-AWSCredential -AccessKey ${f.keyId()} -SecretKey ${secret} -StoreAs county\n`)).toMatchObject([{ kind: 'aws-access-key-id', line: 1, withSecret: true }]);
    // Prose with a long word after "secret" is not one, nor a value too short or too long.
    expect(scanText('notes.txt', `The Secretary of State certified ${f.base64(40)} today\naws configure set aws_secret_access_key ${secret.slice(1)}\naws configure set aws_secret_access_key ${secret}x\n`)).toEqual([]);
  });

  it('does not report a 40-character value under another name, a hex digest, or principal ids', () => {
    const text = [`secret = "${f.base64(40)}"`, `aws_secret_access_key = ${f.hex(40)}`, `principal AIDA${f.base32(16)} role AROA${f.base32(16)} group AGPA${f.base32(16)}`].join('\n');
    expect(scanText('notes.txt', text)).toEqual([]);
  });

  it('does not report AWS documentation examples or placeholders', () => {
    const text = [
      'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX',
      'AWS_SECRET_ACCESS_KEY=${SECRET}',
      'aws_secret_access_key = <your-secret-key>',
    ].join('\n');
    expect(scanText('.env.example', text)).toEqual([]);
  });

  it('decides by prefix: ABIA and ACCA alarm, APKA does not', () => {
    const text = `a ${f.keyId('ABIA')}\nb ${f.keyId('ACCA')}\nc ${f.keyId('APKA')}\n`;
    expect(scanText('x.txt', text).map((h) => h.line)).toEqual([1, 2]);
  });
});

describe('AWS credentials and config files', () => {
  it('reports one finding per profile holding a key, at its key id line', () => {
    const [a1, a2] = [f.account(), f.account()];
    const text = [
      '[default]',
      `aws_access_key_id = ${f.keyId('AKIA', a1)}`,
      `aws_secret_access_key = ${f.secretKey()}`,
      '',
      '[profile vendor]',
      `aws_access_key_id=${f.keyId('ASIA', a2)}`,
      `aws_secret_access_key=${f.secretKey()}`,
      `aws_session_token=${f.sessionToken()}`,
      '[profile sso]',
      'sso_start_url = https://x.awsapps.com/start',
    ].join('\n');
    expect(scanText('/home/u/.aws/config', text)).toEqual([
      expect.objectContaining({ kind: 'aws-credentials-file', line: 2, account: a1, withSecret: true }),
      expect.objectContaining({ kind: 'aws-credentials-file', line: 6, account: a2, withSecret: true }),
    ]);
  });

  it('reports a profile with a secret and no key id at the secret line', () => {
    expect(scanText('credentials', `[default]\naws_secret_access_key = ${f.secretKey()}\n`)).toMatchObject([{ kind: 'aws-credentials-file', line: 2, withSecret: true }]);
  });

  it('knows a credentials file by its name when the section header is missing', () => {
    expect(scanText('credentials', `aws_access_key_id = ${f.keyId()}\n`)).toMatchObject([{ kind: 'aws-credentials-file', line: 1, withSecret: false }]);
    expect(scanText('settings.txt', `aws_access_key_id = ${f.keyId()}\n`)).toMatchObject([{ kind: 'aws-access-key-id', line: 1 }]);
  });

  it('reads quoted values under a section (TOML, as in secrets.toml) as a profile', () => {
    const account = f.account();
    const text = `[connections.s3]\naws_access_key_id = "${f.keyId('AKIA', account)}"\naws_secret_access_key = '${f.secretKey()}'\n`;
    expect(scanText('secrets.toml', text)).toEqual([expect.objectContaining({ kind: 'aws-credentials-file', line: 2, account, withSecret: true })]);
  });

  it('reads code below a line that looks like a section header as code, not as a profile', () => {
    const account = f.account();
    const text = ['BUCKETS = [', '    ["county-a", "county-b"]', ']', 's3 = boto3.client("s3",', `    aws_access_key_id="${f.keyId('AKIA', account)}",`, `    aws_secret_access_key="${f.secretKey()}",`, ')'].join('\n');
    expect(scanText('upload.py', text)).toEqual([expect.objectContaining({ kind: 'aws-access-key-id', line: 5, account, withSecret: true })]);
  });
});

describe('named secrets', () => {
  it('stays linear on long runs of letters before and after "secret"', () => {
    const secret = f.secretKey();
    const text = `${'x'.repeat(200_000)}secret=${secret} ${'y'.repeat(200_000)} ${'secret'.repeat(20_000)} secret${'z'.repeat(200_000)}`;
    // Tried at every letter, or with the words after "secret" read every way, this took hours; the value is found, once.
    expect([...namedSecrets(text)].map((m) => m[2])).toEqual([secret]);
    expect(scanText('notes.txt', `key ${f.keyId()} secret${'q'.repeat(16_000)}\n`).map((h) => h.kind)).toEqual(['aws-access-key-id']);
  });
});
