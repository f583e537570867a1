import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { demoEvidenceDir, findResourcesDir } from '../../electron/core/paths';
import { RENDERER_DIST, TEST_ORIGIN, type AppUnderTest } from '../helpers/app-page';
import { appSessions } from '../helpers/e2e-session';
import { axe, expectScreen } from '../helpers/work-page';

/**
 * The clerk's path through the real renderer (dist/renderer, under the app's CSP) bound to the
 * real router, store and checks: home → new audit → demo county → scan → findings → report.
 * Build the renderer first: npm run build:renderer.
 */

const VOTER_BUCKET = 'harlow-county-voter-rolls-public';
const PUBLIC_READ_TITLE = 'Objects readable by anyone on the internet';
const resourcesDir = findResourcesDir();

const { start } = appSessions('canvass-e2e-', [
  { file: path.join(demoEvidenceDir(resourcesDir), 'manifest.json'), missing: 'the demo county evidence is missing' },
]);

/** The harness serves http://canvass.test with the app's headers; Chromium ignores COOP on a non-https origin and says so. */
const appErrors = (app: AppUnderTest) => app.pageErrors;


async function fillNames(page: Page, jurisdiction = 'Harlow County', auditor = 'Pat Okafor') {
  await page.getByLabel('County or election office being audited').fill(jurisdiction);
  await page.getByLabel('Your name').fill(auditor);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('What to check');
}

/** Scan events are held in the page so each state of the scan screen can be looked at, then released in order. */
async function holdScanEvents(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const deliver = w.__canvassDeliver as (...a: unknown[]) => void;
    const held: unknown[][] = [];
    w.__held = held;
    w.__canvassDeliver = (c: unknown, e: unknown, p: unknown) => (String(e).startsWith('scan.') ? held.push([c, e, p]) : deliver(c, e, p));
    w.__release = (n: number) => held.splice(0, n).map((a) => (deliver(...a), a[1]));
  });
}
const heldEvents = (page: Page) =>
  page.evaluate(() => ((window as unknown as { __held: Array<[string, string, { phase?: string; done?: number }]> }).__held).map((e) => ({ event: e[1], ...e[2] })));
const release = (page: Page, n: number) => page.evaluate((k) => (window as unknown as { __release: (n: number) => string[] }).__release(k), n);

/**
 * A bundle slow enough to read that a cancel arrives while it is read: many buckets, each
 * listing 1,500 objects (one file, hard-linked into every bucket, so it is quick to make).
 */
function slowBundle(dir: string, buckets: number): string {
  const demo = demoEvidenceDir(resourcesDir);
  const out = path.join(dir, 'slow-bundle');
  mkdirSync(path.join(out, 'buckets'), { recursive: true });
  cpSync(path.join(demo, 'manifest.json'), path.join(out, 'manifest.json'));
  cpSync(path.join(demo, 'account'), path.join(out, 'account'), { recursive: true });
  const names = Array.from({ length: buckets }, (_, i) => `harlow-bulk-${String(i).padStart(5, '0')}`);
  const list = { Buckets: names.map((Name) => ({ Name, CreationDate: '2020-01-01T00:00:00+00:00', BucketRegion: 'us-east-1' })) };
  writeFileSync(path.join(out, 'buckets', 'list-buckets.json'), JSON.stringify(list));
  const contents = Array.from({ length: 1_500 }, (_, i) => ({ Key: `scans/ballot-${i}.pdf`, LastModified: '2026-11-17T15:40:26+00:00', Size: 1000 + i }));
  const shared = path.join(dir, 'list-objects-v2.json');
  writeFileSync(shared, JSON.stringify({ Contents: contents, IsTruncated: false }));
  for (const name of names) {
    mkdirSync(path.join(out, 'buckets', name));
    linkSync(shared, path.join(out, 'buckets', name, 'list-objects-v2.json'));
  }
  return out;
}


describe('the built page', () => {
  test('loads nothing from the network and has no inline script or style', () => {
    const html = readFileSync(path.join(RENDERER_DIST, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<style|style=|<script(?![^>]*\bsrc=)/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;; style-src &#39;self&#39;/);
    const assets = readdirSync(path.join(RENDERER_DIST, 'assets'));
    expect(assets.some((f) => f.endsWith('.woff2'))).toBe(true);
    for (const css of assets.filter((f) => f.endsWith('.css'))) {
      const text = readFileSync(path.join(RENDERER_DIST, 'assets', css), 'utf8');
      expect(text).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
      expect(text).not.toMatch(/@import/i);
      expect(text).not.toMatch(/url\(\s*['"]?data:font/i);
    }
  });
});

describe('the clerk’s path', () => {
  test('from an empty home to a saved report on the demo county', async () => {
    const { app, page, call, dir } = await start();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    // 1. Home, empty: what Canvass does, and one way forward.
    await expectScreen(page, 'Your audits');
    await expect.poll(() => page.getByText('No audits yet').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Find voter data that anyone on the internet could reach' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Start a new audit' }).click();

    // 2. Wizard, step 1: names are required, with inline errors.
    await expectScreen(page, 'Start a new audit');
    expect(await page.locator('.usa-step-indicator__segment--current').textContent()).toContain('Who is auditing');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('Enter the county or office being audited.').count()).toBe(1);
    expect(await page.getByText('Enter your name.').count()).toBe(1);
    expect(await page.getByLabel('County or election office being audited').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('jurisdiction');
    await fillNames(page);

    // Step 2: a source must be chosen; the demo county needs no folder.
    expect(await page.locator('.usa-step-indicator__segment--current').textContent()).toContain('What to check');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('Choose what to check.').count()).toBe(1);
    await page.locator('label[for=source-demo]').click();
    expect(await page.getByRole('button', { name: 'Choose folder…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 3: review.
    await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('Review and start');
    const review = await page.locator('.cv-summary-list').innerText();
    expect(review).toContain('Harlow County');
    expect(review).toContain('Pat Okafor');
    expect(review).toContain('The demo county (practice data)');

    // 3. Scan screen: progress bar, live text, phase, cancel button.
    await holdScanEvents(page);
    await page.getByRole('button', { name: 'Start audit' }).click();
    await expectScreen(page, 'Auditing Harlow County');
    expect(await page.getByRole('button', { name: 'Cancel audit' }).isEnabled()).toBe(true);
    await expect.poll(async () => (await heldEvents(page)).some((e) => e.event === 'scan.finished'), { timeout: 30_000 }).toBe(true);
    const held = await heldEvents(page);
    const firstRead = held.findIndex((e) => e.event === 'scan.progress' && e.phase === 'reading' && (e.done ?? 0) > 0);
    expect(firstRead).toBeGreaterThanOrEqual(0);
    await release(page, firstRead + 1);
    const bar = page.locator('progress');
    const total = held[firstRead] as unknown as { done: number; total: number };
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^Read \d+ of \d+ buckets?$/ }).textContent()).toBe(
      `Read ${total.done} of ${total.total} bucket${total.total === 1 ? '' : 's'}`,
    );
    expect(await bar.getAttribute('aria-valuenow')).toBe(String(total.done));
    expect(await bar.getAttribute('aria-valuemax')).toBe(String(total.total));
    expect(await page.locator('.cv-phase--current').textContent()).toContain('Reading the evidence');
    await release(page, held.length);

    // 4. Findings: the summary at a glance leads with what anyone can reach.
    await expectScreen(page, 'Harlow County audit');
    const [listed] = await call('audits.list', {});
    expect(listed.status).toBe('complete');
    const data = await call('audits.get', { auditId: listed.id });
    const catalog = await call('checks.catalog', {});
    expect(data.summary.publicVoterData).toContain(VOTER_BUCKET);
    const n = data.summary.publicRead.length;
    const headline = page.locator('.cv-headline');
    expect(await headline.getByRole('heading').textContent()).toBe(`${n} bucket${n === 1 ? '' : 's'} can be read by anyone on the internet`);
    expect(await headline.innerText()).toContain(`Voter data is among them: ${VOTER_BUCKET}`);
    expect(await headline.getAttribute('class')).toContain('usa-alert--emergency');
    const glance = await page.locator('.cv-glance').innerText();
    expect(glance).toMatch(new RegExp(`${data.summary.publicWrite.length}\\s+buckets?\\s+Anyone can change or delete files`));
    expect(glance).toMatch(new RegExp(`${data.summary.exposureUnknown.length}\\s+buckets?\\s+Could not be checked`));
    expect(glance).toContain(`${data.summary.counts.fail} problem`);

    // A bucket named in the headline opens its finding in the detail pane, and focus follows.
    await headline.getByRole('button', { name: VOTER_BUCKET, exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
    expect(await page.locator('.cv-detail h2').textContent()).toBe(PUBLIC_READ_TITLE);
    expect(await page.locator('.cv-detail__resource').innerText()).toContain(VOTER_BUCKET);

    // The table: problems and unknowns by default.
    const rows = page.locator('.cv-findings-table tbody tr');
    const problems = data.findings.filter((f) => f.status === 'fail' || f.status === 'unknown');
    expect(await rows.count()).toBe(problems.length);
    expect(await page.locator('.cv-count').textContent()).toContain(`Showing ${problems.length} findings of ${data.findings.length}`);
    const statuses = await page.locator('.cv-findings-table tbody .cv-col-status').allInnerTexts();
    expect(new Set(statuses.map((s) => s.replace(/^\W+/, '').trim()))).toEqual(new Set(['Problem', 'Could not check']));

    // Filter: every status, then critical only, then a search.
    await page.getByLabel('Show').selectOption('all');
    expect(await rows.count()).toBe(data.findings.length);
    await page.getByLabel('Severity').selectOption('critical');
    const critical = data.findings.filter((f) => f.severity === 'critical');
    expect(await rows.count()).toBe(critical.length);
    expect(new Set((await page.locator('.cv-findings-table tbody .cv-col-severity').allTextContents()).map((t) => t.trim()))).toEqual(new Set(['Critical severity']));
    await page.getByLabel('Severity').selectOption('all');
    await page.getByLabel('Search').fill('voter-rolls-public');
    const voterRows = data.findings.filter((f) => f.resource.name === VOTER_BUCKET || f.detail.includes('voter-rolls-public'));
    expect(await rows.count()).toBe(voterRows.length);
    // The bucket itself and its sampled objects (BUCKET/KEY).
    const shown = await page.locator('.cv-findings-table tbody .cv-col-resource').allInnerTexts();
    expect(shown).toContain(VOTER_BUCKET);
    for (const name of shown) expect(name === VOTER_BUCKET || name.startsWith(`${VOTER_BUCKET}/`), name).toBe(true);
    // Nothing matching: one row says so across every column.
    await page.getByLabel('Search').fill('no-such-bucket-anywhere');
    const none = page.locator('.cv-findings-table tbody td.cv-empty-row');
    expect(await none.innerText()).toBe('No findings match these filters.');
    expect(await none.getAttribute('colspan')).toBe(String(await page.locator('.cv-findings-table thead th').count()));
    await page.getByLabel('Search').fill('voter-rolls-public');

    // Sort by check title: ascending, then descending; aria-sort follows.
    const checkHeader = page.locator('thead th', { hasText: 'Check' });
    expect(await checkHeader.getAttribute('aria-sort')).toBeNull();
    await checkHeader.getByRole('button').click();
    expect(await checkHeader.getAttribute('aria-sort')).toBe('ascending');
    const asc = await page.locator('.cv-findings-table tbody .cv-col-title').allInnerTexts();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
    await checkHeader.getByRole('button').click();
    expect(await checkHeader.getAttribute('aria-sort')).toBe('descending');
    const desc = await page.locator('.cv-findings-table tbody .cv-col-title').allInnerTexts();
    expect(desc).toEqual([...asc].reverse());

    // Select the public-read finding of the voter bucket: the detail pane shows the statement that makes it public.
    const publicRead = data.findings.find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === VOTER_BUCKET)!;
    expect(publicRead.status).toBe('fail');
    await page.locator(`tr[data-seq="${publicRead.seq}"]`).getByRole('button', { name: new RegExp(`^${PUBLIC_READ_TITLE}`) }).click();
    const detail = page.locator('.cv-detail');
    expect(await detail.getByRole('heading', { level: 2 }).textContent()).toBe(PUBLIC_READ_TITLE);
    const detailText = await detail.innerText();
    expect(detailText).toContain(VOTER_BUCKET);
    expect(detailText).toContain('Problem');
    expect(detailText).toContain('Critical');
    const meta = catalog.find((c) => c.id === 's3.bucket.public-read')!;
    expect(detailText).toContain('What this means');
    expect(detailText).toContain(meta.whatItMeans);
    expect(detailText).toContain(meta.whyItMatters);
    expect(detailText).toContain(publicRead.detail);
    const statement = JSON.parse(await detail.locator('pre.cv-json').first().innerText()) as Record<string, unknown>;
    expect(statement.Effect).toBe('Allow');
    expect(statement.Principal === '*' || (statement.Principal as { AWS?: unknown })?.AWS === '*').toBe(true);
    expect(([] as unknown[]).concat(statement.Action)).toContain('s3:GetObject');
    for (const ref of publicRead.references) expect(detailText).toContain(ref);

    // Rows are selectable with the keyboard: arrow down moves to and selects the next finding.
    await page.getByLabel('Search').fill('');
    const selectedButton = page.locator('.cv-row-select[aria-current="true"]');
    await selectedButton.focus();
    const before = await selectedButton.textContent();
    const nextSeq = await page.locator('tr.is-selected + tr').getAttribute('data-seq');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('tr.is-selected').getAttribute('data-seq')).toBe(nextSeq);
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-seq'))).toBe(nextSeq);
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('.cv-row-select[aria-current="true"]').textContent()).toBe(before);

    // Save the report as a PDF.
    const pdfPath = path.join(dir, 'reports', 'harlow.pdf');
    mkdirSync(path.dirname(pdfPath), { recursive: true });
    app.host.reportAnswers.push(pdfPath);
    await page.getByRole('button', { name: 'Save report as PDF' }).click();
    const saved = page.locator('.usa-alert--success', { hasText: 'Report saved' });
    await saved.waitFor({ timeout: 60_000 });
    expect(await saved.innerText()).toContain(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' })).toContain(VOTER_BUCKET);

    // A dismissed save dialog says so and writes nothing.
    await page.getByRole('button', { name: 'Save as HTML' }).click();
    await page.locator('.usa-alert--info', { hasText: 'The report was not saved.' }).waitFor();

    // 5. Home lists the audit.
    await page.getByRole('button', { name: 'Your audits', exact: true }).click();
    await expectScreen(page, 'Your audits');
    const row = page.locator('table.cv-audits tbody tr');
    expect(await row.count()).toBe(1);
    const rowText = await row.innerText();
    expect(rowText).toContain('Harlow County');
    expect(rowText).toContain('Pat Okafor');
    expect(rowText).toContain('Complete');
    expect(rowText).toContain(String(data.audit.counts.fail));
    expect(rowText).toContain(String(data.audit.counts.unknown));
    await row.getByRole('button', { name: /^Open the Harlow County audit/ }).click();
    await expectScreen(page, 'Harlow County audit');

    // Everything came from the app itself, the USWDS fonts included.
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      const loaded: string[] = [];
      document.fonts.forEach((f) => {
        if (f.status === 'loaded') loaded.push(f.family.replace(/"/g, ''));
      });
      return loaded;
    });
    expect(fonts).toEqual(expect.arrayContaining(['Source Sans Pro Web', 'Merriweather Web']));
    expect(requests.filter((u) => !u.startsWith(`${TEST_ORIGIN}/`))).toEqual([]);
    expect(appErrors(app)).toEqual([]);
  });

  test('a folder that is not an evidence bundle shows its error inline and starts nothing', async () => {
    const { app, page, call, dir } = await start();
    const notABundle = path.join(dir, 'not-a-bundle');
    mkdirSync(notABundle);

    await expectScreen(page, 'Your audits');
    await page.getByRole('button', { name: 'Start a new audit' }).click();
    await fillNames(page);
    await page.locator('label[for=source-evidence]').click();

    // The clerk closes the dialog: nothing happens.
    app.host.evidenceAnswers.push(null);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Choose folder…' }).isEnabled()).toBe(true);
    expect(await page.locator('.usa-alert').count()).toBe(0);

    app.host.evidenceAnswers.push(notABundle);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const alert = page.locator('.usa-alert--error');
    await alert.waitFor();
    expect(await alert.getByRole('heading').textContent()).toBe('This evidence cannot be used');
    expect(await alert.innerText()).toContain('not a Canvass evidence bundle');
    expect(await alert.getAttribute('role')).toBe('alert');

    // Continuing is refused with an inline error; the wizard stays on this step.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('Choose an evidence folder that Canvass can read').count()).toBe(1);
    expect(await page.locator('.usa-step-indicator__heading').textContent()).toContain('What to check');
    expect(await call('audits.list', {})).toEqual([]);

    // A real bundle replaces the error with what it holds.
    const manifest = JSON.parse(readFileSync(path.join(demoEvidenceDir(resourcesDir), 'manifest.json'), 'utf8')) as { accountId: string };
    app.host.evidenceAnswers.push(demoEvidenceDir(resourcesDir));
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const ok = page.locator('.usa-alert--success');
    await ok.waitFor();
    expect(await ok.innerText()).toMatch(new RegExp(`Evidence from AWS account ${manifest.accountId}, collected .+, \\d+ buckets`));
    expect(await page.locator('.usa-alert--error').count()).toBe(0);
    expect(await call('audits.list', {})).toEqual([]);

    // A file works too: an AWS Config snapshot of the same account.
    app.host.evidenceAnswers.push(path.resolve(__dirname, '../fixtures/aws-config/harlow-county-snapshot.json'));
    await page.getByRole('button', { name: 'Or choose a .zip bundle or an AWS Config file…' }).click();
    await expect.poll(async () => (await page.locator('.usa-alert--success .cv-path').innerText()).endsWith('harlow-county-snapshot.json')).toBe(true);
    expect(await page.locator('.usa-alert--success').innerText()).toContain(`Evidence from AWS account ${manifest.accountId}`);
    expect(app.host.evidencePicks).toEqual(['folder', 'folder', 'folder', 'file']);

    expect(appErrors(app)).toEqual([]);
  });

  test('home, wizard, scan and findings screens pass axe (WCAG 2.1 A and AA)', async () => {
    const { app, page } = await start();

    await expectScreen(page, 'Your audits');
    await axe(page, 'home (empty)');

    await page.getByRole('button', { name: 'Start a new audit' }).click();
    await expectScreen(page, 'Start a new audit');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.usa-error-message').count()).toBe(2);
    await axe(page, 'wizard step 1 with errors');
    await fillNames(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.usa-error-message').count()).toBe(1);
    await page.locator('label[for=source-evidence]').click();
    app.host.evidenceAnswers.push(path.join(os.tmpdir(), 'canvass-no-such-folder-' + process.pid));
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.locator('.usa-alert--error').waitFor();
    await axe(page, 'wizard step 2 with a bad folder');
    await page.locator('label[for=source-demo]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('Review and start');
    await axe(page, 'wizard step 3');

    await holdScanEvents(page);
    await page.getByRole('button', { name: 'Start audit' }).click();
    await expectScreen(page, 'Auditing Harlow County');
    await expect.poll(async () => (await heldEvents(page)).some((e) => e.event === 'scan.finished'), { timeout: 30_000 }).toBe(true);
    await release(page, 3);
    await axe(page, 'scan');
    await release(page, 10_000);

    await expectScreen(page, 'Harlow County audit');
    await axe(page, 'findings');
    await page.getByLabel('Show').selectOption('all');
    const unknown = page.locator('tr', { has: page.locator('.cv-status--unknown') }).first();
    await unknown.getByRole('button').click();
    await axe(page, 'findings, all rows, an unknown finding selected');

    await page.getByRole('button', { name: 'Your audits', exact: true }).click();
    await expectScreen(page, 'Your audits');
    await axe(page, 'home with an audit');

    expect(appErrors(app)).toEqual([]);
    // Nine axe runs, two over the whole table of 345 findings: minutes on a loaded two-core machine.
  }, 240_000);

  test('a cancelled audit says so, is listed as cancelled, and has no report', async () => {
    const { app, page, call, dir } = await start();
    const bundle = slowBundle(dir, 2000);

    await expectScreen(page, 'Your audits');
    await page.getByRole('button', { name: 'Start a new audit' }).click();
    await fillNames(page, 'Harlow County', 'Pat Okafor');
    await page.locator('label[for=source-evidence]').click();
    app.host.evidenceAnswers.push(bundle);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.locator('.usa-alert--success', { hasText: '2,000 buckets' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Start audit' }).click();
    await expectScreen(page, 'Auditing Harlow County');
    await page.getByRole('button', { name: 'Cancel audit' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Cancelling…' }).count()).toBeLessThanOrEqual(1);

    await expectScreen(page, 'Audit cancelled');
    expect(await page.locator('.usa-alert').innerText()).toContain('stopped before it finished');
    await axe(page, 'cancelled scan');
    const [audit] = await call('audits.list', {});
    expect(audit.status).toBe('cancelled');

    await page.getByRole('button', { name: 'Back to your audits' }).click();
    await expectScreen(page, 'Your audits');
    const row = page.locator('table.cv-audits tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('Cancelled');
    await row.getByRole('button', { name: /^Open/ }).click();
    await expectScreen(page, 'Harlow County audit');
    expect(await page.getByRole('heading', { name: 'This audit was cancelled' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Save report as PDF' }).count()).toBe(0);
    await axe(page, 'a cancelled audit');

    expect(appErrors(app)).toEqual([]);
  }, 120_000);

  test('a bundle that turns out to be broken while it is read says why, and saves nothing', async () => {
    const { app, page, call, dir } = await start();
    const broken = path.join(dir, 'broken-bundle');
    cpSync(demoEvidenceDir(resourcesDir), broken, { recursive: true });
    writeFileSync(path.join(broken, 'buckets', VOTER_BUCKET, 'get-bucket-policy.json'), '{"Policy": ');

    await expectScreen(page, 'Your audits');
    await page.getByRole('button', { name: 'Start a new audit' }).click();
    await fillNames(page);
    await page.locator('label[for=source-evidence]').click();
    app.host.evidenceAnswers.push(broken);
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await page.locator('.usa-alert--success').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Start audit' }).click();

    await expectScreen(page, 'The audit could not finish');
    const alert = await page.locator('.usa-alert--error').innerText();
    expect(alert).toContain(`${VOTER_BUCKET}/get-bucket-policy.json`);
    expect(alert).toContain('not valid JSON');
    expect(await call('audits.list', {})).toEqual([]);
    await axe(page, 'failed scan');
    await page.getByRole('button', { name: 'Back to your audits' }).click();
    await expectScreen(page, 'Your audits');
    expect(await page.getByText('No audits yet').count()).toBe(1);

    expect(appErrors(app)).toEqual([]);
  });
});
