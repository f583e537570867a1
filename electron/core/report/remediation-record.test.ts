import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCopy } from '../../../tests/helpers/bundle';
import { launchChromium } from '../../../tests/helpers/chromium';
import { catalog } from '../checks/registry';
import { readingOrder } from '../checks/engine';
import { findResourcesDir } from '../paths';
import { addAttachment } from '../remediation/attachments';
import { checklistsDir, loadChecklists } from '../remediation/checklists';
import { verifyFix } from '../remediation/verify-fix';
import { addNote, assignFinding, setStep, signOff } from '../remediation/work';
import { runScan } from '../scan/scan';
import { summarize } from '../scan/summary';
import { getAudit } from '../store/audits';
import { openDatabase, type Db } from '../store/db';
import { countFindings, listFindings, type StoredFinding } from '../store/findings';
import { listSources } from '../store/sources';
import { renderReportHtml } from './html';
import { escapeHtml } from './markup';
import { pdfFromHtml } from './pdf';
import { loadReportWork } from './report-work';

const resourcesDir = findResourcesDir(__dirname);
const catalogue = loadChecklists(checklistsDir(resourcesDir));
const VOTER_BUCKET = 'harlow-county-voter-rolls-public';
const XSS = '<script>alert(1)</script>';
const ctx = (actor: string, at = '2026-11-24T15:30:00Z') => ({ catalogue, actor, now: () => new Date(at) });

/**
 * The demo audit with three findings worked through the core, as the app and the CLI would:
 * - public read of the voter-roll bucket: steps done, not applicable and blocked, assigned
 *   (overdue), a note, an attachment and a verification attempt; not signed;
 * - versioning of the access-log bucket: every step done and signed off;
 * - public write of the scratch bucket: untouched.
 */
async function workedAudit(db: Db, dataDir: string) {
  const { audit } = await runScan(db, { jurisdiction: 'Harlow County', auditor: 'Dana Ruiz', sources: [{ kind: 'demo' }] }, { resourcesDir, now: () => new Date('2026-11-20T09:00:00Z') });
  const auditId = audit.id;
  const find = (checkId: string, bucket: string) => listFindings(db, auditId).find((f) => f.checkId === checkId && f.resource.name === bucket && f.status === 'fail')!;
  const pr = find('s3.bucket.public-read', VOTER_BUCKET);
  const vers = find('s3.bucket.versioning', 'harlow-county-access-logs');
  const untouched = find('s3.bucket.public-write', 'harlow-county-scratch');

  setStep(db, { auditId, seq: pr.seq, step: 1, state: 'done', expectedRevision: 0 }, ctx('Pat Lee'));
  setStep(db, { auditId, seq: pr.seq, step: 2, state: 'not_applicable', reason: `logging was never on ${XSS}`, expectedRevision: 0 }, ctx('Pat Lee'));
  setStep(db, { auditId, seq: pr.seq, step: 3, state: 'blocked', reason: 'waiting for the vendor', expectedRevision: 0 }, ctx('Sam Ortiz', '2026-11-25T08:05:00Z'));
  assignFinding(db, { auditId, seq: pr.seq, assignee: 'Sam Ortiz', dueDate: '2026-11-25', expectedRevision: 0 }, ctx('Dana Ruiz'));
  addNote(db, { auditId, seq: pr.seq, text: `Vendor key AKIAIOSFODNN7EXAMPLE was in the ticket ${XSS}` }, ctx('Pat Lee'));
  const shot = path.join(dataDir, 'bpa-before.png');
  const bytes = Buffer.from('screenshot bytes');
  writeFileSync(shot, bytes);
  await addAttachment(db, { auditId, seq: pr.seq, file: shot }, { ...ctx('Pat Lee'), dataDir });
  await verifyFix(db, { auditId, seq: pr.seq, source: { kind: 'evidence', path: demoCopy() } }, ctx('Sam Ortiz', '2026-11-25T09:00:00Z'));

  const versSteps = catalogue.checklists.get('s3.bucket.versioning')!.steps;
  for (const s of versSteps) setStep(db, { auditId, seq: vers.seq, step: s.n, state: 'done', expectedRevision: 0 }, ctx('Pat Lee'));
  signOff(db, { auditId, seq: vers.seq, name: 'Dana Ruiz', role: 'County Clerk' }, ctx('Dana Ruiz', '2026-11-26T16:45:00Z'));

  return { auditId, pr, vers, untouched, sha: createHash('sha256').update(bytes).digest('hex'), versSteps: versSteps.length };
}

/** The report as the CLI and the app build it, for the given findings of the audit. */
function reportHtml(db: Db, auditId: string, keep?: (f: StoredFinding) => boolean): string {
  const audit = getAudit(db, auditId)!;
  const findings = listFindings(db, auditId).filter(keep ?? (() => true)).sort(readingOrder);
  return renderReportHtml({
    audit: { ...audit, sources: listSources(db, auditId), counts: countFindings(db, auditId) },
    summary: summarize(findings),
    findings,
    catalog: catalog(),
    work: loadReportWork(db, auditId, catalogue, new Date('2026-11-26T12:00:00Z')),
    generatedAt: '2026-11-26T17:00:00Z',
    version: '0.1.0',
  });
}

/** One record of the remediation section, from its heading to the next record. */
function record(html: string, seq: number): string {
  const start = html.indexOf(`<article class="record`, html.indexOf(`aria-labelledby="record-${seq}"`) - 200);
  expect(start, `record of finding ${seq}`).toBeGreaterThan(-1);
  const end = html.indexOf('</article>', start);
  return html.slice(start, end);
}

describe('the report with worked findings', () => {
  let db: Db;
  let dataDir: string;
  let w: Awaited<ReturnType<typeof workedAudit>>;
  let browser: Browser;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'canvass-report-work-'));
    w = await workedAudit(db, dataDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    db?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the work of every failing or unknown finding, and of no other', () => {
    const work = loadReportWork(db, w.auditId, catalogue);
    const worked = listFindings(db, w.auditId).filter((f) => f.status === 'fail' || f.status === 'unknown');
    expect([...work.keys()].sort((a, b) => a - b)).toEqual(worked.map((f) => f.seq));
    expect(work.get(w.pr.seq)?.assignee).toBe('Sam Ortiz');
  });

  it('prints each finding record in the order of the findings section, after what was verified and before the report sign-off', () => {
    const html = reportHtml(db, w.auditId);
    const worked = listFindings(db, w.auditId).filter((f) => f.status === 'fail' || f.status === 'unknown');
    const records = [...html.matchAll(/aria-labelledby="record-(\d+)"/g)].map((m) => Number(m[1]));
    expect(records.sort((a, b) => a - b)).toEqual(worked.map((f) => f.seq));
    const entries = [...html.matchAll(/<h5 id="finding-(\d+)"/g)].map((m) => Number(m[1]));
    expect([...html.matchAll(/aria-labelledby="record-(\d+)"/g)].map((m) => Number(m[1]))).toEqual(entries);
    expect(html.indexOf('What was verified')).toBeLessThan(html.indexOf('id="remediation-h"'));
    expect(html.indexOf('id="remediation-h"')).toBeLessThan(html.indexOf('id="signoff-h"'));
    // Under the finding itself, one line says where it stands and points to its record.
    expect(html).toContain(`Its checklist is in the remediation record, finding ${w.pr.seq}.`);
  });

  it('shows each step with its status, reason, who and when, and the people, files, attempts and sign-off, all escaped', () => {
    const html = reportHtml(db, w.auditId);
    const pr = record(html, w.pr.seq);
    expect(pr).toMatch(/<tr class="step-done"><td class="n">1<\/td><td>Save a record of what is public[^<]*<\/td><td class="state"><span class="box checked"[^>]*><\/span><strong>Done<\/strong><\/td><td class="by">Pat Lee<br><span class="small muted">2026-11-24 15:30 UTC/);
    expect(pr).toContain(`<strong>Not applicable:</strong> logging was never on ${escapeHtml(XSS)}`);
    expect(pr).toMatch(/<tr class="step-blocked"><td class="n">3<\/td>[\s\S]*?<strong>Blocked:<\/strong> waiting for the vendor<\/td><td class="by">Sam Ortiz<br><span class="small muted">2026-11-25 08:05 UTC/);
    expect(pr).toMatch(/<tr class="step-open"><td class="n">4<\/td>.*<span class="box" aria-hidden="true"><\/span>Open<\/td><td class="by"><\/td>/);
    expect(pr).toContain('<dt>Assigned to</dt><dd>Sam Ortiz</dd>');
    // The header row, repeated on each page the record runs over, names the finding.
    expect(pr).toContain(`<thead><tr><th scope="col" class="n">Step</th><th scope="col">Finding ${w.pr.seq}: what to do</th>`);
    expect(pr).toContain('2026-11-25 <strong class="overdue">(overdue)</strong>');
    expect(pr).toContain('In progress (2 of 7 steps settled)');
    expect(pr).toContain(`<td class="file">bpa-before.png<br><span class="mono sha">${w.sha}</span></td>`);
    expect(pr).toMatch(/2026-11-25 09:00 UTC<br>Sam Ortiz<\/td><td class="from">Evidence bundle: .*<td class="result v-fail">Fail<\/td>/);
    // Notes are the person's words, escaped, with anything shaped like a key masked.
    expect(pr).toContain(`Vendor key AKIA…MPLE was in the ticket ${escapeHtml(XSS)}`);
    expect(html).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(html).not.toMatch(/<script/i);
    // Not signed: blank lines to sign on paper.
    for (const f of ['Name', 'Role', 'Signature', 'Date']) expect(pr).toContain(`<p class="sig-label">${f}</p>`);
    expect(pr).not.toContain('class="signed"');

    const vers = record(html, w.vers.seq);
    expect(vers).toContain('<span class="field-label">Signed off</span> by <strong>Dana Ruiz</strong>, County Clerk, on 2026-11-26 16:45 UTC.');
    expect(vers).not.toContain('sig-label');
    expect(vers.match(/<tr class="step-done">/g)).toHaveLength(w.versSteps);
    expect(record(html, w.untouched.seq)).toContain('Not started (0 of 7 steps settled)');
  });

  it('prints no remediation record when there is no work to show', () => {
    const html = renderReportHtml(reportInputWithoutWork(db, w.auditId));
    expect(html).not.toContain('id="remediation-h"');
    expect(html).not.toContain('class="work-line"');
  });

  it('prints the records in the PDF: statuses, the N/A reason, the assignee, the sign-off and blank sign-off lines', async () => {
    const html = reportHtml(db, w.auditId, (f) => [w.pr.seq, w.vers.seq, w.untouched.seq].includes(f.seq) || f.status === 'pass');
    const file = path.join(dataDir, 'worked.pdf');
    writeFileSync(file, await pdfFromHtml(browser, html));
    if (process.env.CANVASS_REPORT_PREVIEW_DIR) copyFileSync(file, path.join(process.env.CANVASS_REPORT_PREVIEW_DIR, 'worked.pdf'));
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const from = (seq: number) => {
      const at = text.indexOf(`Finding ${seq}: `);
      expect(at, `record of finding ${seq} in the PDF`).toBeGreaterThan(-1);
      // The next record's heading, not the steps header that names this one ("Finding N: what to do").
      const next = text.slice(at + 1).search(/Finding \d+: (?!what to do)|Review and sign-off/);
      return text.slice(at, at + 1 + next);
    };
    const pr = from(w.pr.seq);
    expect(pr).toMatch(/^\s*1\s+Save a record of what is public.*Done\s+Pat Lee/m);
    // A reason wraps within its column, so pdftotext interleaves it with the next column's lines.
    expect(pr).toMatch(/^\s*2\s+Keep the access logs and the change history\s+N\/A\s+Not applicable:.*Pat Lee/m);
    expect(pr).toMatch(/Not applicable:[\s\S]{0,120}logging was never on[\s\S]{0,200}<script>alert\(1\)<\/script>/);
    expect(pr).toMatch(/^\s*3\s+Turn on Block Public Access for the bucket\s+!\s+Blocked:.*Sam Ortiz/m);
    expect(pr).toMatch(/Blocked: waiting for the[\s\S]{0,200}vendor/);
    expect(pr).toMatch(/^\s*4\s+Remove the public statements from the bucket policy\s+Open\s*$/m);
    expect(pr).toMatch(/Assigned to\s+Sam Ortiz\s+Due\s+2026-11-25 \(overdue\)/);
    expect(pr).toContain('bpa-before.png');
    expect(pr).toContain(w.sha);
    expect(pr).toMatch(/Name\s+Role\s+Signature\s+Date/);
    const vers = from(w.vers.seq);
    expect(vers).toContain('Signed off by Dana Ruiz, County Clerk, on 2026-11-26 16:45 UTC.');
    expect(vers).not.toMatch(/Name\s+Role\s+Signature\s+Date/);
    expect(from(w.untouched.seq)).toMatch(/Name\s+Role\s+Signature\s+Date/);
    expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

function reportInputWithoutWork(db: Db, auditId: string) {
  const audit = getAudit(db, auditId)!;
  const findings = listFindings(db, auditId).sort(readingOrder);
  return {
    audit: { ...audit, sources: listSources(db, auditId), counts: countFindings(db, auditId) },
    summary: summarize(findings),
    findings,
    catalog: catalog(),
    work: new Map(),
    generatedAt: '2026-11-26T17:00:00Z',
    version: '0.1.0',
  };
}
