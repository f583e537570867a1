import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The resources folder (demo county, checklists, scripts). CANVASS_RESOURCES wins; otherwise
 * the nearest "resources" folder above this file, which is the repository's in development
 * and in the CLI, and the packaged app passes its own.
 */
export function findResourcesDir(start = __dirname): string {
  if (process.env.CANVASS_RESOURCES) return process.env.CANVASS_RESOURCES;
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (existsSync(path.join(candidate, 'demo'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the Canvass resources folder (set CANVASS_RESOURCES)');
    dir = up;
  }
}

export const demoEvidenceDir = (resources: string) => path.join(resources, 'demo', 'evidence');
