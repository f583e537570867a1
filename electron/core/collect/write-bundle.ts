import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';

/** Refuses a target that holds anything, before any work is done for it. */
export async function assertEmptyTarget(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      try {
        await fs.access(path.dirname(path.resolve(dir)));
      } catch {
        throw new InputError(`${path.dirname(path.resolve(dir))}: no such folder`);
      }
      return;
    }
    if (code === 'ENOTDIR') throw new InputError(`${dir} exists and is not a folder: choose a new folder for the evidence`);
    throw new InputError(`${dir}: cannot be read (${code ?? (e as Error).message})`);
  }
  if (entries.length) throw new InputError(`${dir} exists and is not empty: choose a new folder for the evidence`);
}

/**
 * Writes the files of an evidence bundle into a new folder, whole or not at all: into a
 * hidden folder beside it first, then renamed into place.
 */
export async function writeBundleFolder(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const target = path.resolve(dir);
  await assertEmptyTarget(target);
  const tmp = await fs.mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}.partial-`));
  try {
    for (const [rel, text] of files) {
      const file = path.join(tmp, ...rel.split('/'));
      if (!file.startsWith(tmp + path.sep)) throw new InputError(`evidence file "${rel}" would be written outside the bundle`);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text);
    }
    // An empty target folder is replaced; one that filled up meanwhile makes rmdir fail (ENOTEMPTY).
    await fs.rmdir(target).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { recursive: true, force: true });
    if (e instanceof InputError) throw e;
    throw new InputError(`${target}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
