import { build } from 'esbuild';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveAppFile } from '../../electron/app-protocol';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc/contract';
import { createHandlers } from '../../electron/ipc/handlers';
import type { EvidencePick, Host } from '../../electron/ipc/host';
import { createRouter, type Router } from '../../electron/ipc/router';
import { pdfFromHtml } from '../../electron/core/report/pdf';
import type { Db } from '../../electron/core/store/db';

const ROOT = path.resolve(__dirname, '../..');
export const RENDERER_DIST = path.join(ROOT, 'dist/renderer');
/** In the browser the app is served from this origin; in Electron from app://canvass. */
export const TEST_ORIGIN = 'http://canvass.test';

let preloadBundle: Promise<string> | undefined;
/** The real preload.ts, bundled with the page shim in place of 'electron'. */
function bundlePreload(): Promise<string> {
  preloadBundle ??= build({
    entryPoints: [path.join(ROOT, 'electron/preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    alias: { electron: path.join(ROOT, 'tests/helpers/electron-page-shim.ts') },
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  return preloadBundle;
}

/** A host whose dialogs answer what the test queued, and whose PDFs come from the same Chromium. */
export class TestHost implements Host {
  evidenceAnswers: Array<string | null> = [];
  localAnswers: Array<string | null> = [];
  reportAnswers: Array<string | null> = [];
  collectAnswers: Array<string | null> = [];
  attachmentAnswers: Array<string | null> = [];
  constructor(private readonly browser: Browser) {}
  /** What each evidence dialog was asked to pick, in order. */
  evidencePicks: EvidencePick[] = [];
  async chooseEvidence(pick: EvidencePick) {
    this.evidencePicks.push(pick);
    return (pick === 'local' ? this.localAnswers : this.evidenceAnswers).shift() ?? null;
  }
  async chooseReportPath() {
    return this.reportAnswers.shift() ?? null;
  }
  async chooseCollectFolder() {
    return this.collectAnswers.shift() ?? null;
  }
  async chooseAttachment() {
    return this.attachmentAnswers.shift() ?? null;
  }
  htmlToPdf(html: string) {
    return pdfFromHtml(this.browser, html);
  }
}

export interface AppUnderTest {
  page: Page;
  context: BrowserContext;
  router: Router;
  host: TestHost;
  /** Errors the page logged or threw, for assertions that the app ran clean. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openApp(browser: Browser, deps: { db: Db; resourcesDir: string; dataDir: string }): Promise<AppUnderTest> {
  const host = new TestHost(browser);
  const router = createRouter(createHandlers({ ...deps, host, version: '0.0.0-test' }));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  // No request leaves the machine: the app origin is served from dist/renderer, everything else is refused.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!url.startsWith(`${TEST_ORIGIN}/`)) return route.abort('blockedbyclient');
    const r = await serveAppFile(RENDERER_DIST, url);
    // COOP needs a secure origin; over the test's http origin Chromium would only log that it ignored it.
    const { 'Cross-Origin-Opener-Policy': _coop, ...headers } = r.headers;
    return route.fulfill({ status: r.status, headers, body: r.body });
  });
  await page.exposeBinding('__canvassInvoke', async (source, channel: string, method: unknown, input: unknown) => {
    // The same sender check as main.ts: only the app's own top frame may call the core.
    if (channel !== INVOKE_CHANNEL || source.frame !== page.mainFrame() || new URL(source.frame.url()).origin !== TEST_ORIGIN) {
      return { ok: false, error: { code: 'invalid_input', message: 'untrusted sender' } };
    }
    return router.handle(method, input, {
      emit: (event, payload) => {
        void page.evaluate(([c, e, p]) => (window as unknown as { __canvassDeliver: (...a: unknown[]) => void }).__canvassDeliver(c, e, p), [EVENT_CHANNEL, event, payload] as const).catch(() => {});
      },
    });
  });
  await page.addInitScript({ content: await bundlePreload() });
  await page.goto(`${TEST_ORIGIN}/`);
  return {
    page,
    context,
    router,
    host,
    pageErrors,
    close: () => context.close(),
  };
}
