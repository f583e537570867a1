import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(__dirname, '../../dist/electron');

/** A built bundle's text, and the packages it requires at run time that are not Node's own. */
function bundle(rel: string): { src: string; packages: string[] } {
  const file = path.join(DIST, rel);
  expect(existsSync(file), `${file}: run "npm run build" first`).toBe(true);
  const src = readFileSync(file, 'utf8');
  const required = [...src.matchAll(/\b(?:require|import)\((['"])([^'"]+)\1\)/g)].map((m) => m[2]);
  return { src, packages: [...new Set(required.filter((r) => !isBuiltin(r)))].sort() };
}

describe('the built bundles', () => {
  /**
   * The local scan's reader threads start from one file (package.json, build:worker): loading
   * the core's modules one by one, and zod with them, took each thread 130 ms of a scan.
   */
  it('the local-scan reader is one file that requires only Node built-ins, and no schema library', () => {
    const { src, packages } = bundle('core/local/worker.js');
    expect(packages).toEqual([]);
    expect(src).not.toMatch(/zod/i);
    expect(src).toContain('analyzeFile');
  });

  /**
   * The command line is one file too (build:cli): resolving and loading some two hundred
   * modules took 0.1 to 0.15 s of every run. Only the native database binding, the AWS SDK
   * (loaded for a live scan alone) and Playwright (for a PDF) are left to be required.
   */
  it('the command line is one file that leaves out only the native database, the AWS SDK and Playwright', () => {
    const { src, packages } = bundle('cli.js');
    expect(packages).toEqual(['@aws-sdk/client-s3', '@aws-sdk/client-s3-control', '@aws-sdk/client-sts', '@aws-sdk/credential-providers', 'better-sqlite3', 'playwright-core']);
    expect(src).toContain('function main(');
    // Loaded, it has required no other file of Canvass's and none of the AWS SDK's (zod, bundled, is inside it).
    const probe = `require(${JSON.stringify(path.join(DIST, 'cli.js'))}); console.log(JSON.stringify(Object.keys(require.cache)))`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as string[];
    expect(loaded.filter((f) => f.startsWith(DIST))).toEqual([path.join(DIST, 'cli.js')]);
    expect(loaded.filter((f) => f.includes('@aws-sdk') || f.includes('@smithy'))).toEqual([]);
  });
});
