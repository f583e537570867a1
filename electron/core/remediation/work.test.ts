import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { InputError } from '../errors';
import { findResourcesDir } from '../paths';
import { runScan } from '../scan/scan';
import { listLog, verifyLog } from '../store/audit-log';
import { openDatabase, type Db } from '../store/db';
import { listFindings } from '../store/findings';
import { getBoard } from './board';
import { checklistsDir, loadChecklists } from './checklists';
import { addNote, assignFinding, ConflictError, getFindingWork, reopenFinding, setStep, signOff } from './work';

const resourcesDir = findResourcesDir(__dirname);
const catalogue = loadChecklists(checklistsDir(resourcesDir));
const clock = (iso: string) => () => new Date(iso);
const ctx = (actor = 'Pat Lee', at = '2026-11-26T10:00:00Z') => ({ catalogue, actor, now: clock(at) });

async function demoAudit(db: Db, at = '2026-11-20T09:00:00Z') {
  const { audit } = await runScan(db, { jurisdiction: 'Harlow County', auditor: 'Dana Ruiz', sources: [{ kind: 'demo' }] }, { resourcesDir, now: clock(at) });
  return audit;
}

const publicRead = (db: Db, auditId: string) =>
  listFindings(db, auditId).find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === 'harlow-county-voter-rolls-public' && f.status === 'fail')!;

describe('working a finding', () => {
  let db: Db;
  let auditId: string;
  let seq: number;
  beforeEach(async () => {
    db = openDatabase(':memory:');
    auditId = (await demoAudit(db)).id;
    seq = publicRead(db, auditId).seq;
  });

  it('gives every failing or unknown finding its checklist, filled in for its bucket, kept with the audit', () => {
    const w = getFindingWork(db, auditId, seq, catalogue);
    expect(w.checklist?.checkId).toBe('s3.bucket.public-read');
    expect(w.checklist?.version).toBe(catalogue.checklists.get('s3.bucket.public-read')!.version);
    expect(w.checklist?.steps.flatMap((s) => s.cli ?? []).join('\n')).toContain('--bucket harlow-county-voter-rolls-public');
    expect(w.steps.every((s) => s.state === 'open' && s.revision === 0)).toBe(true);
    expect(w.status).toBe('open');
    expect(w.carry).toBe('first');
    const kept = db.prepare('SELECT count(*) AS n FROM audit_checklists WHERE audit_id = ?').get(auditId) as { n: number };
    const worked = new Set(listFindings(db, auditId).filter((f) => f.status === 'fail' || f.status === 'unknown').map((f) => f.checkId));
    expect(kept.n).toBe(worked.size);
    expect(db.prepare('SELECT checklists_version AS v FROM audits WHERE id = ?').get(auditId)).toEqual({ v: catalogue.version });
  });

  it('keeps the checklist the audit was worked with when the catalogue changes', () => {
    const changed = structuredClone(catalogue.checklists.get('s3.bucket.public-read')!);
    changed.version = '9.0.0';
    changed.steps = changed.steps.slice(0, 1);
    const newer = { ...catalogue, checklists: new Map([...catalogue.checklists, ['s3.bucket.public-read', changed]]) };
    const w = getFindingWork(db, auditId, seq, newer);
    expect(w.checklist?.version).toBe(catalogue.checklists.get('s3.bucket.public-read')!.version);
    expect(w.steps.length).toBe(catalogue.checklists.get('s3.bucket.public-read')!.steps.length);
  });

  it('marks steps done, not applicable or blocked (with a reason), and logs each change', () => {
    setStep(db, { auditId, seq, step: 1, state: 'done', expectedRevision: 0 }, ctx());
    setStep(db, { auditId, seq, step: 2, state: 'not_applicable', reason: 'logging was never on', expectedRevision: 0 }, ctx());
    setStep(db, { auditId, seq, step: 3, state: 'blocked', reason: 'waiting for the vendor', expectedRevision: 0 }, ctx('Sam Ortiz'));
    const w = getFindingWork(db, auditId, seq, catalogue);
    expect(w.steps.slice(0, 3).map((s) => [s.state, s.reason, s.updatedBy])).toEqual([
      ['done', '', 'Pat Lee'],
      ['not_applicable', 'logging was never on', 'Pat Lee'],
      ['blocked', 'waiting for the vendor', 'Sam Ortiz'],
    ]);
    expect(w.status).toBe('in_progress');
    const log = listLog(db, auditId).filter((e) => e.action === 'step.set');
    expect(log.map((e) => e.payload.step)).toEqual([1, 2, 3]);
    expect(verifyLog(db).ok).toBe(true);
  });

  it('refuses not applicable or blocked without a reason, and a step the checklist does not have, changing nothing', () => {
    expect(() => setStep(db, { auditId, seq, step: 1, state: 'blocked', reason: '  ', expectedRevision: 0 }, ctx())).toThrow(/reason is required/);
    expect(() => setStep(db, { auditId, seq, step: 99, state: 'done', expectedRevision: 0 }, ctx())).toThrow(/has no step 99/);
    expect(() => setStep(db, { auditId, seq: 99999, step: 1, state: 'done', expectedRevision: 0 }, ctx())).toThrow(/no finding 99999/);
    expect(getFindingWork(db, auditId, seq, catalogue).steps.every((s) => s.state === 'open')).toBe(true);
    expect(listLog(db, auditId).map((e) => e.action)).toEqual(['audit.created']);
  });

  it('two edits of the same step racing: the second sees the first, and nothing is silently lost', () => {
    const seen = getFindingWork(db, auditId, seq, catalogue).steps[0].revision;
    setStep(db, { auditId, seq, step: 1, state: 'done', expectedRevision: seen }, ctx('Pat Lee'));
    let err: unknown;
    try {
      setStep(db, { auditId, seq, step: 1, state: 'blocked', reason: 'no access', expectedRevision: seen }, ctx('Sam Ortiz'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/changed by Pat Lee .* now "done".* not saved/);
    const after = getFindingWork(db, auditId, seq, catalogue).steps[0];
    expect([after.state, after.updatedBy, after.revision]).toEqual(['done', 'Pat Lee', 1]);
    // Having seen it, the second person can make the change.
    setStep(db, { auditId, seq, step: 1, state: 'blocked', reason: 'no access', expectedRevision: after.revision }, ctx('Sam Ortiz'));
    expect(getFindingWork(db, auditId, seq, catalogue).steps[0].state).toBe('blocked');
  });

  it('assigns a finding with a due date, shows it overdue once past, and refuses a date that is not one', () => {
    const r = assignFinding(db, { auditId, seq, assignee: 'County IT (Sam Ortiz)', dueDate: '2026-11-25', expectedRevision: 0 }, ctx());
    expect(r.revision).toBe(1);
    const w = getFindingWork(db, auditId, seq, catalogue, new Date('2026-11-26T12:00:00Z'));
    expect([w.assignee, w.dueDate, w.overdue]).toEqual(['County IT (Sam Ortiz)', '2026-11-25', true]);
    expect(() => assignFinding(db, { auditId, seq, assignee: 'x', dueDate: '2026-02-30', expectedRevision: 1 }, ctx())).toThrow(/calendar date/);
    expect(() => assignFinding(db, { auditId, seq, assignee: 'x', dueDate: null, expectedRevision: 0 }, ctx())).toThrow(ConflictError);
    expect(getFindingWork(db, auditId, seq, catalogue).assignee).toBe('County IT (Sam Ortiz)');
  });

  it('signs off only when every step is settled, names the steps still open, then freezes the steps until reopened', () => {
    addNote(db, { auditId, seq, text: 'Called the vendor; they confirm the bucket was made public in 2024.' }, ctx());
    setStep(db, { auditId, seq, step: 1, state: 'done', expectedRevision: 0 }, ctx());
    expect(() => signOff(db, { auditId, seq, name: 'Dana Ruiz', role: 'County Clerk' }, ctx())).toThrow(/cannot be signed off yet: steps 2 \(open\)/);
    const steps = getFindingWork(db, auditId, seq, catalogue).steps;
    for (const s of steps.slice(1)) setStep(db, { auditId, seq, step: s.n, state: s.n === 2 ? 'not_applicable' : 'done', reason: 'no logs', expectedRevision: s.revision }, ctx());
    setStep(db, { auditId, seq, step: 2, state: 'blocked', reason: 'log bucket locked', expectedRevision: 1 }, ctx());
    expect(() => signOff(db, { auditId, seq, name: 'Dana Ruiz', role: 'County Clerk' }, ctx())).toThrow(/step 2 \(blocked\)/);
    setStep(db, { auditId, seq, step: 2, state: 'done', expectedRevision: 2 }, ctx());
    expect(getFindingWork(db, auditId, seq, catalogue).status).toBe('ready_to_sign');
    signOff(db, { auditId, seq, name: 'Dana Ruiz', role: 'County Clerk' }, ctx('Dana Ruiz', '2026-11-27T15:00:00Z'));
    const w = getFindingWork(db, auditId, seq, catalogue);
    expect(w.signoff).toEqual({ name: 'Dana Ruiz', role: 'County Clerk', at: '2026-11-27T15:00:00.000Z' });
    expect(w.status).toBe('signed_off');
    expect(w.notes.map((n) => n.author)).toEqual(['Pat Lee']);
    expect(() => setStep(db, { auditId, seq, step: 1, state: 'open', expectedRevision: 1 }, ctx())).toThrow(/signed off by Dana Ruiz .* reopen it/);
    reopenFinding(db, { auditId, seq, reason: 'the re-scan still fails' }, ctx());
    expect(getFindingWork(db, auditId, seq, catalogue).status).toBe('ready_to_sign');
    expect(listLog(db, auditId).map((e) => e.action)).toContain('finding.reopened');
    expect(verifyLog(db).ok).toBe(true);
  });

  it('fills the blanks typed on the page into the commands, shell-quoted, without storing them', () => {
    const cmds = (w: ReturnType<typeof getFindingWork>) => w.checklist!.steps[1].cli!;
    const before = getFindingWork(db, auditId, seq, catalogue);
    expect(before.checklist!.steps[1].missing).toEqual(['<LOG_BUCKET>', '<LOG_PREFIX>']);
    const logged = listLog(db, auditId).length;
    const w = getFindingWork(db, auditId, seq, catalogue, new Date(), { LOG_BUCKET: 'that-bucket', LOG_PREFIX: "voter rolls/it's", SAMPLE_KEY: '-rf x' });
    expect(cmds(w)[1]).toBe(`aws s3 cp s3://that-bucket/'voter rolls/it'\\''s' access-logs/ --recursive`);
    expect(w.checklist!.steps[1].missing).toEqual([]);
    // After an option, a value starting with "-" is joined to it, so the CLI cannot take it for an option of its own.
    expect(w.checklist!.verify.cli!.join('\n')).toContain(`--key='-rf x' --no-sign-request`);
    expect(w.checklist!.verify.missing).toEqual([]);
    // Only one partly filled: the other blank stays, and is still listed.
    const part = getFindingWork(db, auditId, seq, catalogue, new Date(), { LOG_BUCKET: 'that-bucket' });
    expect([cmds(part)[1], part.checklist!.steps[1].missing]).toEqual(['aws s3 cp s3://that-bucket/<LOG_PREFIX> access-logs/ --recursive', ['<LOG_PREFIX>']]);
    expect(listLog(db, auditId).length).toBe(logged);
    expect(cmds(getFindingWork(db, auditId, seq, catalogue))).toEqual(cmds(before));
    expect(() => getFindingWork(db, auditId, seq, catalogue, new Date(), { LOG_BUCKET: 'a\0b' })).toThrow(/<LOG_BUCKET> holds a NUL/);
  });

  it('puts the board in order: most severe first, with overdue, blocked and overall progress', () => {
    assignFinding(db, { auditId, seq, assignee: 'Sam', dueDate: '2026-11-01', expectedRevision: 0 }, ctx());
    setStep(db, { auditId, seq, step: 3, state: 'blocked', reason: 'vendor', expectedRevision: 0 }, ctx());
    setStep(db, { auditId, seq, step: 1, state: 'done', expectedRevision: 0 }, ctx());
    const b = getBoard(db, auditId, catalogue, new Date('2026-11-26T00:00:00Z'));
    const worked = listFindings(db, auditId).filter((f) => f.status === 'fail' || f.status === 'unknown');
    expect(b.items.length).toBe(worked.length);
    expect(b.items[0].severity).toBe('critical');
    const sevRank = ['critical', 'high', 'medium', 'low', 'info'];
    expect(b.items.map((i) => sevRank.indexOf(i.severity))).toEqual([...b.items.map((i) => sevRank.indexOf(i.severity))].sort((x, y) => x - y));
    const mine = b.items.find((i) => i.seq === seq)!;
    expect(mine).toMatchObject({ overdue: true, blockedSteps: 1, stepsSettled: 1, status: 'in_progress', assignee: 'Sam' });
    expect(b.totals).toMatchObject({ overdue: 1, blocked: 1, in_progress: 1, open: worked.length - 1 });
    expect(b.progress.stepsSettled).toBe(1);
  });
});

describe("blanks typed for a local file's finding", () => {
  it('refuses a value starting with "-" where the command would read it as an option', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'canvass-work-blanks-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    const folder = path.join(root, 'share');
    cpSync(path.join(resourcesDir, 'demo', 'local'), folder, { recursive: true });
    const db = openDatabase(':memory:');
    const { audit } = await runScan(db, { jurisdiction: 'Harlow County', auditor: 'D', sources: [{ kind: 'local', path: folder }] }, { resourcesDir, localWorkers: 0 });
    const f = listFindings(db, audit.id).find((x) => x.checkId === 'local.credential.gcp-service-account' && x.status === 'fail')!;
    const refused = () => getFindingWork(db, audit.id, f.seq, catalogue, new Date(), { KEY_ID: '-x' });
    expect(refused).toThrow(InputError);
    expect(refused).toThrow(/<KEY_ID> starts with "-"/);
    const ok = getFindingWork(db, audit.id, f.seq, catalogue, new Date(), { KEY_ID: '5c1e2f9a8b3d' });
    expect(ok.checklist!.steps.flatMap((s) => s.cli ?? [])).toContain('gcloud iam service-accounts keys disable 5c1e2f9a8b3d --iam-account=<SERVICE_ACCOUNT>');
  });
});

describe('the next audit of the same jurisdiction', () => {
  it('shows findings as new, still open (with progress, assignment and notes carried over) or fixed', async () => {
    const db = openDatabase(':memory:');
    const first = await demoAudit(db, '2026-10-01T09:00:00Z');
    const f1 = publicRead(db, first.id);
    setStep(db, { auditId: first.id, seq: f1.seq, step: 1, state: 'done', expectedRevision: 0 }, ctx());
    assignFinding(db, { auditId: first.id, seq: f1.seq, assignee: 'Sam Ortiz', dueDate: '2026-12-01', expectedRevision: 0 }, ctx());
    addNote(db, { auditId: first.id, seq: f1.seq, text: 'Vendor contacted.' }, ctx());
    // Pretend one failing finding of the first audit passed there, so it is "new" the second time,
    // and one passing one failed, so it is "fixed" the second time.
    const passing = listFindings(db, first.id).find((f) => f.status === 'pass')!;
    const otherFail = listFindings(db, first.id).find((f) => f.status === 'fail' && f.seq !== f1.seq)!;
    db.prepare("UPDATE findings SET status = 'fail' WHERE audit_id = ? AND seq = ?").run(first.id, passing.seq);
    db.prepare("UPDATE findings SET status = 'pass' WHERE audit_id = ? AND seq = ?").run(first.id, otherFail.seq);

    const second = await demoAudit(db, '2026-11-20T09:00:00Z');
    expect(db.prepare('SELECT previous_audit_id AS p FROM audits WHERE id = ?').get(second.id)).toEqual({ p: first.id });
    const f2 = publicRead(db, second.id);
    const w = getFindingWork(db, second.id, f2.seq, catalogue);
    expect(w.carry).toBe('still_open');
    expect(w.carriedFrom).toBe(first.id);
    expect(w.steps[0]).toMatchObject({ state: 'done', updatedBy: 'Pat Lee' });
    expect([w.assignee, w.dueDate]).toEqual(['Sam Ortiz', '2026-12-01']);
    expect(w.notes.map((n) => n.text)).toEqual(['Vendor contacted.']);

    const byKey = (auditId: string, f: { checkId: string; resource: { id: string } }) =>
      listFindings(db, auditId).find((x) => x.checkId === f.checkId && x.resource.id === f.resource.id)!;
    expect(getFindingWork(db, second.id, byKey(second.id, passing).seq, catalogue).carry).toBe('fixed');
    expect(getFindingWork(db, second.id, byKey(second.id, otherFail).seq, catalogue).carry).toBe('new');
    const board = getBoard(db, second.id, catalogue);
    expect(board.items.find((i) => i.seq === byKey(second.id, passing).seq)).toMatchObject({ carry: 'fixed', status: 'fixed' });
    expect(board.totals.fixedSinceLastAudit).toBe(1);
    // The first audit's own progress is untouched.
    expect(getFindingWork(db, first.id, f1.seq, catalogue).steps[0].state).toBe('done');
    const created = listLog(db, second.id).find((e) => e.action === 'audit.created')!;
    expect(created.payload).toMatchObject({ previousAuditId: first.id, carried: { new: 1, fixed: 1 } });
  });

  it('carries a step by its title when the checklist was renumbered between the audits', async () => {
    const db = openDatabase(':memory:');
    const first = await demoAudit(db, '2026-10-01T09:00:00Z');
    const f1 = publicRead(db, first.id);
    const current = catalogue.checklists.get('s3.bucket.public-read')!;
    // The first audit was worked with an older checklist whose steps came in the reverse order.
    const older = { ...current, version: '0.9.0', steps: [...current.steps].reverse().map((s, i) => ({ ...s, n: i + 1 })) };
    db.prepare("UPDATE audit_checklists SET version = '0.9.0', checklist_json = ? WHERE audit_id = ? AND check_id = 's3.bucket.public-read'").run(JSON.stringify(older), first.id);
    setStep(db, { auditId: first.id, seq: f1.seq, step: 1, state: 'not_applicable', reason: 'no one to tell', expectedRevision: 0 }, ctx());
    const second = await demoAudit(db, '2026-11-20T09:00:00Z');
    const w = getFindingWork(db, second.id, publicRead(db, second.id).seq, catalogue);
    const last = current.steps.length;
    expect(w.steps.filter((s) => s.state !== 'open').map((s) => [s.n, s.state, s.reason])).toEqual([[last, 'not_applicable', 'no one to tell']]);
  });

  it('another jurisdiction starts fresh', async () => {
    const db = openDatabase(':memory:');
    await demoAudit(db, '2026-10-01T09:00:00Z');
    const { audit } = await runScan(db, { jurisdiction: 'Marlow County', auditor: 'X', sources: [{ kind: 'demo' }] }, { resourcesDir, now: clock('2026-11-01T00:00:00Z') });
    const w = getFindingWork(db, audit.id, publicRead(db, audit.id).seq, catalogue);
    expect(w.carry).toBe('first');
  });
});

describe('a broken checklist folder', () => {
  it('stops a scan before anything is written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-res-'));
    const { cpSync } = await import('node:fs');
    cpSync(resourcesDir, dir, { recursive: true });
    writeFileSync(path.join(dir, 'checklists', 's3.bucket.website.json'), '{ not json');
    const db = openDatabase(':memory:');
    await expect(runScan(db, { jurisdiction: 'Harlow County', auditor: 'D', sources: [{ kind: 'demo' }] }, { resourcesDir: dir })).rejects.toThrow(/s3\.bucket\.website\.json: not valid JSON/);
    expect(db.prepare('SELECT count(*) AS n FROM audits').get()).toEqual({ n: 0 });
  });
});
