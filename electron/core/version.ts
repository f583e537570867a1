import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The version in package.json, found above this file (source, dist and app.asar alike). */
export function canvassVersion(start = __dirname): string {
  let dir = start;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'canvass' && pkg.version) return pkg.version;
    } catch {
      // not here; look further up
    }
    const up = path.dirname(dir);
    if (up === dir) return '0.0.0';
    dir = up;
  }
}
