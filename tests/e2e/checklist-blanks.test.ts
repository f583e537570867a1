import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { runScan } from '../../electron/core/scan/scan';
import { appSessions } from '../helpers/e2e-session';
import { axe, openFinding, setStep, stepItem } from '../helpers/work-page';

/**
 * The blanks of a checklist (<LOG_BUCKET> and the like) typed on the finding's screen: the
 * core fills them into the commands shown, shell-quoted; a value it refuses is shown by its
 * field; nothing typed there reaches the database. Build the renderer first: npm run build:renderer.
 */

const BUCKET = 'harlow-county-voter-rolls-public';
const TITLE = 'Objects readable by anyone on the internet';
const resourcesDir = findResourcesDir();
const { start } = appSessions('canvass-e2e-blanks-');

const blanks = (page: Page) => page.getByRole('group', { name: 'Fill in the blanks' });
/** Step 2's second command: copying the access logs out of the log bucket. */
const logCopy = (page: Page) => stepItem(page, 2).locator('.cv-command__text code').nth(1);
const fillFirst = (page: Page, n: number) => stepItem(page, n).locator('.cv-step__inputs');

/** The blanks and step 2 as images for a person to look at, when CANVASS_SCREENSHOTS names a folder. */
async function shot(page: Page, name: string) {
  const dir = process.env.CANVASS_SCREENSHOTS;
  if (!dir) return;
  await blanks(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(dir, `blanks-${name}-screen.png`) });
  await blanks(page).screenshot({ path: path.join(dir, `blanks-${name}-fields.png`) });
  await stepItem(page, 2).screenshot({ path: path.join(dir, `blanks-${name}-step2.png`) });
}

describe('filling in the blanks of a checklist', () => {
  test('typed blanks fill the commands in, a refused value is shown by its field, and nothing is saved', async () => {
    const s = await start();
    await runScan(s.db, { jurisdiction: 'Harlow County', auditor: 'Dana Ruiz', sources: [{ kind: 'demo' }] }, { resourcesDir });
    await s.page.reload();
    const { page } = s;
    await openFinding(page, 'Harlow County', TITLE, BUCKET);

    // One labelled field per blank, its meaning as the hint and its example as the placeholder.
    const group = blanks(page);
    expect(await group.getByRole('textbox').count()).toBe(3);
    const logBucket = group.getByRole('textbox', { name: 'LOG_BUCKET' });
    expect(await logBucket.getAttribute('placeholder')).toBe('harlow-county-access-logs');
    expect(await page.locator(`#${await logBucket.getAttribute('aria-describedby')}`).textContent()).toMatch(/^The bucket that receives this bucket's server access logs/);
    expect(await logCopy(page).textContent()).toBe('aws s3 cp s3://<LOG_BUCKET>/<LOG_PREFIX> access-logs/ --recursive');
    expect(await fillFirst(page, 2).textContent()).toMatch(/Fill in first.*LOG_BUCKET, LOG_PREFIX\.$/);
    await shot(page, 'empty');

    // A reason being typed elsewhere on the screen stays while the commands are filled in.
    await stepItem(page, 1).locator('label.usa-radio__label', { hasText: /^Blocked$/ }).click();
    await stepItem(page, 1).locator('textarea').fill('Waiting for the vendor');

    await logBucket.fill('that-bucket');
    await expect.poll(() => logCopy(page).textContent()).toBe('aws s3 cp s3://that-bucket/<LOG_PREFIX> access-logs/ --recursive');
    expect(await fillFirst(page, 2).textContent()).toMatch(/Fill in first.*: LOG_PREFIX\.$/);
    await group.getByRole('textbox', { name: 'LOG_PREFIX' }).fill('voter rolls/');
    await expect.poll(() => logCopy(page).textContent()).toBe("aws s3 cp s3://that-bucket/'voter rolls/' access-logs/ --recursive");
    expect(await fillFirst(page, 2).count()).toBe(0);
    expect(await stepItem(page, 1).locator('textarea').inputValue()).toBe('Waiting for the vendor');
    await stepItem(page, 2).getByRole('button', { name: 'Copy command 2 of step 2' }).click();
    await expect.poll(() => stepItem(page, 2).locator('.cv-copy__status').nth(1).textContent()).toMatch(/^(Copied|Select the command and copy it)$/);

    // A value no command can carry is refused by the core and shown by its field; the others still fill in.
    const sample = group.getByRole('textbox', { name: 'SAMPLE_KEY' });
    await sample.fill('voter\u0000rolls.csv');
    await expect.poll(() => page.locator('#blank-SAMPLE_KEY-error').textContent()).toMatch(/SAMPLE_KEY.*NUL character/);
    expect(await sample.getAttribute('aria-invalid')).toBe('true');
    expect(await logCopy(page).textContent()).toBe("aws s3 cp s3://that-bucket/'voter rolls/' access-logs/ --recursive");
    await axe(page, 'checklist with blanks filled and one refused');
    await shot(page, 'filled');
    await sample.fill('voter-rolls/harlow-voter-extract-2026-10.csv');
    await expect.poll(() => page.locator('#blank-SAMPLE_KEY-error').count()).toBe(0);

    // Saving a step reloads the finding: the commands stay filled in.
    await page.getByLabel('Working as').fill('Sam Ortiz');
    await setStep(page, 2, 'Done');
    await expect.poll(() => stepItem(page, 2).locator('.cv-step__changed').textContent()).toContain('Saved as done by Sam Ortiz');
    expect(await logCopy(page).textContent()).toBe("aws s3 cp s3://that-bucket/'voter rolls/' access-logs/ --recursive");

    // Kept by the page for this finding across a reload of the window, and never in the database.
    await page.reload();
    await expect.poll(() => logCopy(page).textContent(), { timeout: 30_000 }).toBe("aws s3 cp s3://that-bucket/'voter rolls/' access-logs/ --recursive");
    expect(await blanks(page).getByRole('textbox', { name: 'LOG_BUCKET' }).inputValue()).toBe('that-bucket');
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const stored = ['canvass.db', 'canvass.db-wal'].map((f) => path.join(s.dir, f)).filter(existsSync).map((f) => readFileSync(f).toString('latin1'));
    expect(stored.join('')).toContain('Sam Ortiz');
    expect(stored.join('')).not.toContain('that-bucket');
    expect(s.app.pageErrors).toEqual([]);
  });
});
