import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });

/** Every file below dir that holds one of these strings, in UTF-8 or UTF-16 (SQLite may store either). */
export function filesHolding(dir: string, secrets: string[]): string[] {
  return filesUnder(dir).filter((f) => {
    const bytes = readFileSync(f);
    return secrets.some((s) => bytes.includes(s) || bytes.includes(Buffer.from(s, 'utf16le')));
  });
}
