import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCopy, DEMO_EVIDENCE, writeFile } from '../../../tests/helpers/bundle';
import { InputError } from '../errors';
import { inspectEvidenceBundle, readEvidenceBundle } from './evidence-bundle';

const BUCKET = 'harlow-county-scratch';

async function refusal(p: string): Promise<string> {
  try {
    await readEvidenceBundle(p);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the bundle was accepted');
}

describe('reading a canvass-evidence/1 bundle', () => {
  it('reads the demo bundle into an inventory, keeping "not configured", "denied" and "not collected" apart', async () => {
    const inv = await readEvidenceBundle(DEMO_EVIDENCE);
    expect(inv.account.accountId).toBe('210987654321');
    expect(inv.buckets).toHaveLength(15);
    const ep = inv.buckets.find((b) => b.name === 'harlow-county-epollbook-sync')!;
    expect(ep.acl).toMatchObject({ kind: 'error', code: 'AccessDenied', call: 'get-bucket-acl' });
    expect(ep.objectAcls).toEqual({ kind: 'missing', call: 'get-object-acl' });
    const scratch = inv.buckets.find((b) => b.name === BUCKET)!;
    expect(scratch.policy).toMatchObject({ kind: 'none', code: 'NoSuchBucketPolicy' });
    const archive = inv.buckets.find((b) => b.name === 'harlow-county-archive-2020')!;
    expect(archive.region).toEqual({ kind: 'value', value: 'us-east-1' });
  });

  it('reads the same bundle from a .zip made by "compress this folder"', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-zip-'));
    const zip = path.join(dir, 'evidence.zip');
    execFileSync('python3', ['-c', `import shutil,sys; shutil.make_archive(sys.argv[1], 'zip', sys.argv[2], 'evidence')`, zip.replace(/\.zip$/, ''), path.dirname(DEMO_EVIDENCE)]);
    const fromZip = await readEvidenceBundle(zip);
    const fromDir = await readEvidenceBundle(DEMO_EVIDENCE);
    expect(fromZip).toEqual(fromDir);
  });

  it('treats an empty file as the AWS CLI printing nothing (get-bucket-versioning on a fresh bucket)', async () => {
    const dir = demoCopy();
    writeFile(dir, `buckets/${BUCKET}/get-bucket-versioning.json`, '');
    const inv = await readEvidenceBundle(dir);
    expect(inv.buckets.find((b) => b.name === BUCKET)!.versioning).toEqual({ kind: 'value', value: {} });
  });

  it('refuses a path that does not exist', async () => {
    expect(await refusal('/nonexistent/evidence')).toMatch(/no such file or folder/);
  });

  it('refuses a folder that is not a bundle, naming it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-empty-'));
    expect(await refusal(dir)).toBe(`${dir}: not a Canvass evidence bundle (no manifest.json)`);
  });

  it('refuses a manifest of another format or version', async () => {
    const dir = demoCopy();
    writeFile(dir, 'manifest.json', { format: 'canvass-evidence/2', accountId: '210987654321' });
    expect(await refusal(dir)).toMatch(/manifest\.json: format "canvass-evidence\/2" is not supported/);
  });

  it('refuses a JSON file that does not parse, naming the file', async () => {
    const dir = demoCopy();
    writeFile(dir, `buckets/${BUCKET}/get-bucket-acl.json`, '{"Owner": ');
    expect(await refusal(dir)).toMatch(new RegExp(`buckets/${BUCKET}/get-bucket-acl\\.json: not valid JSON`));
  });

  it('refuses a bucket file of the wrong shape, naming the file and the field', async () => {
    const dir = demoCopy();
    writeFile(dir, `buckets/${BUCKET}/get-bucket-acl.json`, { Owner: { ID: 'x' }, Grants: 'everyone' });
    expect(await refusal(dir)).toMatch(new RegExp(`buckets/${BUCKET}/get-bucket-acl\\.json: unexpected shape at Grants`));
  });

  it('refuses a policy whose Policy string is not JSON', async () => {
    const dir = demoCopy();
    writeFile(dir, `buckets/${BUCKET}/get-bucket-policy.json`, { Policy: '{not json' });
    expect(await refusal(dir)).toMatch(/get-bucket-policy\.json: the Policy string is not valid JSON/);
  });

  it('refuses bucket folders without list-buckets.json', async () => {
    const dir = demoCopy();
    rmSync(path.join(dir, 'buckets/list-buckets.json'));
    expect(await refusal(dir)).toMatch(/list-buckets\.json is missing: the bundle has bucket folders/);
  });

  it('refuses a bucket folder that list-buckets.json does not name, and unsafe bucket names', async () => {
    const dir = demoCopy();
    writeFile(dir, 'buckets/not-listed/get-bucket-acl.json', { Grants: [] });
    expect(await refusal(dir)).toMatch(/buckets\/not-listed\/ is not in buckets\/list-buckets\.json/);
    const dir2 = demoCopy();
    writeFile(dir2, 'buckets/list-buckets.json', { Buckets: [{ Name: '../../etc' }] });
    expect(await refusal(dir2)).toMatch(/"\.\.\/\.\.\/etc" is not a valid bucket name/);
  });

  it('refuses a zip with an entry that climbs out of the bundle', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-zip-'));
    const zip = path.join(dir, 'evil.zip');
    execFileSync('python3', ['-c', `import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w')\nz.writestr('manifest.json','{}')\nz.writestr('../escape.json','{}')\nz.close()`, zip]);
    expect(await refusal(zip)).toMatch(/unsafe path|invalid relative path/);
  });

  it('refuses a file that is not a zip', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-zip-'));
    writeFileSync(path.join(dir, 'fake.zip'), 'not a zip');
    expect(await refusal(path.join(dir, 'fake.zip'))).toMatch(/not a readable zip file/);
  });

  it('summarizes a bundle without reading every bucket', async () => {
    expect(await inspectEvidenceBundle(DEMO_EVIDENCE)).toMatchObject({ accountId: '210987654321', bucketCount: 15 });
  });
});
