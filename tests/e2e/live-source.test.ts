import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { readEvidenceBundle } from '../../electron/core/collect/evidence-bundle';
import { findResourcesDir } from '../../electron/core/paths';
import { openDatabase } from '../../electron/core/store/db';
import { RENDERER_DIST, TEST_ORIGIN, openApp, type AppUnderTest } from '../helpers/app-page';
import { launchChromium } from '../helpers/chromium';
import { MOTO_ACCOUNT, MOTO_ROOT_KEYS, startMoto, type MotoServer } from '../helpers/moto';
import { SCENARIOS, createScenarios } from '../helpers/s3-scenarios';

/**
 * The live source in the real renderer, bound to the real router and core, against moto on
 * 127.0.0.1: Test connection (the standard sign-in from this process's environment, and keys
 * typed into the form), a wrong endpoint, a live scan to the findings, and Collect evidence
 * only. Build the renderer first: npm run build:renderer.
 */

const PUBLIC_BUCKET = 'cv-public-policy';
const MOTO_USER = `arn:aws:sts::${MOTO_ACCOUNT}:user/moto`;
/** A recognizable secret, typed into the form: it must not come back anywhere. */
const TYPED_SECRET = 'CanvassFakeSecretKey/DoNotLeak+0123456789abcdefXYZ';
const resourcesDir = findResourcesDir();

let browser: Browser;
let moto: MotoServer;
/** A loopback port nothing listens on: the wrong endpoint. */
let closedEndpoint: string;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) throw new Error('dist/renderer is missing: run "npm run build:renderer" first');
  // The standard sign-in of this process (the router runs here): keys in the environment, two
  // profiles in files of its own, and no instance metadata lookup, which would leave the machine.
  const home = mkdtempSync(path.join(os.tmpdir(), 'canvass-e2e-home-'));
  mkdirSync(path.join(home, '.aws'));
  writeFileSync(path.join(home, '.aws', 'config'), '[profile county-sso]\nsso_session = county\n[sso-session county]\nsso_region = us-east-1\n');
  writeFileSync(path.join(home, '.aws', 'credentials'), '[county-readonly]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_') && k !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') vi.stubEnv(k, undefined);
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', path.join(home, '.aws', 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(home, '.aws', 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_ACCESS_KEY_ID', MOTO_ROOT_KEYS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', MOTO_ROOT_KEYS.secretAccessKey);

  moto = await startMoto();
  await createScenarios(moto.endpoint, SCENARIOS.filter((s) => ['cv-private', PUBLIC_BUCKET].includes(s.bucket)));
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedEndpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await moto?.stop();
  vi.unstubAllEnvs();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Session {
  app: AppUnderTest;
  page: Page;
  dir: string;
  requests: string[];
}

async function start(): Promise<Session> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-e2e-live-'));
  const db = openDatabase(path.join(dir, 'canvass.db'));
  const app = await openApp(browser, { db, resourcesDir, dataDir: dir });
  const requests: string[] = [];
  app.page.on('request', (r) => requests.push(r.url()));
  cleanups.push(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, page: app.page, dir, requests };
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
async function expectScreen(page: Page, heading: string) {
  await expect.poll(() => h1(page).textContent(), { timeout: 30_000 }).toBe(heading);
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName ?? null)).toBe('H1');
}

async function axe(page: Page, where: string) {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = r.violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(found).toEqual([]);
}

/** Home → new audit → names → "Your AWS account". */
async function toLiveSource(page: Page) {
  await expectScreen(page, 'Your audits');
  await page.getByRole('button', { name: 'Start a new audit' }).click();
  await page.getByLabel('County or election office being audited').fill('Harlow County');
  await page.getByLabel('Your name').fill('Pat Okafor');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('What to check');
  await page.locator('label[for=source-live]').click();
}

async function setEndpoint(page: Page, endpoint: string) {
  if ((await page.locator('details.cv-advanced').getAttribute('open')) === null) await page.getByText('Advanced: storage that is not Amazon S3').click();
  await page.getByLabel('Endpoint URL of an S3-compatible service').fill(endpoint);
  if (!(await page.getByLabel('Use path-style addresses').isChecked())) await page.locator('label[for=pathStyle]').click();
}

const testConnection = (page: Page) => page.getByRole('button', { name: 'Test connection' }).click();

describe('the live source', () => {
  test('Test connection: the moto account with the standard sign-in, the clear error of a wrong endpoint, typed keys; axe-clean', async () => {
    const { app, page, requests } = await start();
    await toLiveSource(page);

    // Sign in with a profile: the names of the profiles, "default" first and chosen.
    const profile = page.getByLabel('Profile', { exact: true });
    await expect.poll(() => profile.locator('option').allTextContents()).toEqual(['default', 'county-readonly', 'county-sso']);
    expect(await profile.inputValue()).toBe('default');
    const region = page.getByLabel('AWS Region');
    expect(await region.inputValue()).toBe('us-east-1');
    const regions = await region.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(regions.slice(0, 6)).toEqual(['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'us-gov-west-1', 'us-gov-east-1']);
    await axe(page, 'live source, profile');

    // The Advanced disclosure opens from the keyboard.
    await page.locator('details.cv-advanced > summary').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('details.cv-advanced').getAttribute('open')).not.toBeNull();
    await setEndpoint(page, moto.endpoint);
    await testConnection(page);
    const ok = page.locator('.cv-live .usa-alert--success');
    await ok.waitFor();
    expect(await ok.innerText()).toContain(`Connected to AWS account ${MOTO_ACCOUNT} as ${MOTO_USER}.`);
    expect(await ok.getAttribute('role')).toBe('status');
    await axe(page, 'live source, connected');

    // A wrong endpoint: the result of the last test goes as soon as the settings change; the new one says why, in one sentence.
    await page.getByLabel('Endpoint URL of an S3-compatible service').fill(closedEndpoint);
    expect(await ok.count()).toBe(0);
    await testConnection(page);
    const failed = page.locator('.cv-live .usa-alert--error');
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.getByRole('heading').textContent()).toBe('Canvass could not connect');
    expect(await failed.locator('p').textContent()).toBe(`Cannot reach ${closedEndpoint} (ECONNREFUSED): check the network and the endpoint URL under Advanced.`);
    expect(await failed.getAttribute('role')).toBe('alert');
    await axe(page, 'live source, wrong endpoint');

    // An endpoint that is not a web address is refused in the form, and focus goes to it.
    await page.getByLabel('Endpoint URL of an S3-compatible service').fill('s3 at the county office');
    await testConnection(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('endpoint');
    expect(await page.locator('#endpoint-error').textContent()).toContain('starts with https:// or http://');

    // Type an access key: a plain warning, the secret hidden, each missing field said inline, focus on the first.
    await setEndpoint(page, moto.endpoint);
    await page.locator('label[for=signin-keys]').click();
    expect(await page.locator('.cv-keys-warning').innerText()).toContain('in memory only until you close it');
    expect(await page.getByLabel('Secret access key').getAttribute('type')).toBe('password');
    expect(await page.getByLabel('Session token').getAttribute('type')).toBe('password');
    await testConnection(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('accessKeyId');
    expect(await page.locator('.usa-error-message').allTextContents()).toEqual(['Enter the access key ID.', 'Enter the secret access key.']);
    expect(await page.getByLabel('Access key ID').getAttribute('aria-invalid')).toBe('true');
    await axe(page, 'live source, typed keys with errors');

    await page.getByLabel('Access key ID').fill(MOTO_ROOT_KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(TYPED_SECRET);
    await testConnection(page);
    await ok.waitFor();
    expect(await ok.innerText()).toContain(`Connected to AWS account ${MOTO_ACCOUNT} as ${MOTO_USER}.`);
    expect(await ok.innerText()).toContain('These are permanent access keys.');
    await axe(page, 'live source, typed keys connected');

    // On to review: how Canvass signs in, never the key itself.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('Review and start');
    const review = await page.locator('.cv-summary-list').innerText();
    expect(review).toContain('Your AWS account, read live and read-only');
    expect(review).toContain('Signed in with the access key AKIA…MPLE, kept in memory only');
    expect(review).toContain(`Endpoint ${moto.endpoint}, path-style addresses`);
    expect(review).toContain(`Tested: Connected to AWS account ${MOTO_ACCOUNT}`);
    expect(await page.content()).not.toContain('DoNotLeak');
    await axe(page, 'review, live source');

    expect(requests.filter((u) => !u.startsWith(`${TEST_ORIGIN}/`))).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  test('a live scan of the moto buckets reaches the findings, with the public bucket in the headline', async () => {
    const { app, page, requests } = await start();
    await toLiveSource(page);
    await setEndpoint(page, moto.endpoint);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('Review and start');
    expect(await page.locator('.cv-summary-list').innerText()).toContain('Signed in with this computer’s standard AWS sign-in (profile “default”)');
    await page.getByRole('button', { name: 'Start audit' }).click();

    await expectScreen(page, 'Harlow County audit');
    const headline = page.locator('.cv-headline');
    expect(await headline.getByRole('heading').textContent()).toBe('1 bucket can be read by anyone on the internet');
    expect(await headline.innerText()).toContain(`Voter data is among them: ${PUBLIC_BUCKET}`);
    await axe(page, 'findings of a live scan');

    await page.getByRole('button', { name: 'Your audits', exact: true }).click();
    await expectScreen(page, 'Your audits');
    expect(await page.locator('table.cv-audits tbody tr').innerText()).toContain(`AWS account ${MOTO_ACCOUNT}`);

    expect(requests.filter((u) => !u.startsWith(`${TEST_ORIGIN}/`))).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  test('Collect evidence only: a full folder is refused inline; an empty one gets a bundle the reader accepts', async () => {
    const { app, page, dir } = await start();
    await toLiveSource(page);
    await setEndpoint(page, moto.endpoint);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.usa-step-indicator__heading').textContent()).toContain('Review and start');
    const collectButton = page.getByRole('button', { name: 'Collect evidence only…' });

    // The clerk closes the folder dialog: nothing happens.
    app.host.collectAnswers.push(null);
    await collectButton.click();
    await expect.poll(() => collectButton.isEnabled()).toBe(true);
    expect(await page.locator('.usa-alert').count()).toBe(0);

    const full = path.join(dir, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'minutes.txt'), 'board minutes');
    app.host.collectAnswers.push(full);
    await collectButton.click();
    const refused = page.locator('.cv-collect-only .usa-alert--error');
    await refused.waitFor();
    expect(await refused.innerText()).toContain(`${full} exists and is not empty: choose a new folder for the evidence.`);
    await axe(page, 'review, collect refused');

    // While it runs: progress and a Cancel button (events held in the page to look at this state).
    await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const deliver = w.__canvassDeliver as (...a: unknown[]) => void;
      const held: unknown[][] = [];
      w.__canvassDeliver = (c: unknown, e: unknown, p: unknown) => (String(e).startsWith('collect.') ? held.push([c, e, p]) : deliver(c, e, p));
      w.__releaseAll = () => {
        w.__canvassDeliver = deliver;
        for (const a of held) deliver(...a);
        return held.map((a) => a[1]);
      };
    });
    const out = path.join(dir, 'evidence for the offline computer');
    app.host.collectAnswers.push(out);
    await collectButton.click();
    await expectScreen(page, 'Collecting evidence');
    expect(await page.locator('.cv-lead').innerText()).toContain(out);
    expect(await page.getByRole('button', { name: 'Cancel collection' }).isEnabled()).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Signing in…' }).count()).toBe(1);
    await axe(page, 'collecting');
    await expect.poll(() => existsSync(path.join(out, 'manifest.json')), { timeout: 30_000 }).toBe(true);
    const released = (await page.evaluate(() => (window as unknown as { __releaseAll: () => string[] }).__releaseAll())) as string[];
    expect(released.at(-1)).toBe('collect.finished');
    expect(released).toContain('collect.progress');

    await expectScreen(page, 'Evidence collected');
    expect(await page.locator('.cv-collected-path').textContent()).toBe(out);
    const done = await page.locator('.cv-screen').innerText();
    expect(done).toContain(`2 buckets of AWS account ${MOTO_ACCOUNT}`);
    expect(done).toContain('Copy this whole folder to a USB drive and carry it to the computer that is not connected to the internet.');
    await axe(page, 'evidence collected');

    const inventory = await readEvidenceBundle(out);
    expect(inventory.account.accountId).toBe(MOTO_ACCOUNT);
    expect(inventory.buckets.map((b) => b.name).sort()).toEqual(['cv-private', PUBLIC_BUCKET]);
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))).toMatchObject({ format: 'canvass-evidence/1', accountId: MOTO_ACCOUNT });

    await page.getByRole('button', { name: 'Back to your audits' }).click();
    await expectScreen(page, 'Your audits');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
