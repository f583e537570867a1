import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { checklistsDir, loadChecklists } from '../../electron/core/remediation/checklists';
import { assignFinding, setStep as setStepInCore } from '../../electron/core/remediation/work';
import { runScan } from '../../electron/core/scan/scan';
import { openDatabase, type Db } from '../../electron/core/store/db';
import { listFindings } from '../../electron/core/store/findings';
import { RENDERER_DIST, openApp, type AppUnderTest } from '../helpers/app-page';
import { launchChromium } from '../helpers/chromium';
import { axe, boardRow, expectScreen, openBoard, openFinding, setStep, stepItem } from '../helpers/work-page';

/**
 * Working a finding in the real renderer, bound to the real router and core: from open to
 * signed off (steps, not applicable with its reason, assignment, note, attachment), a reload
 * that finds everything still there, the sign-off refused while a step is unsettled, a racing
 * edit from a second window, the audit trail and its chain, axe on the board, the checklist
 * and the audit trail, and focus order and visible focus on the checklist screen.
 * Build the renderer first: npm run build:renderer.
 */

const BUCKET = 'harlow-county-voter-rolls-public';
const TITLE = 'Objects readable by anyone on the internet';
const CHECKLIST_TITLE = `Stop anyone on the internet from downloading files in bucket ${BUCKET}`;
const resourcesDir = findResourcesDir();

let browser: Browser;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) throw new Error('dist/renderer is missing: run "npm run build:renderer" first');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Session {
  db: Db;
  dir: string;
  auditId: string;
  seq: number;
  open(): Promise<AppUnderTest>;
}

/** A database holding the demo county's audit, and windows of the app on it. */
async function start(): Promise<Session> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-e2e-work-'));
  const db = openDatabase(path.join(dir, 'canvass.db'));
  const { audit } = await runScan(db, { jurisdiction: 'Harlow County', auditor: 'Dana Ruiz', sources: [{ kind: 'demo' }] }, { resourcesDir });
  const seq = listFindings(db, audit.id).find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === BUCKET && f.status === 'fail')!.seq;
  const apps: AppUnderTest[] = [];
  cleanups.push(async () => {
    for (const a of apps) await a.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    db,
    dir,
    auditId: audit.id,
    seq,
    async open() {
      const app = await openApp(browser, { db, resourcesDir, dataDir: dir });
      apps.push(app);
      return app;
    },
  };
}

const toFinding = (page: Page) => openFinding(page, 'Harlow County', TITLE, BUCKET);
const workingAs = (page: Page, name: string) => page.getByLabel('Working as').fill(name);
const stepCount = (page: Page) => page.locator('li.cv-step').count();
const checkedState = (page: Page, n: number) => stepItem(page, n).locator('input[type=radio]:checked').getAttribute('value');

describe('working a finding', () => {
  test('from open to signed off; a reload finds everything still there; the audit trail holds, and names an entry changed behind its back', async () => {
    const s = await start();
    const app = await s.open();
    const { page } = app;

    // The board: the finding is open, nobody has it, its steps are not started.
    await openBoard(page, 'Harlow County');
    const row = boardRow(page, TITLE, BUCKET);
    expect(await row.innerText()).toMatch(/Not started/);
    expect(await row.innerText()).toMatch(/Nobody yet/);
    expect(await page.locator('#progress-text').innerText()).toMatch(/^0 of \d+ steps settled \(0%\) · 0 of \d+ findings fixed$/);
    await row.getByRole('button', { name: TITLE, exact: true }).click();
    await expectScreen(page, CHECKLIST_TITLE);

    // What it means, why it matters, who; the commands have the bucket filled in.
    const about = await page.locator('section[aria-labelledby=about-heading]').innerText();
    expect(about).toContain('What it means');
    expect(about).toContain('Why it matters');
    expect(about).toMatch(/Who usually does it\s+The clerk, county IT or the vendor\./);
    const step3 = await stepItem(page, 3).innerText();
    expect(step3).toContain(`In the AWS console: S3 > Buckets > ${BUCKET} > Permissions`);
    expect(step3).toContain(`aws s3api put-public-access-block --bucket ${BUCKET} `);
    await stepItem(page, 3).getByRole('button', { name: 'Copy command 1 of step 3' }).click();
    await expect.poll(() => stepItem(page, 3).locator('.cv-copy__status').first().textContent()).not.toBe('');
    const n = await stepCount(page);
    expect(n).toBeGreaterThanOrEqual(4);

    // Sign-off waits for every step, and says which.
    const signButton = page.getByRole('button', { name: 'Sign off this finding' });
    expect(await signButton.isDisabled()).toBe(true);
    expect(await page.locator('#signoff-status').innerText()).toContain(`Still to settle: step 1 (open), step 2 (open)`);

    // No name under "Working as": nothing is saved, and focus goes there.
    await page.getByLabel('Working as').fill('');
    await setStep(page, 1, 'Done');
    await expect.poll(() => page.locator('#working-as-error').textContent()).toContain('Enter your name under “Working as”');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('working-as');
    await workingAs(page, 'Pat Lee');

    await stepItem(page, 1).getByRole('button', { name: 'Save step 1' }).click();
    await expect.poll(() => stepItem(page, 1).locator('.cv-step__changed').innerText()).toMatch(/^Saved as done by Pat Lee on /);

    // Not applicable needs a reason: refused without one, saved with it.
    await setStep(page, 2, 'Not applicable');
    await expect.poll(() => stepItem(page, 2).locator('.usa-error-message').textContent()).toBe('Say why step 2 is not applicable.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-2-reason');
    await stepItem(page, 2).locator('textarea').fill('Server access logging was never turned on for this bucket.');
    await stepItem(page, 2).getByRole('button', { name: 'Save step 2' }).click();
    await expect.poll(() => stepItem(page, 2).locator('.cv-step__changed').innerText()).toContain('Saved as not applicable by Pat Lee');

    for (let i = 3; i < n; i++) {
      await setStep(page, i, 'Done');
      await expect.poll(() => stepItem(page, i).locator('.cv-step__changed').innerText()).toMatch(/^Saved as done/);
    }
    // One step open: still no sign-off, on the screen and in the core.
    await expect.poll(() => page.locator('#signoff-status').innerText()).toBe(
      `You can sign off once every step is done or marked not applicable. Still to settle: step ${n} (open).`,
    );
    expect(await signButton.isDisabled()).toBe(true);
    const refused = await app.router.handle('work.signOff', { auditId: s.auditId, seq: s.seq, name: 'Dana Ruiz', role: 'County Clerk', actor: 'Pat Lee' }, { emit() {} });
    expect(refused).toEqual({ ok: false, error: { code: 'bad_input', message: `finding ${s.seq} cannot be signed off yet: step ${n} (open) must be done or marked not applicable first` } });

    // Assignment, a note, an attached file.
    await page.getByLabel('Assigned to').fill('County IT');
    await page.getByLabel('Due date').fill('2026-12-15');
    await page.getByRole('button', { name: 'Save assignment' }).click();
    await expect.poll(() => page.locator('section[aria-labelledby=assign-heading] .cv-saved-line').innerText()).toContain('Assigned to County IT, due December 15, 2026.');
    await page.getByLabel('Add a note').fill('Vendor confirmed the bucket is not used by the election-night site.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.locator('.cv-notes').innerText()).toContain('Vendor confirmed the bucket is not used');
    expect(await page.getByLabel('Add a note').inputValue()).toBe('');
    const letter = path.join(s.dir, 'vendor-letter.txt');
    writeFileSync(letter, 'The bucket was closed on 2026-11-26 at 10:04.\n');
    app.host.attachmentAnswers.push(letter);
    await page.getByRole('button', { name: 'Attach a file…' }).click();
    const sha = createHash('sha256').update('The bucket was closed on 2026-11-26 at 10:04.\n').digest('hex');
    await expect.poll(() => page.locator('table.cv-files').innerText().catch(() => '')).toContain(sha);
    expect(await page.locator('table.cv-files tbody tr').innerText()).toMatch(/^vendor-letter\.txt\s+46 bytes\s+[0-9a-f]{64}\s+Pat Lee, /);

    // The last step, then the sign-off.
    await setStep(page, n, 'Done');
    await expect.poll(() => page.locator('#signoff-status').innerText()).toBe('Every step is done or does not apply: this finding can be signed off.');
    await page.getByRole('button', { name: 'Sign off this finding' }).click();
    await expect.poll(() => page.locator('#signoff-name-error').textContent()).toBe('Enter the name of the person signing.');
    await page.getByLabel('Name of the person signing').fill('Dana Ruiz');
    await page.getByLabel('Their role').fill('County Clerk');
    await page.getByRole('button', { name: 'Sign off this finding' }).click();
    await expect.poll(() => page.locator('.cv-signoff__done').innerText().catch(() => '')).toMatch(/^Signed off by Dana Ruiz \(County Clerk\) on /);
    expect(await page.locator('.cv-work__tags').innerText()).toContain('Signed off');
    expect(await page.getByRole('button', { name: `Save step 1` }).count()).toBe(0);

    // Reload: the same screen, and everything still there.
    await page.reload();
    await expectScreen(page, CHECKLIST_TITLE);
    expect(await page.getByLabel('Working as').inputValue()).toBe('Pat Lee');
    expect(await checkedState(page, 1)).toBe('done');
    expect(await checkedState(page, 2)).toBe('not_applicable');
    expect(await stepItem(page, 2).locator('.cv-step__changed').innerText()).toContain('“Server access logging was never turned on for this bucket.”');
    for (let i = 3; i <= n; i++) expect(await checkedState(page, i)).toBe('done');
    expect(await page.locator('section[aria-labelledby=assign-heading] .cv-saved-line').innerText()).toContain('Assigned to County IT, due December 15, 2026.');
    expect(await page.locator('.cv-notes').innerText()).toMatch(/Pat Lee, .+\n+Vendor confirmed the bucket is not used by the election-night site\./);
    expect(await page.locator('table.cv-files').innerText()).toContain(sha);
    expect(await page.locator('.cv-signoff__done').innerText()).toMatch(/^Signed off by Dana Ruiz \(County Clerk\)/);

    // The board: signed off, every step settled, assigned.
    await page.getByRole('button', { name: 'Remediation board' }).click();
    await expectScreen(page, 'Remediation board: Harlow County');
    const after = await boardRow(page, TITLE, BUCKET).innerText();
    expect(after).toContain('Signed off');
    expect(after).toContain(`${n} of ${n}`);
    expect(after).toContain('County IT');

    // The audit trail: each change, and a chain that holds.
    await page.getByRole('button', { name: 'Audit trail' }).click();
    await expectScreen(page, 'Audit trail: Harlow County');
    await expect.poll(() => page.locator('.usa-alert--success').innerText().catch(() => '')).toContain('The audit trail is intact');
    const trail = await page.locator('table.cv-log').innerText();
    expect(trail).toContain('Audit stored for Harlow County');
    expect(trail).toContain('Step 2 marked not applicable: “Server access logging was never turned on for this bucket.”');
    expect(trail).toContain('Assigned to County IT, due December 15, 2026');
    expect(trail).toContain(`${TITLE}: ${BUCKET}`);
    expect(trail).toContain(`File attached: vendor-letter.txt (SHA-256 ${sha})`);
    expect(trail).toContain('Signed off by Dana Ruiz (County Clerk)');
    await axe(page, 'audit trail, intact');

    // Someone edits an entry in the database behind Canvass's back: the screen names it.
    const note = s.db.prepare("SELECT seq FROM audit_log WHERE action = 'note.added'").get() as { seq: number };
    s.db.prepare("UPDATE audit_log SET payload_json = replace(payload_json, 'Vendor confirmed', 'Vendor denied') WHERE seq = ?").run(note.seq);
    await page.reload();
    await expectScreen(page, 'Audit trail: Harlow County');
    await expect.poll(() => page.locator('.usa-alert--error').innerText().catch(() => '')).toContain(`The audit trail was altered: entry ${note.seq} does not fit`);
    expect(await page.locator('.usa-alert--error').innerText()).toContain(`Entry ${note.seq} (note.added) was changed after it was written.`);
    expect(await page.locator('tr.cv-log--bad').innerText()).toMatch(new RegExp(`^${note.seq}\\s+Does not fit`));
    await axe(page, 'audit trail, altered');

    // From an entry to its finding, and reopened there: the steps can change again, the sign-off is gone, the trail keeps both.
    await page.getByRole('button', { name: `${TITLE}: ${BUCKET}` }).first().click();
    await expectScreen(page, CHECKLIST_TITLE);
    await page.getByRole('button', { name: 'Reopen finding' }).click();
    await expect.poll(() => page.locator('#reopen-error').textContent()).toBe('Say why the finding is reopened.');
    await page.getByLabel('Reopen it: why?').fill('The vendor found a second public statement.');
    await page.getByRole('button', { name: 'Reopen finding' }).click();
    await expect.poll(() => page.locator('.cv-work__tags').innerText()).toContain('Ready to sign off');
    expect(await page.getByRole('button', { name: 'Sign off this finding' }).isEnabled()).toBe(true);
    expect(await stepItem(page, 1).locator('input[type=radio]').first().isEnabled()).toBe(true);
    expect(s.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action IN ('finding.signed_off', 'finding.reopened')").get()).toEqual({ n: 2 });

    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  test('two windows edit the same step and the same assignment: the second sees the first, loses nothing typed elsewhere, and nothing is silently lost', async () => {
    const s = await start();
    const a = await s.open();
    const b = await s.open();
    await toFinding(a.page);
    await toFinding(b.page);
    await workingAs(a.page, 'Pat Lee');
    await workingAs(b.page, 'Sam Ortiz');

    // A has typed a note and an assignment it has not saved yet.
    await a.page.getByLabel('Add a note').fill('Half-written note about the vendor call');
    await a.page.getByLabel('Assigned to').fill('Pat Lee');

    // B marks step 1 done first.
    await setStep(b.page, 1, 'Done');
    await expect.poll(() => stepItem(b.page, 1).locator('.cv-step__changed').innerText()).toMatch(/^Saved as done by Sam Ortiz/);

    // A, still looking at step 1 as open, marks it not applicable: refused, with one clear message.
    await setStep(a.page, 1, 'Not applicable', 'We already have screenshots from last week');
    const conflict = a.page.locator('.cv-conflict');
    await expect.poll(() => conflict.innerText().catch(() => '')).toContain('Not saved: someone else changed this finding first');
    expect(await conflict.innerText()).toMatch(/Step 1 was changed by Sam Ortiz at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M \(it is now "done"\) after you opened it; your change was not saved\./);
    expect(await conflict.getAttribute('role')).toBe('alert');
    // It now shows what is saved: B's change, and keeps what A typed elsewhere.
    expect(await checkedState(a.page, 1)).toBe('done');
    expect(await stepItem(a.page, 1).locator('.cv-step__changed').innerText()).toMatch(/^Saved as done by Sam Ortiz/);
    expect(await a.page.getByLabel('Add a note').inputValue()).toBe('Half-written note about the vendor call');
    expect(await a.page.getByLabel('Assigned to').inputValue()).toBe('Pat Lee');
    expect(s.db.prepare('SELECT state, updated_by FROM step_states WHERE audit_id = ? AND finding_seq = ? AND step = 1').get(s.auditId, s.seq)).toEqual({
      state: 'done',
      updated_by: 'Sam Ortiz',
    });
    // The reason A typed is still there if A chooses not applicable again.
    await stepItem(a.page, 1).locator('label.usa-radio__label', { hasText: /^Not applicable$/ }).click();
    expect(await stepItem(a.page, 1).locator('textarea').inputValue()).toBe('We already have screenshots from last week');
    await axe(a.page, 'checklist with a conflict');

    // The same for the assignment: B assigns first; A's save is refused, its typing kept.
    await b.page.getByLabel('Assigned to').fill('County IT');
    await b.page.getByRole('button', { name: 'Save assignment' }).click();
    await expect.poll(() => b.page.locator('section[aria-labelledby=assign-heading] .cv-saved-line').innerText()).toContain('Assigned to County IT');
    await a.page.getByRole('button', { name: 'Save assignment' }).click();
    await expect.poll(() => conflict.innerText()).toContain('was reassigned (now County IT)');
    // The saved line follows the notice in a later render: on a loaded machine it is read a moment after.
    await expect.poll(() => a.page.locator('section[aria-labelledby=assign-heading] .cv-saved-line').innerText()).toContain('Assigned to County IT');
    expect(await a.page.getByLabel('Assigned to').inputValue()).toBe('Pat Lee');
    // Saved again, on purpose, over what A now sees.
    await a.page.getByRole('button', { name: 'Save assignment' }).click();
    await expect.poll(() => a.page.locator('section[aria-labelledby=assign-heading] .cv-saved-line').innerText()).toContain('Assigned to Pat Lee');
    await expect.poll(() => conflict.count()).toBe(0);

    const log = s.db.prepare("SELECT actor, action FROM audit_log WHERE action != 'audit.created' ORDER BY seq").all();
    expect(log).toEqual([
      { actor: 'Sam Ortiz', action: 'step.set' },
      { actor: 'Sam Ortiz', action: 'finding.assigned' },
      { actor: 'Pat Lee', action: 'finding.assigned' },
    ]);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 120_000);
});

describe('the way to a finding’s checklist', () => {
  test('from the findings screen: the remediation board, and "Work this finding" beside the selected finding', async () => {
    const s = await start();
    const { page, pageErrors } = await s.open();
    await expectScreen(page, 'Your audits');
    await page.getByRole('button', { name: /^Open the Harlow County audit/ }).click();
    await expectScreen(page, 'Harlow County audit');
    // The worst finding is selected first: voter data anyone can read.
    expect(await page.locator('.cv-detail h2').textContent()).toBe(TITLE);
    await page.getByRole('button', { name: 'Work this finding: checklist and sign-off' }).click();
    await expectScreen(page, CHECKLIST_TITLE);
    await page.getByRole('button', { name: 'Remediation board' }).click();
    await expectScreen(page, 'Remediation board: Harlow County');
    await page.getByRole('button', { name: 'Harlow County audit findings' }).click();
    await expectScreen(page, 'Harlow County audit');
    await page.getByRole('button', { name: 'Remediation board' }).click();
    await expectScreen(page, 'Remediation board: Harlow County');
    // A passed check has nothing to work.
    await page.getByRole('button', { name: 'Harlow County audit findings' }).click();
    await expectScreen(page, 'Harlow County audit');
    await page.getByLabel('Show').selectOption('all');
    await page.locator('tr', { has: page.locator('.cv-status--pass') }).first().getByRole('button').click();
    expect(await page.getByRole('button', { name: 'Work this finding: checklist and sign-off' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

describe('accessibility of working a finding', () => {
  test('the board, filters and the checklist pass axe; the board is worked from the keyboard', async () => {
    const s = await start();
    const { page, pageErrors } = await s.open();
    await openBoard(page, 'Harlow County');
    const caption = await page.locator('table.cv-board caption').innerText();
    expect(caption).toContain('most urgent first');
    expect(await page.locator('table.cv-board thead th').allInnerTexts()).toEqual(['Priority', 'Finding', 'Status', 'Steps settled', 'Assigned to', 'Due']);
    expect(await page.locator('table.cv-board progress, .cv-board-progress progress').getAttribute('aria-labelledby')).toBe('progress-text');
    await axe(page, 'board');

    // Overdue and blocked are said in words (set through the core: a due date long past, a blocked step).
    const catalogue = loadChecklists(checklistsDir(resourcesDir));
    assignFinding(s.db, { auditId: s.auditId, seq: s.seq, assignee: 'County IT', dueDate: '2020-01-01', expectedRevision: 0 }, { catalogue, actor: 'Pat Lee' });
    setStepInCore(s.db, { auditId: s.auditId, seq: s.seq, step: 1, state: 'blocked', reason: 'waiting for the vendor', expectedRevision: 0 }, { catalogue, actor: 'Pat Lee' });
    await page.reload();
    await expectScreen(page, 'Remediation board: Harlow County');
    const row = await boardRow(page, TITLE, BUCKET).innerText();
    expect(row).toContain('Overdue');
    expect(row).toContain('Blocked: 1 step');
    expect(row).toContain('January 1, 2020');
    await page.getByLabel('Show').selectOption('overdue');
    await expect.poll(() => page.locator('.cv-count').innerText()).toMatch(/^Showing 1 finding of \d+\./);
    await axe(page, 'board, overdue only');

    // Keyboard only: from the filter to the finding's button, Enter opens the checklist.
    await page.getByLabel('Search').focus();
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.textContent?.startsWith('Show all'))) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(TITLE);
    await page.keyboard.press('Enter');
    await expectScreen(page, CHECKLIST_TITLE);
    await axe(page, 'checklist');

    // With an error shown and the live source open in verify fix.
    await page.getByLabel('Working as').fill('Pat Lee');
    await setStep(page, 2, 'Blocked');
    await expect.poll(() => stepItem(page, 2).locator('.usa-error-message').count()).toBe(1);
    await page.locator('label[for=verify-live]').click();
    await axe(page, 'checklist with an error and the live source');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  test('the checklist screen: Tab moves through it in reading order, and every focused control shows where focus is', async () => {
    const s = await start();
    const { page } = await s.open();
    await toFinding(page);
    await page.getByLabel('Working as').fill('Pat Lee');
    // A changed radio makes the step's Save button focusable too.
    await stepItem(page, 1).locator('label.usa-radio__label', { hasText: /^Done$/ }).click();
    await page.locator('h1').focus();

    const seen: Array<{ what: string; top: number; left: number; follows: boolean; visible: boolean }> = [];
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const w = window as unknown as { __prevFocus?: Element };
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || !document.querySelector('main')!.contains(el)) return null;
        const prev = w.__prevFocus;
        // A date input takes several Tabs (month, day, year) without focus leaving it.
        if (prev === el) return 'same' as const;
        w.__prevFocus = el;
        const r = el.getBoundingClientRect();
        // A USWDS radio or checkbox input is hidden; its label's box draws the focus ring.
        const ringOf = el.matches('.usa-radio__input, .usa-checkbox__input') ? getComputedStyle(document.querySelector(`label[for="${el.id}"]`)!, '::before') : getComputedStyle(el);
        const outline = ringOf.outlineStyle !== 'none' && parseFloat(ringOf.outlineWidth) >= 2;
        const shadow = ringOf.boxShadow !== 'none' && /(\d+(\.\d+)?px\s*){3}/.test(ringOf.boxShadow);
        const box = el.matches('.usa-radio__input, .usa-checkbox__input') ? document.querySelector(`label[for="${el.id}"]`)!.getBoundingClientRect() : r;
        return {
          what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}`,
          top: box.top + window.scrollY,
          left: box.left + window.scrollX,
          follows: !prev || !!(prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
          visible: outline || shadow,
        };
      });
      if (!f) break;
      if (f !== 'same') seen.push(f);
    }
    expect(seen.length).toBeGreaterThan(20);
    const ids = seen.map((x) => x.what.split(' ')[0]);
    // Working as, then the assignment, the steps, verify, notes, files, sign-off: the order they are read in.
    // (The sign-off form is disabled until every step is settled, so it takes no focus.)
    const order = ['input#working-as', 'input#assignee', 'input#due-date', 'input#step-1-done', 'button Save step 1', 'input#verify-evidence', 'textarea#note-text', 'button Attach a file…'];
    const at = order.map((o) => seen.findIndex((x) => x.what.startsWith(o)));
    expect(at.every((i) => i >= 0), `${order.join(', ')} in ${ids.join(', ')}`).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    for (let i = 0; i < seen.length; i++) {
      const x = seen[i];
      expect(x.follows, `${x.what} comes before the element focused ahead of it`).toBe(true);
      expect(x.visible, `${x.what} shows no focus outline`).toBe(true);
      if (i > 0) {
        const p = seen[i - 1];
        const below = x.top > p.top + 1;
        const sameRowRight = Math.abs(x.top - p.top) <= 24 && x.left > p.left;
        expect(below || sameRowRight, `${x.what} (at ${Math.round(x.left)},${Math.round(x.top)}) is not after ${p.what} (at ${Math.round(p.left)},${Math.round(p.top)}) in reading order`).toBe(true);
      }
    }
  }, 120_000);
});
