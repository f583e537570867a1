/**
 * A corpus of files holding credential strings shaped like real ones (random from a fixed
 * seed, never real: no key here opens anything) in the places counties leave them, and close
 * negatives: hashes, UUIDs, git SHAs, base64 tokens, AWS's documentation examples,
 * placeholders, principal ids that are not keys, the storage emulator's published key.
 * The credential scanner's unit tests and scripts/bench-credentials.ts (gitleaks and
 * Kingfisher on the same files) both read it.
 */
import { createHash } from 'node:crypto';
import { createCredentialScanner, type CredentialHit } from '../../electron/core/discovery/credentials/scanner';
import { seededRandom } from './seeded-random';

export type CredentialKind =
  | 'aws-access-key-id'
  | 'aws-credentials-file'
  | 'aws-secret-access-key'
  | 'azure-storage-key'
  | 'azure-connection-string'
  | 'azure-sas'
  | 'gcp-service-account-key'
  | 's3-presigned-url';

export const CREDENTIAL_KINDS: CredentialKind[] = [
  'aws-access-key-id',
  'aws-credentials-file',
  'aws-secret-access-key',
  'azure-storage-key',
  'azure-connection-string',
  'azure-sas',
  'gcp-service-account-key',
  's3-presigned-url',
];

export interface PlantedCredential {
  kind: CredentialKind;
  /** The line Canvass reports (1-based). */
  line: number;
  /** Every line holding part of this credential: a peer reporting any of them found it. */
  lines: number[];
  /** The secret parts planted, which no output may contain. */
  secrets: string[];
  account?: string;
  withSecret?: boolean;
  expired?: boolean;
}

export interface CloseNegative {
  line: number;
  what: string;
}

export interface CorpusFile {
  path: string;
  content: string;
  planted: PlantedCredential[];
  negatives: CloseNegative[];
}

/** The clock the corpus's expiry dates are judged against. */
export const CORPUS_NOW = new Date('2026-06-01T00:00:00Z');

/** The scanner's findings on one text, pushed in one piece, judged at CORPUS_NOW. */
export function scanText(fileName: string, text: string): CredentialHit[] {
  const scanner = createCredentialScanner(fileName, { now: CORPUS_NOW });
  scanner.push(text);
  return scanner.end();
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Random credential material, each piece checked to look like what it imitates. */
export class Forge {
  private readonly rnd: () => number;
  constructor(seed: number) {
    this.rnd = seededRandom(seed);
  }

  private pick(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.rnd() * alphabet.length)];
    return s;
  }

  private mixed(alphabet: string, n: number, suffix = ''): string {
    for (;;) {
      const s = this.pick(alphabet, n) + suffix;
      // Real keys almost always mix cases and digits; draw again in the rare case they do not, and never make a word.
      if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) && !/(.)\1{4}|EXAMPLE|XXXX|your|here|fake|dummy|sample|insert|replace/i.test(s)) return s;
    }
  }

  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }

  account(): string {
    return String(Math.floor(this.rnd() * 1e12)).padStart(12, '0');
  }

  /** An access key id in the current format, encoding `account` the way AWS does. */
  keyId(prefix = 'AKIA', account = this.account()): string {
    const n = Number(account);
    let v = 2 ** 39 + Math.floor(n / 2);
    let mid = '';
    for (let i = 0; i < 8; i++) {
      mid = BASE32[v % 32] + mid;
      v = Math.floor(v / 32);
    }
    const bit = BASE32[(n % 2) * 16 + Math.floor(this.rnd() * 16)];
    for (;;) {
      const id = prefix + mid + bit + this.pick(BASE32, 7);
      if (!/(.)\1{4}|EXAMPLE|XXXX|YOUR|HERE|FAKE/.test(id)) return id;
    }
  }

  /** An id issued before the account was encoded in it (fifth character I or J). */
  oldKeyId(prefix = 'AKIA'): string {
    return prefix + 'IJ'[Math.floor(this.rnd() * 2)] + this.pick(BASE32, 15);
  }

  secretKey(): string {
    return this.mixed(BASE64, 40);
  }

  sessionToken(): string {
    return 'IQoJb3JpZ2luX2Vj' + this.mixed(BASE64, 340);
  }

  azureKey(): string {
    return this.mixed(BASE64, 86, '==');
  }

  /** A SAS signature as it appears in a URL: 32 bytes of base64, URL-encoded. */
  sasSignature(): string {
    return encodeURIComponent(this.mixed(BASE64, 43, '='));
  }

  base32(n: number): string {
    return this.pick(BASE32, n);
  }

  digits(n: number): string {
    return this.pick('0123456789', n);
  }

  hex(n: number): string {
    return this.pick('0123456789abcdef', n);
  }

  base64(n: number): string {
    return this.mixed(BASE64, n);
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }

  /** A PEM PKCS#8 body of a 2048-bit key's length (random, not a key). */
  pemBody(): string {
    return this.mixed(BASE64, 1620, '==');
  }
}

/** Builds a file line by line, noting where each planted credential and negative is. */
class FileBuilder {
  private readonly lines: string[] = [];
  readonly planted: PlantedCredential[] = [];
  readonly negatives: CloseNegative[] = [];
  constructor(readonly path: string) {}

  /** Appends lines; returns the 1-based number of the first. */
  add(...lines: string[]): number {
    const first = this.lines.length + 1;
    this.lines.push(...lines.flatMap((l) => l.split('\n')));
    return first;
  }

  get next(): number {
    return this.lines.length + 1;
  }

  plant(p: Omit<PlantedCredential, 'lines'> & { lines?: number[] }): void {
    this.planted.push({ ...p, lines: p.lines ?? [p.line] });
  }

  negative(line: number, what: string): void {
    this.negatives.push({ line, what });
  }

  build(): CorpusFile {
    return { path: this.path, content: this.lines.join('\n') + '\n', planted: this.planted, negatives: this.negatives };
  }
}

function presignedV4(f: Forge, keyId: string, date: Date, expires: number, bucket: string, key: string, token?: string): string {
  const stamp = date.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const credential = encodeURIComponent(`${keyId}/${stamp.slice(0, 8)}/us-east-1/s3/aws4_request`);
  const security = token ? `&X-Amz-Security-Token=${encodeURIComponent(token)}` : '';
  return `https://${bucket}.s3.us-east-1.amazonaws.com/${key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Date=${stamp}&X-Amz-Expires=${expires}${security}&X-Amz-SignedHeaders=host&X-Amz-Signature=${f.hex(64)}`;
}

function sasUrl(f: Forge, account: string, path: string, expiry: string, sig: string): string {
  return `https://${account}.blob.core.windows.net/${path}?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=${encodeURIComponent(expiry)}&st=2024-01-01T00%3A00%3A00Z&spr=https&sig=${sig}`;
}

/** The corpus: the same files for a given seed. */
export function credentialCorpus(seed = 20261126): CorpusFile[] {
  const f = new Forge(seed);
  const files: CorpusFile[] = [];

  {
    const b = new FileBuilder('app/.env');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('# Voter portal settings', 'NODE_ENV=production', 'DATABASE_URL=postgres://portal@db.internal:5432/portal');
    const l = b.add(`AWS_ACCESS_KEY_ID=${id}`, `AWS_SECRET_ACCESS_KEY=${secret}`, 'AWS_DEFAULT_REGION=us-east-2', 'S3_BUCKET=county-vr-exports');
    b.plant({ kind: 'aws-access-key-id', line: l, lines: [l, l + 1], secrets: [secret], account, withSecret: true });
    const h = b.add(`SESSION_SECRET=${f.hex(64)}`);
    b.negative(h, 'a 64-hex session secret (not a storage credential)');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('deploy/upload-results.sh');
    const account = f.account();
    const id = f.keyId('ASIA', account);
    const secret = f.secretKey();
    const token = f.sessionToken();
    b.add('#!/bin/sh', 'set -eu', '# temporary credentials from the vendor portal, good for 12 hours');
    const l = b.add(`export AWS_ACCESS_KEY_ID=${id}`, `export AWS_SECRET_ACCESS_KEY=${secret}`, `export AWS_SESSION_TOKEN=${token}`);
    b.plant({ kind: 'aws-access-key-id', line: l, lines: [l, l + 1, l + 2], secrets: [secret, token], account, withSecret: true });
    b.add('aws s3 cp results.csv s3://county-enr-results/latest/results.csv --acl private', `echo "uploaded $(sha1sum results.csv)"`);
    files.push(b.build());
  }
  {
    const b = new FileBuilder('home/clerk/.aws/credentials');
    const a1 = f.account();
    const id1 = f.keyId('AKIA', a1);
    const s1 = f.secretKey();
    b.add('[default]');
    const l1 = b.add(`aws_access_key_id = ${id1}`, `aws_secret_access_key = ${s1}`);
    b.plant({ kind: 'aws-credentials-file', line: l1, lines: [l1, l1 + 1], secrets: [s1], account: a1, withSecret: true });
    const a2 = f.account();
    const id2 = f.keyId('ASIA', a2);
    const s2 = f.secretKey();
    const t2 = f.sessionToken();
    b.add('', '[elections]');
    const l2 = b.add(`aws_access_key_id=${id2}`, `aws_secret_access_key=${s2}`, `aws_session_token=${t2}`);
    b.plant({ kind: 'aws-credentials-file', line: l2, lines: [l2, l2 + 1, l2 + 2], secrets: [s2, t2], account: a2, withSecret: true });
    const id3 = f.oldKeyId();
    const s3 = f.secretKey();
    b.add('', '[legacy-backup]');
    const l3 = b.add(`aws_access_key_id = ${id3}`, `aws_secret_access_key = ${s3}`);
    b.plant({ kind: 'aws-credentials-file', line: l3, lines: [l3, l3 + 1], secrets: [s3], withSecret: true });
    files.push(b.build());
  }
  {
    const b = new FileBuilder('home/clerk/.aws/config');
    b.add('[default]', 'region = us-east-2', 'output = json', '', '[profile county-sso]', 'sso_start_url = https://harlow.awsapps.com/start', 'sso_region = us-east-2');
    const sso = b.add(`sso_account_id = ${f.account()}`, 'sso_role_name = ReadOnly');
    b.negative(sso, 'an SSO profile: an account id and a role, no key');
    const role = b.add('', '[profile auditor]', `role_arn = arn:aws:iam::${f.account()}:role/CountyAuditor`, 'source_profile = default');
    b.negative(role + 2, 'a role ARN');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('', '[profile vr-upload]');
    const l = b.add(`aws_access_key_id = ${id}`, `aws_secret_access_key = ${secret}`, 'region = us-gov-west-1');
    b.plant({ kind: 'aws-credentials-file', line: l, lines: [l, l + 1], secrets: [secret], account, withSecret: true });
    files.push(b.build());
  }
  {
    const b = new FileBuilder('web/VoterLookup/appsettings.json');
    const key = f.azureKey();
    b.add('{', '  "Logging": { "LogLevel": { "Default": "Information" } },', '  "ConnectionStrings": {', `    "Db": "Server=sql01;Database=VoterLookup;Trusted_Connection=True;",`);
    const l = b.add(`    "Storage": "DefaultEndpointsProtocol=https;AccountName=harlowvrexports;AccountKey=${key};EndpointSuffix=core.windows.net"`);
    b.plant({ kind: 'azure-connection-string', line: l, secrets: [key], account: 'harlowvrexports', withSecret: true });
    const g = b.add('  },', `  "InstanceId": "${f.uuid()}",`);
    b.negative(g + 1, 'a UUID');
    b.add(`  "BuildSha": "${f.hex(40)}"`, '}');
    b.negative(g + 2, 'a git SHA');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('clerk/notes/storage-handoff.txt');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('Handoff from the vendor, March', '', 'The export bucket user (created by Dana):');
    const l = b.add(`Access key ID: ${id}`, `Secret access key: ${secret}`);
    b.plant({ kind: 'aws-access-key-id', line: l, lines: [l, l + 1], secrets: [secret], account, withSecret: true });
    const sig = f.sasSignature();
    b.add('', 'Link for the state office to pick up the file (expires at the end of the year):');
    const s = b.add(sasUrl(f, 'harlowshare', 'exports/vr-2026-03.zip', '2026-12-31T23:59:59Z', sig));
    b.plant({ kind: 'azure-sas', line: s, secrets: [decodeURIComponent(sig)], account: 'harlowshare', expired: false });
    const n = b.add('', `Ticket ${f.hex(8)}, checksum of the zip: sha256 ${f.hex(64)}`);
    b.negative(n + 1, 'a SHA-256 digest');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('infra/terraform/main.tf');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('provider "aws" {', '  region     = "us-east-2"');
    const l = b.add(`  access_key = "${id}"`, `  secret_key = "${secret}"`, '}');
    b.plant({ kind: 'aws-access-key-id', line: l, lines: [l, l + 1], secrets: [secret], account, withSecret: true });
    const key = f.azureKey();
    b.add('', 'resource "azurerm_storage_blob" "roll" {', '  name                   = "roll.csv"', '  storage_account_name   = "harlowvr"');
    const k = b.add(`  storage_account_key    = "${key}"`, '}');
    b.plant({ kind: 'azure-storage-key', line: k, secrets: [key], withSecret: true });
    const d = b.add('', `# state lock: ${f.uuid()}`);
    b.negative(d + 1, 'a UUID');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('scripts/export_roll.py');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('import boto3', '', 'def client():', '    return boto3.client(', '        "s3",');
    const l = b.add(`        aws_access_key_id="${id}",`, `        aws_secret_access_key="${secret}",`, '    )');
    b.plant({ kind: 'aws-access-key-id', line: l, lines: [l, l + 1], secrets: [secret], account, withSecret: true });
    const pAccount = f.account();
    const pid = f.keyId('ASIA', pAccount);
    const url = presignedV4(f, pid, new Date('2026-05-30T14:00:00Z'), 604800, 'county-vr-exports', 'roll/2026-05.csv', f.sessionToken());
    b.add('', '# the last link we sent to the state (valid a week)');
    const p = b.add(`LAST_LINK = "${url}"`);
    b.plant({ kind: 's3-presigned-url', line: p, secrets: [], account: pAccount, expired: false });
    const n = b.add('', `FILE_DIGEST = "${f.hex(40)}"  # sha1 of the template`);
    b.negative(n + 1, 'a SHA-1 digest');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('keys/harlow-vr-export-3f2a.json');
    const keyId = f.hex(40);
    const body = f.pemBody();
    const pem = `-----BEGIN PRIVATE KEY-----\\n${body.match(/.{1,64}/g)!.join('\\n')}\\n-----END PRIVATE KEY-----\\n`;
    const email = 'vr-export@harlow-county-elections.iam.gserviceaccount.com';
    const t = b.add('{', '  "type": "service_account",', '  "project_id": "harlow-county-elections",', `  "private_key_id": "${keyId}",`);
    const l = b.add(`  "private_key": "${pem}",`);
    b.add(
      `  "client_email": "${email}",`,
      `  "client_id": "1${f.digits(20)}",`,
      '  "auth_uri": "https://accounts.google.com/o/oauth2/auth",',
      '  "token_uri": "https://oauth2.googleapis.com/token",',
      '  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",',
      `  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/vr-export%40harlow-county-elections.iam.gserviceaccount.com",`,
      '  "universe_domain": "googleapis.com"',
      '}',
    );
    // The whole object is the credential: a tool may report where the JSON starts.
    const end = b.next - 1;
    b.plant({ kind: 'gcp-service-account-key', line: l, lines: Array.from({ length: end - t + 1 }, (_, i) => t + i), secrets: [body], account: email, withSecret: true });
    files.push(b.build());
  }
  {
    const b = new FileBuilder('mail/results-share.eml.txt');
    const a4 = f.account();
    const id4 = f.keyId('AKIA', a4);
    b.add('From: it@harlow.example', 'Subject: results file', '', 'Here is the link (it expires tomorrow):');
    const p4 = b.add(presignedV4(f, id4, new Date('2025-11-03T09:15:00Z'), 86400, 'county-enr-results', 'results/general-2025.pdf'));
    b.plant({ kind: 's3-presigned-url', line: p4, secrets: [], account: a4, expired: true });
    const id2 = f.oldKeyId();
    const sig2 = encodeURIComponent(f.base64(27) + '=');
    b.add('', 'and the old-style one for the archive:');
    const p2 = b.add(`https://county-archive.s3.amazonaws.com/minutes/2019.pdf?AWSAccessKeyId=${id2}&Expires=1924992000&Signature=${sig2}`);
    b.plant({ kind: 's3-presigned-url', line: p2, secrets: [], expired: false });
    const cf = b.add('', `Public site: https://d111111abcdef8.cloudfront.net/maps/precincts.pdf?Expires=1924992000&Signature=${f.base64(120)}&Key-Pair-Id=APKA${f.base32(16)}`);
    b.negative(cf + 1, 'a CloudFront signed URL (APKA key-pair id, not a key)');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('config/storage.env');
    const key = f.azureKey();
    b.add('AZURE_STORAGE_ACCOUNT=harlowbackups');
    const k = b.add(`AZURE_STORAGE_KEY=${key}`);
    b.plant({ kind: 'azure-storage-key', line: k, secrets: [key], withSecret: true });
    const sig = f.sasSignature();
    const s = b.add(`AZURE_STORAGE_SAS_TOKEN="sv=2021-08-06&ss=bf&srt=co&sp=rwdlac&se=2025-03-01T00%3A00%3A00Z&spr=https&sig=${sig}"`);
    b.plant({ kind: 'azure-sas', line: s, secrets: [decodeURIComponent(sig)], expired: true });
    files.push(b.build());
  }
  {
    const b = new FileBuilder('ci/nightly-backup.yml');
    const secret = f.secretKey();
    b.add('name: nightly backup', 'on:', '  schedule:', "    - cron: '0 3 * * *'", 'env:', '  AWS_REGION: us-east-2', '  AWS_ACCESS_KEY_ID: ${{ vars.BACKUP_KEY_ID }}');
    const l = b.add(`  AWS_SECRET_ACCESS_KEY: ${secret}`);
    b.plant({ kind: 'aws-secret-access-key', line: l, secrets: [secret], withSecret: true });
    b.add('jobs:', '  backup:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - run: ./backup.sh');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('Downloads/vr-export_accessKeys.csv');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('Access key ID,Secret access key');
    const l = b.add(`${id},${secret}`);
    b.plant({ kind: 'aws-access-key-id', line: l, secrets: [secret], account, withSecret: true });
    files.push(b.build());
  }
  {
    const b = new FileBuilder('logs/vendor-sync.log');
    const account = f.account();
    const id = f.keyId('ASIA', account);
    b.add(`2026-04-02T03:00:01Z INFO sync starting, run ${f.uuid()}`);
    const l = b.add(`2026-04-02T03:00:02Z DEBUG assumed role VendorSync, temporary key ${id} (expires 04:00)`);
    b.plant({ kind: 'aws-access-key-id', line: l, secrets: [], account, withSecret: false });
    const r = b.add(`2026-04-02T03:00:02Z DEBUG caller AROA${f.base32(17)}:vendor-sync, user AIDA${f.base32(17)}`);
    b.negative(r, 'role and user unique ids (AROA, AIDA): principals, not keys');
    const bearerAccount = f.account();
    const bearer = f.keyId('ABIA', bearerAccount);
    const t = b.add(`2026-04-02T03:00:03Z DEBUG codeartifact bearer token id ${bearer}`);
    b.plant({ kind: 'aws-access-key-id', line: t, secrets: [], account: bearerAccount, withSecret: false });
    b.add(`2026-04-02T03:00:09Z INFO uploaded 14 files, commit ${f.hex(40)}`);
    b.negative(t + 1, 'a git SHA');
    files.push(b.build());
  }

  {
    const b = new FileBuilder('it/new-user-key.json');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('{', '    "AccessKey": {', '        "UserName": "vr-export",');
    const l = b.add(`        "AccessKeyId": "${id}",`, '        "Status": "Active",', `        "SecretAccessKey": "${secret}",`, '        "CreateDate": "2026-03-02T17:04:11+00:00"', '    }', '}');
    b.plant({ kind: 'aws-access-key-id', line: l, lines: [l, l + 2], secrets: [secret], account, withSecret: true });
    files.push(b.build());
  }
  {
    const b = new FileBuilder('it/Set-Upload.ps1');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('# Store the upload key for the results PC', 'Import-Module AWS.Tools.Common');
    const l = b.add(`Set-AWSCredential -AccessKey ${id} -SecretKey ${secret} -StoreAs ResultsUpload`);
    b.plant({ kind: 'aws-access-key-id', line: l, secrets: [secret], account, withSecret: true });
    const sig = f.sasSignature();
    const c = b.add(`$conn = "BlobEndpoint=https://harlowresults.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=o&sp=rwac&se=2026-11-30T05%3A00%3A00Z&spr=https&sig=${sig}"`);
    b.plant({ kind: 'azure-sas', line: c, secrets: [decodeURIComponent(sig)], account: 'harlowresults', expired: false });
    files.push(b.build());
  }

  {
    const b = new FileBuilder('analysis/turnout.ipynb');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('{', ' "cells": [', '  {', '   "cell_type": "code",', '   "execution_count": 3,', '   "metadata": {},', '   "outputs": [],', '   "source": [', '    "import boto3\\n",');
    const l = b.add(`    "s3 = boto3.client(\\"s3\\", aws_access_key_id=\\"${id}\\",\\n",`, `    "                  aws_secret_access_key=\\"${secret}\\")\\n",`);
    b.plant({ kind: 'aws-access-key-id', line: l, lines: [l, l + 1], secrets: [secret], account, withSecret: true });
    b.add('    "df = read_turnout(s3)"', '   ]', '  }', ' ],', ' "nbformat": 4,', ' "nbformat_minor": 5', '}');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('deploy/docker-compose.yml');
    const key = f.azureKey();
    b.add('services:', '  results-web:', '    image: harlow/results-web:2.4', '    environment:', '      - ASPNETCORE_ENVIRONMENT=Production');
    const l = b.add(`      - Storage__ConnectionString=DefaultEndpointsProtocol=https;AccountName=harlowresults;AccountKey=${key};EndpointSuffix=core.usgovcloudapi.net`);
    b.plant({ kind: 'azure-connection-string', line: l, secrets: [key], account: 'harlowresults', withSecret: true });
    const n = b.add(`      - BUILD_ID=${f.uuid()}`, '    ports:', '      - "8080:80"');
    b.negative(n, 'a UUID');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('mail/state-pickup.html');
    const sig = f.sasSignature();
    const url = sasUrl(f, 'harlowstate', 'pickup/absentee-2026.csv', '2026-03-15T00:00:00Z', sig).replace(/&/g, '&amp;');
    b.add('<html><body>', '<p>The absentee file is ready for pickup:</p>');
    const l = b.add(`<p><a href="${url}">absentee-2026.csv</a></p>`);
    b.plant({ kind: 'azure-sas', line: l, secrets: [decodeURIComponent(sig)], account: 'harlowstate', expired: true });
    b.add('</body></html>');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('ci/deploy.env');
    const body = f.pemBody();
    const doc = {
      type: 'service_account',
      project_id: 'harlow-results',
      private_key_id: f.hex(40),
      private_key: `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`,
      client_email: 'deployer@harlow-results.iam.gserviceaccount.com',
      client_id: `1${f.digits(20)}`,
    };
    b.add('DEPLOY_REGION=us-central1');
    const l = b.add(`GOOGLE_CREDENTIALS='${JSON.stringify(doc)}'`);
    b.plant({ kind: 'gcp-service-account-key', line: l, secrets: [body], account: doc.client_email, withSecret: true });
    files.push(b.build());
  }
  {
    const b = new FileBuilder('clerk/notes/vendor-call.md');
    const account = f.account();
    const id = f.keyId('AKIA', account);
    const secret = f.secretKey();
    b.add('## Call with the ENR vendor, 2 April', '', '- They will rotate the upload key after the election.', '- Current key, for the record:');
    const l = b.add('', `    key id:  ${id}`, `    secret:  ${secret}`);
    b.plant({ kind: 'aws-access-key-id', line: l + 1, lines: [l + 1, l + 2], secrets: [secret], account, withSecret: true });
    const n = b.add('', `- Ticket #${f.digits(5)}; their build ${f.hex(40)}.`);
    b.negative(n + 1, 'a git SHA');
    files.push(b.build());
  }

  // Close negatives.
  {
    const b = new FileBuilder('docs/aws-setup.md');
    b.add('# Setting up the AWS CLI', '', 'Run `aws configure` and enter your keys, for example:', '');
    const e = b.add('    AWS Access Key ID [None]: AKIAIOSFODNN7EXAMPLE', '    AWS Secret Access Key [None]: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    b.negative(e, "AWS's documentation example key id");
    b.negative(e + 1, "AWS's documentation example secret");
    const e2 = b.add('', '```ini', '[default]', 'aws_access_key_id = AKIAI44QH8DHBEXAMPLE', 'aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', '```');
    b.negative(e2 + 3, "AWS's second documentation example key id");
    b.negative(e2 + 4, "AWS's second documentation example secret");
    const e3 = b.add('', 'Temporary credentials look like ASIAIOSFODNN7EXAMPLE.');
    b.negative(e3 + 1, "AWS's example temporary key id");
    const e4 = b.add(
      '',
      'A presigned URL from the S3 documentation:',
      `https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404`,
    );
    b.negative(e4 + 2, "the S3 documentation's presigned URL (example key id)");
    files.push(b.build());
  }
  {
    const b = new FileBuilder('templates/.env.example');
    const lines: [string, string][] = [
      ['AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX', 'a key id of X'],
      ['AWS_SECRET_ACCESS_KEY=<your-secret-access-key>', 'an angle-bracket placeholder'],
      ['AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}', 'a shell variable'],
      ['AZURE_STORAGE_KEY=your-key-here', 'your-key-here'],
      ['AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net"', 'a connection string template'],
      [`AZURE_STORAGE_SAS=sv=2022-11-02&ss=b&sp=r&se=2030-01-01&sig=${'X'.repeat(43)}%3D`, 'a SAS signature of X'],
      [`BACKUP_SECRET_KEY=${'a'.repeat(40)}`, 'a run of one character'],
      ['AWS_ACCESS_KEY_ID=AKIAAAAAAAAAAAAAAAAA', 'a key id of one repeated character'],
    ];
    for (const [line, what] of lines) b.negative(b.add(line), what);
    files.push(b.build());
  }
  {
    const b = new FileBuilder('exports/cloudtrail-2026-04-02.json');
    b.add('{"Records": [');
    for (const prefix of ['AIDA', 'AROA', 'AGPA', 'ANPA', 'ANVA', 'AIPA', 'APKA', 'ASCA']) {
      const l = b.add(`  {"eventName": "GetObject", "userIdentity": {"type": "AssumedRole", "principalId": "${f.keyId(prefix)}:session"}, "requestID": "${f.hex(16).toUpperCase()}"},`);
      b.negative(l, `a ${prefix} unique id (not a credential)`);
    }
    b.add(']}');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('dev/local.settings.json');
    const l = b.add(
      '{',
      '  "IsEncrypted": false,',
      '  "Values": {',
      '    "AzureWebJobsStorage": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"',
      '  }',
      '}',
    );
    b.negative(l + 3, "the storage emulator's published key (Azurite)");
    files.push(b.build());
  }
  {
    const b = new FileBuilder('keys/service-account.template.json');
    const l = b.add(
      '{',
      '  "type": "service_account",',
      '  "project_id": "your-project",',
      '  "private_key_id": "",',
      '  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n",',
      '  "client_email": "name@your-project.iam.gserviceaccount.com"',
      '}',
    );
    b.negative(l + 4, 'a service-account key template with no key');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('data/checksums.txt');
    for (let i = 0; i < 6; i++) b.negative(b.add(`${f.hex(40)}  precinct-${i + 1}.csv`), 'a SHA-1 digest');
    b.negative(b.add(`${f.hex(64)}  roll.zip`), 'a SHA-256 digest');
    b.negative(b.add(`upload-token: ${f.base64(40)}`), 'a 40-character base64 token not named as a secret, no key id near');
    b.negative(b.add(`signing-cert-digest: ${f.base64(86)}==`), 'an 88-character base64 value not named as a storage key');
    b.negative(b.add(`session=${f.uuid()}; request=${f.uuid()}`), 'UUIDs');
    b.negative(b.add(`jwt=eyJhbGciOiJIUzI1NiJ9.${f.base64(60)}.${f.base64(43)}`), 'a JWT');
    files.push(b.build());
  }
  {
    const b = new FileBuilder('src/git-log.txt');
    for (let i = 0; i < 5; i++) b.negative(b.add(`commit ${f.hex(40)}`, 'Author: IT <it@harlow.example>', '', '    Fix precinct map export', ''), 'a git SHA');
    files.push(b.build());
  }
  return files;
}

const PROSE =
  'the county board of canvassers met at nine and certified the results of the general election after the audit of ballots from every precinct ' +
  'Absentee ballots received after the deadline were logged and kept sealed A provisional ballot is counted once eligibility is confirmed ' +
  'Staff will post the polling place list and the sample ballot on the county website The Secretary of State requires the canvass within ten days ' +
  'Access to the voter registration system is limited to trained staff Equipment was tested in public on October 3 with observers from both parties';

/**
 * Office text for throughput figures: prose, CSV rows, JSON and INI settings, code with
 * comparisons, digests and ids, and one real-shaped credential per MB or so. Deterministic.
 */
export function officeText(bytes: number, seed = 5): string {
  const f = new Forge(seed);
  const words = PROSE.split(' ');
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let piece: string;
    switch (i % 8) {
      case 0:
      case 1:
      case 2: {
        const start = f.int(words.length - 60);
        piece = words.slice(start, start + 40 + (i % 20)).join(' ') + '.\n';
        break;
      }
      case 3:
        piece = `${f.digits(8)},SMITH,JANE,${f.digits(4)} MAIN ST,HARLOW,${f.digits(5)},0${f.digits(1)}/1${f.digits(1)}/19${f.digits(2)},ACT,PCT-${f.digits(3)}\n`;
        break;
      case 4:
        piece = `{"id": "${f.uuid()}", "precinct": ${f.digits(3)}, "status": "certified", "sha": "${f.hex(40)}", "total_key": "t${f.digits(3)}"}\n`;
        break;
      case 5:
        piece = `  if (row.count == expected && row.hash === "${f.hex(64)}") { audit_key = row.id; } // ${f.base64(24)}\n`;
        break;
      case 6:
        piece = `[precinct-${f.digits(3)}]\nname = Ward ${f.digits(2)}\nmachine_serial = ${f.base32(12)}\nAUDIT_ENABLED=true\n`;
        break;
      default:
        piece = i % 1200 === 7 ? `AWS_ACCESS_KEY_ID=${f.keyId()}\nAWS_SECRET_ACCESS_KEY=${f.secretKey()}\n` : `Minutes ${f.digits(4)}: Approved as amended. Next meeting ${f.digits(2)}/${f.digits(2)}.\n`;
    }
    parts.push(piece);
    size += piece.length;
  }
  return parts.join('');
}

/** A short digest of the corpus, to notice when a change of generator changes the files the figures were measured on. */
export function corpusDigest(files: CorpusFile[]): string {
  const h = createHash('sha256');
  for (const file of files) h.update(file.path).update('\0').update(file.content);
  return h.digest('hex').slice(0, 12);
}
