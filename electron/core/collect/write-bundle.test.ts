import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { assertEmptyTarget, writeBundleFolder } from './write-bundle';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-write-'));
const files = new Map([
  ['manifest.json', '{"format":"canvass-evidence/1"}\n'],
  ['buckets/b/get-bucket-acl.json', '{}\n'],
]);

describe('writing a bundle folder', () => {
  it('writes every file into a new folder, leaving nothing beside it', async () => {
    const dir = tmp();
    await writeBundleFolder(path.join(dir, 'evidence'), files);
    expect(readdirSync(dir)).toEqual(['evidence']);
    expect(readFileSync(path.join(dir, 'evidence', 'buckets', 'b', 'get-bucket-acl.json'), 'utf8')).toBe('{}\n');
  });

  it('fills an empty folder', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'evidence'));
    await writeBundleFolder(path.join(dir, 'evidence'), files);
    expect(existsSync(path.join(dir, 'evidence', 'manifest.json'))).toBe(true);
  });

  it('refuses a folder that holds anything, a file, or a missing parent, and writes nothing', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'full'));
    writeFileSync(path.join(dir, 'full', 'keep.txt'), 'x');
    writeFileSync(path.join(dir, 'a-file'), 'x');
    await expect(writeBundleFolder(path.join(dir, 'full'), files)).rejects.toThrow(/exists and is not empty/);
    await expect(assertEmptyTarget(path.join(dir, 'a-file'))).rejects.toThrow(/is not a folder/);
    await expect(assertEmptyTarget(path.join(dir, 'no', 'such'))).rejects.toBeInstanceOf(InputError);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'full']);
    expect(readdirSync(path.join(dir, 'full'))).toEqual(['keep.txt']);
  });

  it('refuses a file name that would leave the bundle, and leaves no partial folder', async () => {
    const dir = tmp();
    await expect(writeBundleFolder(path.join(dir, 'evidence'), new Map([['../escape.json', '{}']]))).rejects.toThrow(/outside the bundle/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
