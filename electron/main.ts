import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, type IpcMainInvokeEvent, type OpenDialogOptions, type WebContents } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, isTrustedSenderUrl, serveAppFile } from './app-protocol';
import { findResourcesDir } from './core/paths';
import { openDatabase } from './core/store/db';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc/contract';
import { createHandlers } from './ipc/handlers';
import type { EvidencePick, Host } from './ipc/host';
import { createRouter } from './ipc/router';

/**
 * The Electron shell, kept thin: it hardens the window, serves the built renderer from
 * app://canvass, and binds the contract's router to ipcMain. Everything else is in core/.
 */

const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const REPORT_PREFIX = '/__report/';
/** Reports are static documents with their own inline styles and embedded fonts, and no scripts. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

const pendingReports = new Map<string, string>();
let mainWindow: BrowserWindow | null = null;

function logLine(msg: string): void {
  try {
    const dir = path.join(app.getPath('userData'), 'logs');
    mkdirSync(dir, { recursive: true });
    appendFileSync(path.join(dir, 'canvass.log'), `${new Date().toISOString()} ${msg}\n`);
  } catch {
    // Logging must never take the app down.
  }
}

/** Every web contents: no navigation, no new windows, no webviews. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Only the app's own top frame may call the core. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && isTrustedSenderUrl(frame.url);
}

async function htmlToPdf(html: string): Promise<Buffer> {
  const token = randomBytes(16).toString('hex');
  pendingReports.set(token, html);
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await win.loadURL(`${APP_ORIGIN}${REPORT_PREFIX}${token}`);
    return await win.webContents.printToPDF({
      pageSize: 'Letter',
      printBackground: true,
      preferCSSPageSize: true,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
  } finally {
    pendingReports.delete(token);
    win.destroy();
  }
}

const EVIDENCE_DIALOGS: Record<EvidencePick, OpenDialogOptions> = {
  folder: { title: 'Choose the evidence folder', properties: ['openDirectory'] },
  file: {
    title: 'Choose a zipped evidence bundle or an AWS Config file',
    properties: ['openFile'],
    filters: [{ name: 'Evidence (.zip) or AWS Config (.json, .json.gz)', extensions: ['zip', 'json', 'gz'] }],
  },
  local: { title: 'Choose a folder, drive or network share to scan', buttonLabel: 'Scan this folder', properties: ['openDirectory'] },
};

const host: Host = {
  async chooseEvidence(pick) {
    // One dialog cannot offer folders and files at once on Windows and Linux: the page asks for one.
    // A mapped drive letter or a mounted share is a folder to this dialog, so 'local' covers all three.
    const r = await dialog.showOpenDialog(mainWindow!, EVIDENCE_DIALOGS[pick]);
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  },
  async chooseReportPath(defaultName, format) {
    const r = await dialog.showSaveDialog(mainWindow!, {
      title: 'Save the report',
      defaultPath: path.join(app.getPath('documents'), defaultName),
      filters: [format === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'Web page', extensions: ['html'] }],
    });
    return r.canceled || !r.filePath ? null : r.filePath;
  },
  async chooseCollectFolder() {
    const r = await dialog.showOpenDialog(mainWindow!, {
      title: 'Choose an empty folder for the evidence',
      buttonLabel: 'Collect here',
      // createDirectory: a "New Folder" button on macOS (Windows and Linux dialogs always have one);
      // promptToCreate: on Windows, a typed name that does not exist yet is returned, to be made.
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    });
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  },
  async chooseAttachment() {
    // One file at a time: each gets its own record, size and SHA-256 on the finding.
    const r = await dialog.showOpenDialog(mainWindow!, { title: 'Choose a file to attach to this finding', buttonLabel: 'Attach', properties: ['openFile'] });
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  },
  htmlToPdf,
};

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Canvass',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click would otherwise open a link in a new window before any handler sees it.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.on('web-contents-created', (_e, contents) => lockDown(contents));

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.on('window-all-closed', () => app.quit());

void app.whenReady().then(() => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Nothing in the app goes to the network: refuse every request that is not app://.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith(`${APP_SCHEME}:`) && !details.url.startsWith('devtools:') }));

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    if (url.pathname.startsWith(REPORT_PREFIX)) {
      const html = pendingReports.get(url.pathname.slice(REPORT_PREFIX.length));
      if (html === undefined) return new Response('not found', { status: 404 });
      return new Response(html, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REPORT_CSP } });
    }
    const r = await serveAppFile(RENDERER_DIR, request.url);
    return new Response(new Uint8Array(r.body), { status: r.status, headers: r.headers });
  });

  const dataDir = app.getPath('userData');
  const db = openDatabase(path.join(dataDir, 'canvass.db'));
  const resourcesDir = app.isPackaged ? path.join(process.resourcesPath, 'resources') : findResourcesDir();
  const router = createRouter(createHandlers({ db, host, resourcesDir, dataDir, version: app.getVersion(), log: logLine }), logLine);

  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      logLine(`refused a call from an untrusted sender (${event.senderFrame?.url ?? 'no frame'})`);
      return { ok: false, error: { code: 'invalid_input', message: 'untrusted sender' } };
    }
    const sender = event.sender;
    return router.handle(method, input, {
      emit: (name, payload) => {
        if (!sender.isDestroyed()) sender.send(EVENT_CHANNEL, name, payload);
      },
    });
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
      { role: 'windowMenu' },
    ]),
  );

  app.on('will-quit', () => db.close());
  mainWindow = createWindow();
});
