import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { checklistsDir, loadChecklists } from '../../electron/core/remediation/checklists';
import { assignFinding, setStep } from '../../electron/core/remediation/work';
import { listAudits } from '../../electron/core/store/audits';
import { openDatabase } from '../../electron/core/store/db';
import { listFindings } from '../../electron/core/store/findings';

const BIN = path.resolve(__dirname, '../../bin/canvass');
const BUCKET = 'harlow-county-voter-rolls-public';
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-cli-work-'));
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CANVASS_DATA_DIR: tmp() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const catalogue = loadChecklists(checklistsDir(findResourcesDir()));

/** The demo audit in a database file, with the public voter-roll bucket's first step done and the finding assigned. */
function workedDemo() {
  const dir = tmp();
  const db = path.join(dir, 'canvass.db');
  expect(run(['scan', '--demo', '--db', db]).code).toBe(0);
  const d = openDatabase(db);
  try {
    const [audit] = listAudits(d);
    const findings = listFindings(d, audit.id);
    const publicRead = findings.find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === BUCKET && f.status === 'fail')!;
    const ctx = { catalogue, actor: 'Pat Lee', now: () => new Date('2026-11-26T10:00:00Z') };
    setStep(d, { auditId: audit.id, seq: publicRead.seq, step: 1, state: 'done', expectedRevision: 0 }, ctx);
    assignFinding(d, { auditId: audit.id, seq: publicRead.seq, assignee: 'Sam Ortiz', dueDate: '2026-12-01', expectedRevision: 0 }, ctx);
    return {
      dir,
      db,
      auditId: audit.id,
      seq: publicRead.seq,
      worked: findings.filter((f) => f.status === 'fail' || f.status === 'unknown'),
      passed: findings.find((f) => f.status === 'pass')!,
    };
  } finally {
    d.close();
  }
}

describe('canvass checklist', () => {
  const demo = workedDemo();

  it('prints the open steps of one finding with the bucket filled in, the settled step in one line, and the blanks with their meaning', () => {
    const r = run(['checklist', '--db', demo.db, '--audit', demo.auditId, '--finding', String(demo.seq)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain(`== Finding ${demo.seq}: `);
    expect(out).toContain(`bucket ${BUCKET}`);
    expect(out).toContain('6 of 7 steps to do; assigned to Sam Ortiz, due 2026-12-01.');
    expect(out).toContain('Settled: step 1 done by Pat Lee.');
    // Step 1 is done: neither its heading nor its commands are printed.
    expect(out).not.toMatch(/^Step 1\b/m);
    expect(out).not.toContain('> bucket-policy-before.json');
    // The open steps' commands, filled in and on lines of their own, ready to paste.
    const commands = out.split('\n').filter((l) => l.startsWith('    aws '));
    expect(commands).toContain(
      `    aws s3api put-public-access-block --bucket ${BUCKET} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`,
    );
    expect(commands).toContain(`    aws s3api put-bucket-acl --bucket ${BUCKET} --acl private`);
    expect(commands.filter((c) => c.includes('{bucket}'))).toEqual([]);
    // What is still blank is named, with what it means.
    expect(out).toMatch(/^ {2}Fill in first: <LOG_BUCKET>, <LOG_PREFIX>$/m);
    expect(out).toContain("    <LOG_BUCKET>: The bucket that receives this bucket's server access logs");
    expect(out).toContain(`    aws s3 cp s3://<LOG_BUCKET>/<LOG_PREFIX> access-logs/ --recursive`);
    expect(out).toMatch(/^Step 2: Keep the access logs and the change history$/m);
    expect(out).toMatch(/^Step 7: Report the exposure if voter data was in the bucket$/m);
    expect(out).toContain(`Then check the fix:`);
  });

  it('without --finding, prints every finding that needs action, most severe first', () => {
    const r = run(['checklist', '--db', demo.db, '--audit', demo.auditId]);
    expect(r.code).toBe(0);
    const headers = [...r.stdout.matchAll(/^== Finding (\d+): /gm)].map((m) => Number(m[1]));
    expect(headers.sort((a, b) => a - b)).toEqual(demo.worked.map((f) => f.seq));
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^Audit ${demo.auditId}, Harlow County \\(demo\\): ${demo.worked.length} findings to work`));
    expect(r.stdout.indexOf('(critical, ')).toBeLessThan(r.stdout.indexOf('(low, '));
  });

  it('ends quietly, exit 0, when the reader closes the pipe early (| head)', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" checklist --db "${demo.db}" --audit ${demo.auditId} | head -1`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Audit \S+, Harlow County \(demo\): \d+ findings to work/);
  });

  it('refuses an unknown audit, finding, a passed finding, a bad number and a missing database: exit 1, one line, nothing created', () => {
    const missing = path.join(demo.dir, 'nope', 'none.db');
    const cases: Array<[string[], RegExp]> = [
      [['checklist', '--db', demo.db, '--audit', 'nope'], /^canvass: no audit nope in this database\n$/],
      [['checklist', '--db', demo.db, '--audit', demo.auditId, '--finding', '99999'], new RegExp(`^canvass: audit ${demo.auditId} has no finding 99999\\n$`)],
      [['checklist', '--db', demo.db, '--audit', demo.auditId, '--finding', String(demo.passed.seq)], /^canvass: finding \d+ of audit \S+ passed: it has no checklist to work\n$/],
      [['checklist', '--db', missing, '--audit', demo.auditId], /^canvass: .*none\.db: no such database\n$/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(path.dirname(missing))).toBe(false);
    const bad = run(['checklist', '--db', demo.db, '--audit', demo.auditId, '--finding', 'twelve']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^canvass: --finding takes a finding number, like 12 \(got "twelve"\)\nUsage:/);
  });

  it('the report of the worked audit carries the checklist with the step done and the assignee', () => {
    const html = path.join(demo.dir, 'worked.html');
    expect(run(['report', '--db', demo.db, '--audit', demo.auditId, '--out', html]).code).toBe(0);
    const out = readFileSync(html, 'utf8');
    expect(out).toContain(`aria-labelledby="record-${demo.seq}"`);
    expect(out).toContain('<dt>Assigned to</dt><dd>Sam Ortiz</dd>');
    expect(out).toMatch(/<tr class="step-done"><td class="n">1<\/td>/);
  });
});

describe('canvass log verify', () => {
  const demo = workedDemo();
  /** A copy of the worked database (closed, so its file is whole), changed behind Canvass's back. */
  const tampered = (name: string, sql: string) => {
    const file = path.join(demo.dir, name);
    copyFileSync(demo.db, file);
    const t = openDatabase(file);
    t.prepare(sql).run();
    t.close();
    return file;
  };

  it('says the log is intact with its number of entries, then names the first entry changed behind its back', () => {
    const d = openDatabase(demo.db);
    const entries = (d.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    d.close();
    // The scan's audit.created, the step and the assignment.
    expect(entries).toBe(3);
    const ok = run(['log', 'verify', '--db', demo.db]);
    expect(ok).toEqual({ code: 0, stdout: `audit log intact: ${entries} entries\n`, stderr: '' });

    const broken = run(['log', 'verify', '--db', tampered('changed.db', `UPDATE audit_log SET actor = 'Someone Else' WHERE seq = 2`)]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toBe('canvass: audit log broken at entry 2: entry 2 (step.set) was changed after it was written\n');
  });

  it('names an entry removed from the middle', () => {
    const r = run(['log', 'verify', '--db', tampered('removed.db', 'DELETE FROM audit_log WHERE seq = 2')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('canvass: audit log broken at entry 2: entry 2 is missing (the next entry is 3)\n');
  });

  it('refuses a missing or empty database without creating one, and a missing subcommand with usage', () => {
    const dir = tmp();
    const missing = path.join(dir, 'none.db');
    const r = run(['log', 'verify', '--db', missing]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `canvass: ${missing}: no such database\n` });
    expect(existsSync(missing)).toBe(false);
    const empty = path.join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(run(['log', 'verify', '--db', empty])).toEqual({ code: 1, stdout: '', stderr: `canvass: ${empty}: an empty file, not a Canvass database\n` });
    expect(readFileSync(empty).length).toBe(0);
    for (const args of [['log'], ['log', 'check', '--db', missing], ['log', 'verify']]) {
      const u = run(args);
      expect(u.code, args.join(' ')).toBe(1);
      expect(u.stderr).toContain('Usage:');
    }
  });

  it('is in the usage text, with checklist', () => {
    const r = run(['--help']);
    expect(r.stdout).toContain('canvass checklist --db FILE --audit ID [--finding N]');
    expect(r.stdout).toContain('canvass log verify --db FILE');
  });
});
