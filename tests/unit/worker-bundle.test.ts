import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const BUNDLE = path.resolve(__dirname, '../../dist/electron/core/local/worker.js');

/**
 * The local scan's reader threads start from one file (package.json, build:worker): loading
 * the core's modules one by one, and zod with them, took each thread 130 ms of a scan.
 */
describe('the built local-scan reader', () => {
  it('is one file that requires only Node built-ins, and no schema library', () => {
    expect(existsSync(BUNDLE), 'run "npm run build" first').toBe(true);
    const src = readFileSync(BUNDLE, 'utf8');
    const required = [...new Set([...src.matchAll(/\brequire\((['"])([^'"]+)\1\)/g)].map((m) => m[2]))];
    expect(required.filter((r) => !isBuiltin(r))).toEqual([]);
    expect(src).not.toMatch(/zod/i);
    expect(src).toContain('analyzeFile');
  });
});
