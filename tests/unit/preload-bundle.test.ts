import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const BUNDLE = path.resolve(__dirname, '../../dist/electron/preload.js');

/** A sandboxed preload can require only 'electron' (and a few Node polyfills): it must be one file. */
describe('the built preload', () => {
  it('is one file that requires nothing but electron', () => {
    expect(existsSync(BUNDLE), 'run "npm run build" first').toBe(true);
    const src = readFileSync(BUNDLE, 'utf8');
    const required = [...src.matchAll(/\brequire\((['"])([^'"]+)\1\)/g)].map((m) => m[2]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(src).toContain('exposeInMainWorld');
    expect(src).toContain('canvass:call');
  });
});
