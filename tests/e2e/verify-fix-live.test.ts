import { PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { openDatabase } from '../../electron/core/store/db';
import { RENDERER_DIST, openApp } from '../helpers/app-page';
import { launchChromium } from '../helpers/chromium';
import { MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { SCENARIOS, adminClients, createScenarios } from '../helpers/s3-scenarios';
import { axe, boardRow, expectScreen, openFinding } from '../helpers/work-page';

/**
 * Verify fix, live, in the real renderer bound to the real router and core, against moto on
 * 127.0.0.1: a live scan finds a bucket anyone can read; verify (keys typed into the form)
 * says it still fails and keeps the attempt; county IT turns on Block Public Access for the
 * bucket through the SDK; verify again closes the finding, and both attempts are kept.
 * Build the renderer first: npm run build:renderer.
 */

const BUCKET = 'cv-public-policy';
const TITLE = 'Objects readable by anyone on the internet';
const resourcesDir = findResourcesDir();
/** Copies of the two fields: the SDK marks a credentials object it was given. */
const KEYS = { accessKeyId: MOTO_ROOT_KEYS.accessKeyId, secretAccessKey: MOTO_ROOT_KEYS.secretAccessKey };

let browser: Browser;
let moto: MotoServer;
let home: string;

beforeAll(async () => {
  if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) throw new Error('dist/renderer is missing: run "npm run build:renderer" first');
  // No AWS settings of this machine, and no instance metadata lookup, which would leave it.
  home = mkdtempSync(path.join(os.tmpdir(), 'canvass-e2e-verify-home-'));
  mkdirSync(path.join(home, '.aws'));
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_') && k !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') vi.stubEnv(k, undefined);
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', path.join(home, '.aws', 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(home, '.aws', 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  moto = await startMoto();
  await createScenarios(moto.endpoint, SCENARIOS.filter((s) => s.bucket === BUCKET));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await moto?.stop();
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

/** The live source of the verify panel: typed keys, moto's endpoint with path-style addresses. */
async function fillLive(page: Page) {
  await page.locator('label[for=verify-live]').click();
  await page.locator('label[for=signin-keys]').click();
  await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
  await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
  await page.getByText('Advanced: storage that is not Amazon S3').click();
  await page.getByLabel('Endpoint URL of an S3-compatible service').fill(moto.endpoint);
  await page.locator('label[for=pathStyle]').click();
}

const attempts = (page: Page) => page.locator('table.cv-attempts tbody tr');

describe('verify fix, live against moto', () => {
  test('still failing before the fix (the attempt is kept), closed after Block Public Access is turned on', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-e2e-verify-'));
    const db = openDatabase(path.join(dir, 'canvass.db'));
    const app = await openApp(browser, { db, resourcesDir, dataDir: dir });
    try {
      const { page } = app;
      // The audit: a live scan of the moto account through the router.
      const events: Array<{ event: string; payload: { status?: string; auditId?: string } }> = [];
      const started = await app.router.handle(
        'scan.start',
        { jurisdiction: 'Harlow County', auditor: 'Pat Okafor', sources: [{ kind: 'live', endpoint: moto.endpoint, pathStyle: true, region: 'us-east-1', credentials: KEYS }] },
        { emit: (event, payload) => events.push({ event, payload: payload as { status?: string } }) },
      );
      expect(started.ok).toBe(true);
      await expect.poll(() => events.find((e) => e.event === 'scan.finished')?.payload.status, { timeout: 30_000 }).toBe('complete');
      await page.reload();

      await openFinding(page, 'Harlow County', TITLE, BUCKET);
      await page.getByLabel('Working as').fill('Sam Ortiz');
      expect(await page.locator('.cv-work__tags').innerText()).toContain('Not started');

      // Before the fix: still a problem, the finding stays open, the attempt is kept.
      await fillLive(page);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => page.locator('.cv-live .usa-alert--success').innerText().catch(() => ''), { timeout: 30_000 }).toContain('Connected to AWS account');
      await page.getByRole('button', { name: 'Verify fix' }).click();
      const result = page.locator('section[aria-labelledby=verify-heading] .usa-alert').last();
      await expect.poll(() => result.innerText().catch(() => ''), { timeout: 30_000 }).toContain('Still a problem');
      expect(await result.innerText()).toContain('The finding stays open; this attempt is kept below.');
      await expect.poll(() => attempts(page).count()).toBe(1);
      expect(await attempts(page).first().innerText()).toMatch(/Sam Ortiz\s+The account, live\n.*\s+Still a problem\s+Anyone on the internet can read/);
      expect(await page.locator('.cv-work__tags').innerText()).not.toContain('Fixed');
      await axe(page, 'checklist, verify fix live, still failing');

      // County IT closes the bucket.
      await adminClients(moto.endpoint, KEYS).s3.send(
        new PutPublicAccessBlockCommand({
          Bucket: BUCKET,
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        }),
      );

      // Verify again: it passes, the finding closes, and both attempts are there.
      await page.getByRole('button', { name: 'Verify fix' }).click();
      await expect.poll(() => result.innerText().catch(() => ''), { timeout: 30_000 }).toContain('Fixed: the finding is closed');
      await expect.poll(() => attempts(page).count()).toBe(2);
      expect(await attempts(page).nth(0).innerText()).toContain('Still a problem');
      expect(await attempts(page).nth(1).innerText()).toMatch(/Sam Ortiz\s+The account, live\n.*\s+Fixed\s+/);
      expect(await page.locator('.cv-work__tags').innerText()).toContain('Fixed');
      expect(await page.locator('.cv-signoff').innerText()).toMatch(/A re-check on .+ found it fixed: the finding is closed\./);

      await page.getByRole('button', { name: 'Remediation board' }).click();
      await expectScreen(page, 'Remediation board: Harlow County');
      expect(await boardRow(page, TITLE, BUCKET).innerText()).toContain('Fixed');
      expect(await page.locator('#progress-text').innerText()).toMatch(/· 1 of \d+ findings? fixed$/);
      const verified = db.prepare("SELECT json_extract(payload_json, '$.status') AS status, json_extract(payload_json, '$.closed') AS closed FROM audit_log WHERE action = 'finding.verified' ORDER BY seq").all();
      expect(verified).toEqual([
        { status: 'fail', closed: 0 },
        { status: 'pass', closed: 1 },
      ]);
      // The typed secret went nowhere it could be kept.
      expect(JSON.stringify(db.prepare('SELECT * FROM verifications').all())).not.toContain(KEYS.secretAccessKey);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
