import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import CSP_DIRECTIVES from './content-security-policy.json';

/** The app is served from app://canvass/ (never file://), so the CSP and origin checks have an origin to name. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'canvass';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Strict policy (directives in content-security-policy.json, shared with the renderer's
 * build): only the app's own scripts, styles, fonts and images; no network at all,
 * no eval, no plugins, no framing, forms post nowhere.
 */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** Serves one file of the built renderer, refusing anything outside its folder. */
export async function serveAppFile(root: string, requestUrl: string): Promise<AppResponse> {
  const notFound = (): AppResponse => ({ status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }, body: Buffer.from('not found') });
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return notFound();
  }
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  const inside = path.relative(base, file);
  if (inside.startsWith('..') || path.isAbsolute(inside) || rel.includes('\0')) return notFound();
  try {
    const body = await fs.readFile(file);
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type }, body };
  } catch {
    return notFound();
  }
}

/** An IPC sender is trusted only if it is the app's own top frame. */
export function isTrustedSenderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}
