import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Input, MethodName, Output } from '../../electron/ipc/contract';
import { findResourcesDir } from '../../electron/core/paths';
import { openDatabase, type Db } from '../../electron/core/store/db';
import { RENDERER_DIST, openApp, type AppUnderTest } from './app-page';
import { launchChromium } from './chromium';

/** One app under test: the page, its fresh database and data folder, and the router called directly. */
export interface Session {
  app: AppUnderTest;
  page: Page;
  db: Db;
  dir: string;
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
}

/**
 * For an e2e file: one Chromium for the file, and start() giving each test a fresh app on a
 * fresh database in a folder of its own, all closed and removed after the test. `needs`
 * names built files the suite cannot run without, with what to do when one is missing.
 */
export function appSessions(prefix: string, needs: Array<{ file: string; missing: string }> = []) {
  let browser: Browser;
  const cleanups: Array<() => Promise<void> | void> = [];
  beforeAll(async () => {
    for (const n of [{ file: path.join(RENDERER_DIST, 'index.html'), missing: 'dist/renderer is missing: run "npm run build" first' }, ...needs]) {
      if (!existsSync(n.file)) throw new Error(n.missing);
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(): Promise<Session> {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    const db = openDatabase(path.join(dir, 'canvass.db'));
    const app = await openApp(browser, { db, resourcesDir: findResourcesDir(), dataDir: dir });
    cleanups.push(async () => {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return {
      app,
      page: app.page,
      db,
      dir,
      async call<M extends MethodName>(method: M, input: Input<M>) {
        const r = await app.router.handle(method, input, { emit() {} });
        if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
        return r.value as Output<M>;
      },
    };
  }
  return { start, browser: () => browser };
}
