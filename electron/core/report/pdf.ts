import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { InputError } from '../errors';

// No 'electron' import here: the command line prints PDFs with this module too.

/** Page footer: Chromium renders it in the bottom page margin, outside the document's own fonts, so sizes are explicit. */
const FOOTER_TEMPLATE = `<div style="width:100%;margin:0 0.75in;font-family:Helvetica,Arial,sans-serif;font-size:8px;color:#3d4551;display:flex;justify-content:space-between;-webkit-print-color-adjust:exact;">
<span>Security-sensitive &mdash; handle per county policy</span>
<span>Canvass report &mdash; page <span class="pageNumber"></span> of <span class="totalPages"></span></span>
</div>`;

/** The page.pdf options every PDF Canvass prints uses (app, command line, tests). */
export const PDF_OPTIONS = {
  format: 'Letter',
  printBackground: true,
  preferCSSPageSize: true,
  tagged: true,
  outline: true,
  displayHeaderFooter: true,
  headerTemplate: '<div></div>',
  footerTemplate: FOOTER_TEMPLATE,
} as const satisfies NonNullable<Parameters<Page['pdf']>[0]>;

/** Prints a self-contained HTML document in a fresh context that may not fetch anything. */
export async function pdfFromHtml(browser: Browser, html: string): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
  try {
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf(PDF_OPTIONS);
  } finally {
    await context.close();
  }
}

/** No Chromium-family browser to print with. An input error: the message says how to get one. */
export class ChromiumNotFoundError extends InputError {
  constructor() {
    super(
      'Cannot print a PDF: no Chromium, Google Chrome or Microsoft Edge was found. Install one (Linux: "apt-get install chromium"; macOS or Windows: Google Chrome or Microsoft Edge), ' +
        'or set CANVASS_CHROMIUM to the browser executable, or save the report as .html and print it from a browser.',
    );
    this.name = 'ChromiumNotFoundError';
  }
}

function candidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  // CANVASS_CHROMIUM is the user's explicit choice: if it is wrong, say so rather than print with another browser.
  if (env.CANVASS_CHROMIUM && env.CANVASS_CHROMIUM.trim() !== '') return [env.CANVASS_CHROMIUM];
  const fromEnv = [env.CHROMIUM_PATH].filter((p): p is string => !!p && p.trim() !== '');
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    const roots = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
    return [...fromEnv, ...roots.flatMap((r) => apps.map((a) => path.posix.join(r, a)))];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', ...(env.LOCALAPPDATA ? [env.LOCALAPPDATA] : [])];
    const exes = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];
    return [...fromEnv, ...exes.flatMap((e) => roots.map((r) => path.win32.join(r, e)))];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/google/chrome/chrome',
  ];
}

/** The browser to print with: CANVASS_CHROMIUM alone when set, else CHROMIUM_PATH, then the usual install paths. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (p: string) => boolean = existsSync,
): string | undefined {
  return candidates(env, platform).find((p) => exists(p));
}

/**
 * Launch args: headless, and every background connection Chromium would make turned off.
 * No --user-data-dir: Playwright refuses it in launch() and instead gives every launch a
 * fresh temporary profile of its own, which it deletes when the browser closes.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Prints the report with the Chromium found on this machine (the command line's path; the app uses Electron's own). */
export async function htmlToPdfWithChromium(html: string, tmpRoot: string = os.tmpdir()): Promise<Buffer> {
  const executablePath = findChromium();
  if (!executablePath) throw new ChromiumNotFoundError();
  // Playwright launches with a fresh temporary profile of its own and deletes it on close.
  // The scratch files Chromium itself leaves in TMPDIR (.org.chromium.*) go to a fresh
  // directory of ours, removed afterwards whatever happens.
  const tmp = mkdtempSync(path.join(tmpRoot, 'canvass-pdf-'));
  try {
    // Loaded here, not at the top: Playwright takes half a second to load, and a scan without a PDF does not need it.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
    });
    try {
      return await pdfFromHtml(browser, html);
    } finally {
      await browser.close().catch(() => {});
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
