import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoCopy, writeFile } from '../helpers/bundle';
import { openDatabase } from '../../electron/core/store/db';
import { listAudits } from '../../electron/core/store/audits';

const BIN = path.resolve(__dirname, '../../bin/canvass');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-cli-'));
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CANVASS_DATA_DIR: tmp(), ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

/** canvass-findings/1 as design.md section 5 defines it. */
const findingsDoc = z.object({
  format: z.literal('canvass-findings/1'),
  tool: z.object({ name: z.literal('canvass'), version: z.string().regex(/^\d+\.\d+\.\d+/) }),
  audit: z.object({
    id: z.string(),
    jurisdiction: z.string(),
    startedAt: z.string().datetime(),
    finishedAt: z.string().datetime(),
    sources: z.array(z.object({ kind: z.enum(['live', 'evidence', 'aws-config', 'local', 'demo']), ref: z.string() })),
  }),
  findings: z.array(
    z.object({
      checkId: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/),
      status: z.enum(['fail', 'pass', 'unknown', 'not_applicable']),
      severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
      resource: z.object({ type: z.enum(['account', 'bucket', 'object', 'file']), id: z.string(), name: z.string() }),
      title: z.string().min(1),
      detail: z.string().min(1),
      evidence: z.record(z.string(), z.unknown()),
      references: z.array(z.string()),
    }).strict(),
  ),
});

describe('canvass scan --demo', () => {
  const dir = tmp();
  const json = path.join(dir, 'demo.json');
  const pdf = path.join(dir, 'demo.pdf');
  const csv = path.join(dir, 'demo.csv');
  const db = path.join(dir, 'demo.db');
  const r = run(['scan', '--demo', '--db', db, '--json', json, '--report', pdf, '--csv', csv]);

  it('exits 0 and says in one line what anyone can read', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Readable by anyone on the internet: .*harlow-county-voter-rolls-public/);
    expect(r.stdout).toMatch(/Holding voter data: harlow-county-voter-rolls-public/);
  });

  it('writes valid canvass-findings/1 JSON, one finding per (check, resource), passes included', () => {
    const doc = findingsDoc.parse(JSON.parse(readFileSync(json, 'utf8')));
    expect(doc.audit.sources).toEqual([{ kind: 'demo', ref: 'Harlow County demo evidence (embedded)' }]);
    const keys = doc.findings.map((f) => `${f.checkId} ${f.resource.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(doc.findings.some((f) => f.status === 'pass')).toBe(true);
    const worst = doc.findings[0];
    expect(worst).toMatchObject({ checkId: 's3.bucket.public-read', status: 'fail', severity: 'critical', resource: { name: 'harlow-county-voter-rolls-public' } });
  });

  it('writes a PDF whose text names the public voter-data bucket', () => {
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('harlow-county-voter-rolls-public');
    expect(text).toContain('Harlow County');
  });

  it('writes a CSV with a header and a row per finding', () => {
    const lines = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('checkId,status,severity,resourceType,resourceName,resourceId,title,detail,references');
    expect(lines.length - 1).toBe(JSON.parse(readFileSync(json, 'utf8')).findings.length);
  });

  it('stores the audit so `canvass report` can print it again as HTML', () => {
    const d = openDatabase(db);
    const [audit] = listAudits(d);
    d.close();
    const html = path.join(dir, 'again.html');
    const r2 = run(['report', '--db', db, '--audit', audit.id, '--out', html]);
    expect(r2.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('harlow-county-voter-rolls-public');
  });
});

describe('bad input: one clear line, exit 1, nothing written', () => {
  it('refuses a broken bundle, naming the file, and writes neither outputs nor audits', () => {
    const dir = tmp();
    const bundle = demoCopy();
    writeFile(bundle, 'buckets/harlow-county-scratch/get-bucket-acl.json', '{"Grants": [');
    const db = path.join(dir, 'c.db');
    const r = run(['scan', '--evidence', bundle, '--db', db, '--json', path.join(dir, 'f.json'), '--report', path.join(dir, 'r.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('buckets/harlow-county-scratch/get-bucket-acl.json: not valid JSON');
    expect(existsSync(path.join(dir, 'f.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'r.pdf'))).toBe(false);
    const d = openDatabase(db);
    expect(listAudits(d)).toEqual([]);
    d.close();
  });

  it('refuses a folder that is not a bundle', () => {
    const empty = tmp();
    const r = run(['scan', '--evidence', empty, '--db', path.join(tmp(), 'c.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`canvass: ${empty}: not a Canvass evidence bundle (no manifest.json)\n`);
  });

  it('refuses unknown options, missing sources and a report of another type with usage', () => {
    for (const args of [['scan', '--demo', '--frobnicate'], ['scan'], ['scan', '--demo', '--report', 'x.docx'], ['launch']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain('Usage:');
    }
  });

  it('refuses an audit id that is not in the database', () => {
    const dir = tmp();
    run(['scan', '--demo', '--db', path.join(dir, 'c.db')]);
    const r = run(['report', '--db', path.join(dir, 'c.db'), '--audit', 'nope', '--out', path.join(dir, 'r.html')]);
    expect(r).toMatchObject({ code: 1, stderr: 'canvass: no audit nope in this database\n' });
  });

  it('without a Chromium, writes the HTML report instead and says how to get a PDF', () => {
    const dir = tmp();
    const r = run(['scan', '--demo', '--db', path.join(dir, 'c.db'), '--report', path.join(dir, 'r.pdf')], { CANVASS_CHROMIUM: '/nonexistent/chromium' });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'r.pdf'))).toBe(false);
    expect(readFileSync(path.join(dir, 'r.html'), 'utf8')).toContain('harlow-county-voter-rolls-public');
    expect(r.stderr).toMatch(/no Chromium or Chrome found.*wrote .*r\.html/);
    expect(r.stderr).toMatch(/print to PDF/);
  });
});
