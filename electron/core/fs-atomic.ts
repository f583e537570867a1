import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { InputError } from './errors';

/**
 * Writes a file whole or not at all: to a temporary name beside it, then renamed into place.
 * The data may come in pieces (a large JSON document written as it is made).
 */
export async function writeFileAtomic(target: string, data: Buffer | string | Iterable<string>): Promise<void> {
  const dir = path.dirname(target);
  try {
    await fs.access(dir);
  } catch {
    throw new InputError(`${dir}: no such folder`);
  }
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${target}: cannot be written (${code ?? (e as Error).message})`);
  }
}
