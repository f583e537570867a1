import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { demoEvidenceDir, findResourcesDir } from '../../electron/core/paths';
import { setStep as setStepCore } from '../../electron/core/remediation/work';
import { checklistsDir, loadChecklists } from '../../electron/core/remediation/checklists';
import { runScan } from '../../electron/core/scan/scan';
import { openDatabase } from '../../electron/core/store/db';
import { listFindings } from '../../electron/core/store/findings';
import { RENDERER_DIST, openApp } from '../helpers/app-page';
import { launchChromium } from '../helpers/chromium';
import { axe, boardRow, expectScreen, stepItem } from '../helpers/work-page';

/**
 * The next audit of the same county, in the real renderer: each finding matched to the
 * previous audit's shows as new, still open (with its checklist progress carried over) or
 * fixed, on the board and on the checklist screen. Build the renderer first.
 */

const VOTER = 'harlow-county-voter-rolls-public';
const RESULTS = 'harlow-county-election-results-site';
const TITLE = 'Objects readable by anyone on the internet';
const resourcesDir = findResourcesDir();

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) throw new Error('dist/renderer is missing: run "npm run build:renderer" first');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The demo county with Block Public Access turned on for the voter-rolls bucket. */
function fixedVoterBucket(dir: string): string {
  const out = path.join(dir, 'evidence-fixed');
  cpSync(demoEvidenceDir(resourcesDir), out, { recursive: true });
  const b = path.join(out, 'buckets', VOTER);
  rmSync(path.join(b, 'get-public-access-block.error.json'));
  writeFileSync(
    path.join(b, 'get-public-access-block.json'),
    JSON.stringify({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }),
  );
  return out;
}

/** Home lists audits newest first: the board of the nth. */
async function boardOf(page: Page, nth: number) {
  await expectScreen(page, 'Your audits');
  await page.locator('table.cv-audits tbody tr').nth(nth).getByRole('button', { name: /^Remediation board/ }).click();
  await expectScreen(page, 'Remediation board: Harlow County');
}

describe('the next audit of the same county', () => {
  test('shows each finding as new, still open with its progress carried over, or fixed since the last audit', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-e2e-carry-'));
    const db = openDatabase(path.join(dir, 'canvass.db'));
    const fixed = fixedVoterBucket(dir);
    const scan = (evidence: string, at: string) =>
      runScan(db, { jurisdiction: 'Harlow County', auditor: 'Dana Ruiz', sources: [{ kind: 'evidence', path: evidence }] }, { resourcesDir, now: () => new Date(at) });
    const app = await openApp(browser, { db, resourcesDir, dataDir: dir });
    try {
      // October: the voter bucket closed. November: open again (new). December: closed (fixed).
      await scan(fixed, '2026-10-01T09:00:00Z');
      const { audit: nov } = await scan(demoEvidenceDir(resourcesDir), '2026-11-01T09:00:00Z');
      const results = listFindings(db, nov.id).find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === RESULTS)!;
      const catalogue = loadChecklists(checklistsDir(resourcesDir));
      setStepCore(db, { auditId: nov.id, seq: results.seq, step: 1, state: 'done', expectedRevision: 0 }, { catalogue, actor: 'Pat Lee' });
      await scan(fixed, '2026-12-01T09:00:00Z');
      const { page } = app;
      await page.reload();

      // November against October.
      await boardOf(page, 1);
      expect(await boardRow(page, TITLE, VOTER).innerText()).toContain('New since the last audit');
      expect(await boardRow(page, TITLE, RESULTS).innerText()).toContain('Still open from the last audit');
      await boardRow(page, TITLE, VOTER).getByRole('button', { name: TITLE, exact: true }).click();
      await expectScreen(page, /in bucket harlow-county-voter-rolls-public$/);
      expect(await page.locator('.cv-work__tags').innerText()).toContain('New since the last audit');
      await page.getByRole('button', { name: 'Canvass: go to your audits' }).click();

      // December against November: the voter bucket fixed, the results site still open with step 1 carried over.
      await boardOf(page, 0);
      const fixedRow = await boardRow(page, TITLE, VOTER).innerText();
      expect(fixedRow).toContain('Fixed since the last audit');
      expect(fixedRow).toContain('Fixed');
      expect(await page.locator('.cv-board-totals').innerText()).toMatch(/\n[1-9]\d* fixed since the last audit$/);
      expect(await boardRow(page, TITLE, RESULTS).innerText()).toMatch(/Still open from the last audit[\s\S]*1 of \d+/);
      await axe(page, 'board with carried findings');
      await boardRow(page, TITLE, RESULTS).getByRole('button', { name: TITLE, exact: true }).click();
      await expectScreen(page, /in bucket harlow-county-election-results-site$/);
      expect(await page.locator('.cv-work__tags').innerText()).toContain('Still open from the last audit');
      expect(await stepItem(page, 1).locator('input[type=radio]:checked').getAttribute('value')).toBe('done');
      expect(await stepItem(page, 1).locator('.cv-step__changed').innerText()).toMatch(/^Saved as done by Pat Lee/);
      expect(await page.getByText('Progress carried over from the audit before this one.').count()).toBe(1);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
