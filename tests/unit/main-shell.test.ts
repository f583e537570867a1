import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * main.ts cannot run here (no Electron binary), so it runs against a recording stand-in of
 * the 'electron' module: every hardening step it takes is recorded and asserted.
 */
const rec = vi.hoisted(() => ({
  windows: [] as Array<{ opts: any; url?: string; webContents: any }>,
  ipc: new Map<string, (...a: any[]) => any>(),
  privileged: [] as any[],
  protocols: new Map<string, (req: Request) => Promise<Response>>(),
  sandbox: false,
  permissionRequest: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | ((...a: unknown[]) => boolean),
  beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  userData: '',
  app: undefined as any,
}));

vi.mock('electron', async () => {
  const { EventEmitter: EE } = await import('node:events');
  class FakeWebContents extends EE {
    windowOpen?: (d: unknown) => unknown;
    mainFrame = { url: 'app://canvass/index.html' };
    sent: unknown[][] = [];
    setWindowOpenHandler(h: (d: unknown) => unknown) {
      this.windowOpen = h;
    }
    send(...a: unknown[]) {
      this.sent.push(a);
    }
    isDestroyed() {
      return false;
    }
  }
  const app = Object.assign(new EE(), {
    isPackaged: false,
    whenReady: () => Promise.resolve(),
    enableSandbox: () => {
      rec.sandbox = true;
    },
    requestSingleInstanceLock: () => true,
    getPath: () => rec.userData,
    getVersion: () => '0.1.0',
    quit: () => {},
  });
  rec.app = app;
  class BrowserWindow extends EE {
    webContents = new FakeWebContents();
    url?: string;
    constructor(public opts: any) {
      super();
      rec.windows.push(this as any);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(u: string) {
      this.url = u;
      return Promise.resolve();
    }
    show() {}
    destroy() {}
  }
  return {
    app,
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { handle: (ch: string, h: (...a: any[]) => any) => rec.ipc.set(ch, h) },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => rec.privileged.push(...s),
      handle: (scheme: string, h: (req: Request) => Promise<Response>) => rec.protocols.set(scheme, h),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: any) => (rec.permissionRequest = h),
        setPermissionCheckHandler: (h: any) => (rec.permissionCheck = h),
        webRequest: { onBeforeRequest: (h: any) => (rec.beforeRequest = h) },
      },
    },
  };
});

beforeAll(async () => {
  rec.userData = mkdtempSync(path.join(os.tmpdir(), 'canvass-main-'));
  await import('../../electron/main');
  await new Promise((r) => setTimeout(r, 50));
});

const mainWindow = () => rec.windows[0];
const event = (over: Record<string, unknown> = {}) => {
  const sender = mainWindow().webContents;
  return { sender, senderFrame: sender.mainFrame, ...over };
};

describe('main.ts, against a stand-in of electron', () => {
  it('opens one window with the hardened webPreferences', () => {
    expect(rec.windows).toHaveLength(1);
    const wp = mainWindow().opts.webPreferences;
    expect(wp).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false, disableBlinkFeatures: 'Auxclick' });
    expect(path.basename(wp.preload)).toBe('preload.js');
    expect(rec.sandbox).toBe(true);
  });

  it('loads the app from app://canvass, not file://', () => {
    expect(mainWindow().url).toBe('app://canvass/index.html');
    expect(rec.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  it('serves the app with a strict Content-Security-Policy and refuses paths outside it', async () => {
    const handle = rec.protocols.get('app')!;
    const ok = await handle(new Request('app://canvass/index.html'));
    expect(ok.status).toBe(200);
    const csp = ok.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain('unsafe');
    expect((await handle(new Request('app://canvass/%2e%2e/package.json'))).status).toBe(404);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('refuses every navigation, redirect, webview and new window', () => {
    const wc = mainWindow().webContents;
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      wc.emit(ev, e, 'https://evil.example/');
      expect(e.preventDefault, ev).toHaveBeenCalled();
    }
    expect(wc.windowOpen({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      rec.permissionRequest!({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(rec.permissionCheck!({}, 'media')).toBe(false);
  });

  it('cancels every request that leaves the app', () => {
    const decide = (url: string) => {
      let r: { cancel: boolean } | undefined;
      rec.beforeRequest!({ url }, (x) => (r = x));
      return r!.cancel;
    };
    expect(decide('https://example.com/x.js')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('app://canvass/assets/index.js')).toBe(false);
  });

  it('binds the router to one IPC channel and answers the app\'s own top frame', async () => {
    expect([...rec.ipc.keys()]).toEqual(['canvass:call']);
    const r = await rec.ipc.get('canvass:call')!(event(), 'app.info', {});
    expect(r).toMatchObject({ ok: true, value: { version: '0.1.0' } });
  });

  it('checks the sender on every call: another origin, a subframe or no frame is refused', async () => {
    const h = rec.ipc.get('canvass:call')!;
    const refused = { ok: false, error: { code: 'invalid_input', message: 'untrusted sender' } };
    expect(await h(event({ senderFrame: { url: 'https://evil.example/' } }), 'app.info', {})).toEqual(refused);
    expect(await h(event({ senderFrame: { url: 'app://canvass/index.html' } }), 'app.info', {})).toEqual(refused);
    expect(await h(event({ senderFrame: null }), 'app.info', {})).toEqual(refused);
    const wc = mainWindow().webContents;
    wc.mainFrame = { url: 'file:///tmp/index.html' };
    expect(await h(event(), 'app.info', {})).toEqual(refused);
    wc.mainFrame = { url: 'app://canvass/index.html' };
  });

  it('asks for the evidence folder of Collect evidence only in a folder dialog that can make a new folder', async () => {
    const { dialog } = await import('electron');
    const open = vi.mocked(dialog.showOpenDialog).mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const r = await rec.ipc.get('canvass:call')!(event(), 'collect.start', {});
    expect(r).toEqual({ ok: true, value: { collectId: null, path: null } });
    expect(open).toHaveBeenCalledTimes(1);
    // Called as showOpenDialog(window, options).
    const options = (open.mock.calls[0] as unknown[])[1] as { properties: string[] };
    expect(options.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']));
    expect(options.properties).not.toContain('openFile');
  });

  it('asks for a folder, drive or share to scan in a folder-only dialog, and refuses one that cannot be opened', async () => {
    const { dialog } = await import('electron');
    const h = rec.ipc.get('canvass:call')!;
    const open = vi.mocked(dialog.showOpenDialog);
    open.mockClear();
    open.mockResolvedValueOnce({ canceled: false, filePaths: [rec.userData] });
    expect(await h(event(), 'sources.chooseLocalFolder', {})).toEqual({ ok: true, value: { path: rec.userData } });
    const options = (open.mock.calls[0] as unknown[])[1] as { properties: string[] };
    expect(options.properties).toEqual(['openDirectory']);

    open.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await h(event(), 'sources.chooseLocalFolder', {})).toEqual({ ok: true, value: { path: null } });
    // A share that went away between the dialog and the answer.
    const gone = path.join(rec.userData, 'unmounted-share');
    open.mockResolvedValueOnce({ canceled: false, filePaths: [gone] });
    expect(await h(event(), 'sources.chooseLocalFolder', {})).toEqual({ ok: false, error: { code: 'bad_input', message: `${gone}: no such file or folder` } });
  });

  it('asks for a file to attach to a finding in a one-file dialog, and attaches it with its SHA-256', async () => {
    const { dialog } = await import('electron');
    const h = rec.ipc.get('canvass:call')!;
    const started = await h(event(), 'scan.start', { jurisdiction: 'Harlow County', auditor: 'Pat', sources: [{ kind: 'demo' }] });
    expect(started.ok).toBe(true);
    const sent = mainWindow().webContents.sent as Array<[string, string, { scanId?: string; auditId?: string }]>;
    const finishedOf = () => sent.find(([, name, p]) => name === 'scan.finished' && p.scanId === started.value.scanId)?.[2];
    await vi.waitFor(() => expect(finishedOf()?.auditId).toBeTruthy(), { timeout: 20_000 });
    const auditId = finishedOf()!.auditId!;
    const { value } = await h(event(), 'audits.get', { auditId });
    const failing = (value.findings as Array<{ seq: number; status: string }>).find((f) => f.status === 'fail')!;

    const file = path.join(rec.userData, 'signed-letter.txt');
    writeFileSync(file, 'abc');
    const open = vi.mocked(dialog.showOpenDialog);
    open.mockClear();
    open.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const r = await h(event(), 'work.attach', { auditId, seq: failing.seq, actor: 'Pat' });
    expect(r).toMatchObject({ ok: true, value: { attachment: { name: 'signed-letter.txt', size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' } } });
    const options = (open.mock.calls[0] as unknown[])[1] as { properties: string[] };
    expect(options.properties).toEqual(['openFile']);

    open.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await h(event(), 'work.attach', { auditId, seq: failing.seq, actor: 'Pat' })).toEqual({ ok: true, value: { attachment: null } });
    // An unknown finding is refused before any dialog opens.
    expect(await h(event(), 'work.attach', { auditId, seq: 99_999, actor: 'Pat' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(open).toHaveBeenCalledTimes(2);
  }, 30_000);

  it('still validates input after the sender check', async () => {
    const r = await rec.ipc.get('canvass:call')!(event(), 'audits.get', { auditId: 42 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
