import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { listAudits } from '../../electron/core/store/audits';
import { openDatabase } from '../../electron/core/store/db';

const BIN = path.resolve(__dirname, '../../bin/canvass');
const FIXTURES = path.resolve(__dirname, '../fixtures/aws-config');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-cli-config-'));
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CANVASS_DATA_DIR: tmp() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

interface FindingsDoc {
  audit: { sources: Array<{ kind: string; ref: string }> };
  findings: Array<{ checkId: string; status: string; resource: { name: string } }>;
}

describe('canvass scan --evidence with AWS Config', () => {
  it('scans a configuration snapshot: exit 0, an aws-config source, the public bucket named', () => {
    const dir = tmp();
    const snapshot = path.join(FIXTURES, 'snapshot.json');
    const json = path.join(dir, 'findings.json');
    const r = run(['scan', '--evidence', snapshot, '--db', path.join(dir, 'c.db'), '--json', json]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 buckets/);
    expect(r.stdout).toMatch(/Readable by anyone on the internet: lakeview-legacy-exports, lakeview-voter-rolls-public\./);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as FindingsDoc;
    expect(doc.audit.sources).toEqual([{ kind: 'aws-config', ref: snapshot }]);
    expect(doc.findings.find((f) => f.checkId === 's3.bucket.public-write' && f.resource.name === 'lakeview-scratch')?.status).toBe('fail');
  });

  it('scans a gzipped snapshot as AWS Config delivers it to S3', () => {
    const dir = tmp();
    const gz = path.join(dir, '111122223333_Config_us-east-2_ConfigSnapshot_20261119T214430Z_94ccff53.json.gz');
    writeFileSync(gz, gzipSync(readFileSync(path.join(FIXTURES, 'snapshot.json'))));
    const r = run(['scan', '--evidence', gz, '--db', path.join(dir, 'c.db')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4 buckets/);
  });

  it('a Config file of another resource type: exit 1, one line, nothing written', () => {
    const dir = tmp();
    const db = path.join(dir, 'c.db');
    const json = path.join(dir, 'findings.json');
    const other = path.join(FIXTURES, 'other-resource-type.json');
    const r = run(['scan', '--evidence', other, '--db', db, '--json', json]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`canvass: ${other} holds no AWS::S3::Bucket configuration items (it holds 1 item of AWS::EC2::Volume)\n`);
    expect(existsSync(json)).toBe(false);
    const d = openDatabase(db);
    expect(listAudits(d)).toEqual([]);
    d.close();
  });

  it('a file that is not JSON: exit 1, one line', () => {
    const bad = path.join(tmp(), 'snapshot.json');
    writeFileSync(bad, 'not json');
    const r = run(['scan', '--evidence', bad, '--db', path.join(tmp(), 'c.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^canvass: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
  });
});
