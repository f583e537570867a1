import * as path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import CSP_DIRECTIVES from '../electron/content-security-policy.json' with { type: 'json' };

/**
 * The same policy the shell sends as a header, repeated in a <meta> of the built page as a
 * second line of defence. Build only: the dev server needs inline scripts for hot reload.
 * (frame-ancestors cannot be set from a <meta>; the header carries it.)
 */
const CSP = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

const cspMeta = (): Plugin => ({
  name: 'canvass-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
});

// The built page runs under a strict CSP (script-src 'self'; style-src 'self'; font-src 'self';
// no network), served from app://canvass in Electron and http://canvass.test in the e2e tests.
module.exports = defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    // Every asset (USWDS fonts and icons) is a file served from 'self'; nothing is inlined as data:.
    assetsInlineLimit: 0,
    // No module-preload polyfill: it would be an inline script.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome130',
    chunkSizeWarningLimit: 1024,
  },
});
