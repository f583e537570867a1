import { cpSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test, vi } from 'vitest';
import type { EventName } from '../../electron/ipc/contract';
import { findResourcesDir } from '../../electron/core/paths';
import { appSessions } from '../helpers/e2e-session';
import { axe, expectScreen, h1 } from '../helpers/work-page';

/**
 * A folder on this computer as the source of an audit, in the real renderer bound to the real
 * router and core: chosen in the (test host's) folder dialog, scanned on worker threads, its
 * voter file and credentials shown by column and fingerprint, never by value; a folder that
 * is not there refused before anything starts; a long scan cancelled. Build first: npm run build.
 */

/** The scan's workers run from the build, as in the app (the sources here are TypeScript). */
const BUILT_WORKER = path.resolve(__dirname, '../../dist/electron/core/local/worker.js');
vi.mock('../../electron/core/local/scan-local', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../electron/core/local/scan-local')>();
  return { ...m, scanLocal: (root: string, opts: Parameters<typeof m.scanLocal>[1]) => m.scanLocal(root, { workerFile: BUILT_WORKER, ...opts }) };
});

const resourcesDir = findResourcesDir();
const DEMO_LOCAL = path.join(resourcesDir, 'demo', 'local');
const VOTER_FILE = 'harlow-voter-extract-2026-10-sample.csv';
const CREDENTIAL_FILES = ['appsettings.Production.json', 'deploy-results-site.sh', 'harlow-gis-2026-5c1e2f9a8b3d.json', 'old-laptop-aws-credentials.txt', 'vendor-handoff-notes.txt'];

const { start } = appSessions('canvass-e2e-local-', [{ file: BUILT_WORKER, missing: 'dist/electron is missing: run "npm run build" first' }]);

/** The demo's sample drive, copied where the test may write, under a name with a space as shares often have. */
function demoDrive(dir: string): string {
  const drive = path.join(dir, 'Shared Drive');
  cpSync(DEMO_LOCAL, drive, { recursive: true });
  return drive;
}

/** Every secret planted in the demo files, read from them so that the list follows the files. */
function plantedSecrets(drive: string): string[] {
  const text = readdirSync(drive)
    .map((f) => readFileSync(path.join(drive, f), 'utf8'))
    .join('\n');
  const found = [
    ...text.matchAll(/\b(AKIA[A-Z0-9]{16})\b/g),
    ...text.matchAll(/aws_secret_access_key\s*=\s*(\S+)/gi),
    ...text.matchAll(/AccountKey=([^;"]+)/g),
    ...text.matchAll(/X-Amz-Signature=([0-9a-f]+)/g),
    ...text.matchAll(/"private_key_id":\s*"([0-9a-f]+)"/g),
    ...text.matchAll(/-----BEGIN PRIVATE KEY-----\\n([A-Za-z0-9+/]{40})/g),
  ].map((m) => m[1]);
  // The documentation's example key pair is not a secret, and Canvass does not report it.
  return [...new Set(found)].filter((s) => !s.includes('EXAMPLE'));
}

/**
 * Screens as images for a person to look at, when CANVASS_SCREENSHOTS names a folder. The
 * finding's details scroll inside their pane beside the table: narrower, they sit under it whole.
 */
async function shot(page: Page, name: string, details = false) {
  const dir = process.env.CANVASS_SCREENSHOTS;
  if (!dir) return;
  const file = path.join(dir, `local-${name}.png`);
  if (!details) return void (await page.screenshot({ path: file, fullPage: true }));
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 900, height: size.height });
  await page.locator('.cv-detail').screenshot({ path: file });
  await page.setViewportSize(size);
}

async function toFolderStep(page: Page) {
  await expectScreen(page, 'Your audits');
  await page.getByRole('button', { name: 'Start a new audit' }).click();
  await page.getByLabel('County or election office being audited').fill('Harlow County');
  await page.getByLabel('Your name').fill('Pat Okafor');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.locator('label[for=source-local]').click();
}

const folderList = (page: Page) => page.locator('.cv-local__folders li .cv-path').allInnerTexts();

describe('a folder or drive on this computer', () => {
  test('chosen in the folder dialog, scanned, and its voter file and credentials shown by columns and fingerprint, never by value', async () => {
    const { app, page, dir, call } = await start();
    const drive = demoDrive(dir);
    // A spreadsheet that is not one: something Canvass cannot read, and says so.
    writeFileSync(path.join(drive, 'turnout-2026.xlsx'), 'PK\x03\x04 not really a spreadsheet');
    const stick = path.join(dir, 'USB stick');
    mkdirSync(stick);
    const secrets = plantedSecrets(drive);
    // Two AWS key ids, two secrets, the Azure key, the link's signature, the Google key id and key.
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    const voterRow = readFileSync(path.join(drive, VOTER_FILE), 'utf8').split('\n')[1].split(',');

    await toFolderStep(page);
    expect(await page.locator('.cv-local').innerText()).toMatch(/Voter registration files[\s\S]*Cloud storage credentials[\s\S]*never copies, moves or uploads them/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('Choose a folder or drive to scan.').count()).toBe(1);

    // The clerk closes the dialog: nothing changes.
    app.host.localAnswers.push(null);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Choose folder…' }).isEnabled()).toBe(true);
    expect(await folderList(page)).toEqual([]);

    app.host.localAnswers.push(drive, drive, stick);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => folderList(page)).toEqual([drive]);
    expect(await page.getByText('Choose a folder or drive to scan.').count()).toBe(0);
    await page.getByRole('button', { name: 'Add another folder…' }).click();
    await expect.poll(() => page.locator('.usa-alert--info').innerText()).toContain('is already on the list');
    await page.getByRole('button', { name: 'Add another folder…' }).click();
    await expect.poll(() => folderList(page)).toEqual([drive, stick]);
    await page.getByRole('button', { name: `Remove ${stick}` }).click();
    await expect.poll(() => folderList(page)).toEqual([drive]);
    expect(app.host.evidencePicks).toEqual(['local', 'local', 'local', 'local']);
    await axe(page, 'wizard, a folder chosen');
    await shot(page, '1-wizard-folder');

    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('Review and start');
    const review = await page.locator('.cv-summary-list').innerText();
    expect(review).toContain('The files in this folder on this computer, for voter registration files and cloud storage credentials');
    expect(review).toContain(drive);
    await axe(page, 'wizard review');
    await shot(page, '2-review');

    await page.getByRole('button', { name: 'Start audit' }).click();
    await expectScreen(page, 'Harlow County audit');
    const [audit] = await call('audits.list', {});
    expect(audit).toMatchObject({ status: 'complete', sources: [{ kind: 'local', ref: drive }] });

    const headline = page.locator('.cv-headline');
    expect(await headline.count()).toBe(1);
    expect(await headline.getByRole('heading').innerText()).toBe('1 voter registration file and storage credentials in 5 files were found on the scanned drives');
    expect(await headline.locator('.cv-bucket-list .cv-bucket-link').allInnerTexts()).toEqual([VOTER_FILE, ...CREDENTIAL_FILES]);
    expect(await headline.locator('.cv-unread-folders li').allInnerTexts()).toEqual([`${drive}: turnout-2026.xlsx (is damaged: it could not be read as a spreadsheet)`]);
    // A scan of folders alone has no bucket cards to show.
    expect(await page.locator('.cv-stat-card').count()).toBe(0);
    expect(await page.locator('.cv-totals').innerText()).toMatch(/checks on the scanned folders: 7 problems, 5 could not be checked/);
    await axe(page, 'findings of a folder scan');
    await shot(page, '3-findings');

    // The voter file is open first, as the summary leads with it: its full path, columns, row estimate and nearest state layout.
    const detail = page.locator('.cv-detail');
    expect(await detail.getByRole('heading', { level: 2 }).innerText()).toBe('Voter registration file on a drive');
    expect(await detail.locator('.cv-detail__resource').innerText()).toBe(`File: ${path.join(drive, VOTER_FILE)}`);
    const facts = await detail.locator('.cv-facts').innerText();
    expect(facts).toMatch(/Rows\s+about 40/);
    expect(facts).toMatch(/Closest state layout\s+CO /);
    expect(await detail.locator('.cv-columns li').allInnerTexts()).toEqual(expect.arrayContaining(['VOTER_ID', 'DATE_OF_BIRTH', 'PARTY']));
    await shot(page, '4-voter-file', true);

    // A script with a key pair in it: what, line, fingerprint and the account decoded from the key id.
    await headline.getByRole('button', { name: 'deploy-results-site.sh' }).click();
    await expect.poll(() => detail.locator('.cv-detail__resource').innerText()).toBe(`File: ${path.join(drive, 'deploy-results-site.sh')}`);
    expect(await detail.locator('.cv-hits tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^AWS access key ID\t6\tAKIA…MMQQ\t210987654321\tits secret is in the file too$/)]);
    await axe(page, 'a credential finding');
    await shot(page, '5-credential', true);

    // The folder's own verdict: what was read, and what could not be.
    await headline.getByRole('button', { name: drive, exact: true }).click();
    await expect.poll(() => detail.locator('.cv-detail__resource').innerText()).toBe(`Scanned folder: ${drive}`);
    expect(await detail.locator('.cv-unreadable-list').innerText()).toMatch(/^turnout-2026\.xlsx\nis damaged: it could not be read as a spreadsheet$/);
    expect(await detail.innerText()).toMatch(/What was read\n+11 files \([\d.]+ KB\)\./);
    await axe(page, 'a folder that could not be read completely');
    await shot(page, '5b-folder', true);

    // Every finding opened in turn: no secret and no voter's details anywhere on the page.
    await page.getByLabel('Show').selectOption('all');
    const rows = page.locator('.cv-findings-table tbody tr .cv-row-select');
    const n = await rows.count();
    expect(n).toBeGreaterThan(8);
    let seen = '';
    for (let i = 0; i < n; i++) {
      await rows.nth(i).click();
      seen += (await page.content()) + (await page.locator('body').innerText());
    }
    expect(seen).toContain('AKIA…MMQQ');
    for (const s of secrets) expect(seen.includes(s), `secret ${s.slice(0, 6)}… on the page`).toBe(false);
    for (const v of [voterRow[0], voterRow[1], voterRow[5]]) expect(seen.includes(v), `voter value ${v} on the page`).toBe(false);

    // Working the voter file: its checklist names the file by its full path.
    await headline.getByRole('button', { name: VOTER_FILE }).click();
    await page.getByRole('button', { name: 'Work this finding: checklist and sign-off' }).click();
    await expect.poll(() => page.locator('.cv-detail__resource').innerText()).toBe(`File: ${path.join(drive, VOTER_FILE)}`);
    await axe(page, 'the voter file\'s checklist');
    await shot(page, '9-work-voter-file');

    // Verify fix on the file itself: still there, it stays open; moved off the drive, it closes.
    const verify = page.getByRole('button', { name: 'Check the file again' });
    await page.getByLabel('Working as').fill('Sam Ortiz');
    await verify.click();
    await expect.poll(() => page.locator('#verify-heading ~ .usa-alert .usa-alert__heading').innerText()).toBe('Still a problem');
    rmSync(path.join(drive, VOTER_FILE));
    await verify.click();
    await expect.poll(() => page.locator('#verify-heading ~ .usa-alert .usa-alert__heading').innerText()).toBe('Fixed: the finding is closed');
    await expect.poll(() => page.locator('.cv-attempts tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/The file, read again[\s\S]*Still a problem/),
      expect.stringMatching(/The file, read again[\s\S]*Fixed/),
    ]);
    await axe(page, 'the voter file verified fixed');

    expect(app.pageErrors).toEqual([]);
  });

  test('a folder that is not there is refused with one clear message, and nothing is stored', async () => {
    const { app, page, dir, call } = await start();
    const gone = path.join(dir, 'Unplugged USB');

    await toFolderStep(page);
    app.host.localAnswers.push(gone);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const alert = page.locator('.usa-alert--error');
    await alert.waitFor();
    expect(await alert.getByRole('heading').innerText()).toBe('This folder cannot be scanned');
    expect(await alert.locator('p').first().innerText()).toBe(`${gone}: no such file or folder.`);
    expect(await folderList(page)).toEqual([]);
    await axe(page, 'wizard, a folder that is not there');
    await shot(page, '6-missing-folder');

    // A folder that goes away between the review and the start (a share disconnected) is refused by the core.
    mkdirSync(gone);
    app.host.localAnswers.push(gone);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => folderList(page)).toEqual([gone]);
    expect(await alert.count()).toBe(0);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('Review and start');
    rmSync(gone, { recursive: true });
    await page.getByRole('button', { name: 'Start audit' }).click();
    const refused = page.locator('.usa-alert--error');
    await refused.waitFor();
    expect(await refused.getByRole('heading').innerText()).toBe('The audit could not start');
    expect(await refused.locator('p').innerText()).toBe(`${gone}: no such file or folder.`);
    expect(await h1(page).textContent()).toBe('Start a new audit');
    expect(await call('audits.list', {})).toEqual([]);
    await axe(page, 'review, the folder went away');

    expect(app.pageErrors).toEqual([]);
  });

  test('a long scan shows files, bytes and findings as it goes; cancelled, it is kept as cancelled and earlier audits are untouched', async () => {
    const { app, page, dir, call } = await start();

    // An earlier audit of the demo drive, through the same router.
    const finished = new Promise<string>((resolve) => {
      void app.router.handle('scan.start', { jurisdiction: 'Harlow County', auditor: 'Pat Okafor', sources: [{ kind: 'local', path: demoDrive(dir) }] }, {
        emit: (e: EventName, p: unknown) => {
          if (e === 'scan.finished') resolve((p as { auditId: string }).auditId);
        },
      });
    });
    const earlierId = await finished;
    const earlier = await call('audits.get', { auditId: earlierId });
    expect(earlier.audit.status).toBe('complete');

    // A big tree that costs little disk: one 2 MB file of office text, hard-linked 4,000 times.
    const big = path.join(dir, 'County Share');
    const text = path.join(dir, 'minutes.txt');
    writeFileSync(text, 'Minutes of the canvass board. The board reviewed precinct returns and adjourned.\n'.repeat(26_000));
    for (let d = 0; d < 40; d++) {
      mkdirSync(path.join(big, `board-${d}`), { recursive: true });
      for (let f = 0; f < 100; f++) linkSync(text, path.join(big, `board-${d}`, `minutes-${f}.txt`));
    }

    await toFolderStep(page);
    app.host.localAnswers.push(big);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => folderList(page)).toEqual([big]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Start audit' }).click();
    await expectScreen(page, 'Auditing Harlow County');
    expect(await page.locator('.cv-progress-label').innerText()).toBe('Reading the files');
    // The live line counts files, bytes and findings as the walk goes.
    const status = page.locator('.cv-progress-text');
    await expect.poll(() => status.innerText(), { timeout: 20_000 }).toMatch(/^[1-9][\d,]* files, [\d.]+ (KB|MB|GB) read, 0 findings so far in .*County Share$/);
    await axe(page, 'scan of a folder');
    await shot(page, '7-scan-progress');

    await page.getByRole('button', { name: 'Cancel audit' }).click();
    await expectScreen(page, 'Audit cancelled');
    await axe(page, 'cancelled folder scan');
    await page.getByRole('button', { name: 'Back to your audits' }).click();
    await expectScreen(page, 'Your audits');
    const rows = await page.locator('table.cv-audits tbody tr').allInnerTexts();
    expect(rows).toEqual([expect.stringMatching(new RegExp(`Folder ${big}[\\s\\S]*Cancelled`)), expect.stringContaining('Folder ')]);
    await shot(page, '8-home');

    const audits = await call('audits.list', {});
    expect(audits.map((a) => a.status).sort()).toEqual(['cancelled', 'complete']);
    const cancelled = audits.find((a) => a.status === 'cancelled')!;
    expect(cancelled.sources).toEqual([{ kind: 'local', ref: big }]);
    expect(cancelled.counts).toEqual({ fail: 0, pass: 0, unknown: 0, not_applicable: 0 });
    expect(await call('audits.get', { auditId: earlierId })).toEqual(earlier);

    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
