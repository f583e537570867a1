import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import yauzl from 'yauzl';
import { InputError } from '../errors';

/** Read access to the files of an evidence bundle, whether it is a folder or a .zip. */
export interface BundleFiles {
  /** Label for messages: the folder or zip path. */
  readonly label: string;
  /** Relative paths (forward slashes) of every file in the bundle. */
  list(): Promise<string[]>;
  /** The bytes of a file, or undefined when it is not there. */
  read(rel: string): Promise<Buffer | undefined>;
}

/** Bounds for zip bundles: evidence is small JSON; anything larger is not a bundle. */
const ZIP_LIMITS = { maxEntries: 200_000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 * 1024 };

export async function openBundleFiles(p: string): Promise<BundleFiles> {
  let st;
  try {
    st = await fs.stat(p);
  } catch {
    throw new InputError(`${p}: no such file or folder`);
  }
  if (st.isDirectory()) return folderFiles(p);
  if (st.isFile() && p.toLowerCase().endsWith('.zip')) return zipFiles(p);
  throw new InputError(`${p}: not an evidence bundle (expected a folder or a .zip file)`);
}

function folderFiles(root: string): BundleFiles {
  return {
    label: root,
    async list() {
      const out: string[] = [];
      const walk = async (dir: string, rel: string): Promise<void> => {
        for (const e of await fs.readdir(dir, { withFileTypes: true })) {
          const r = rel ? `${rel}/${e.name}` : e.name;
          if (e.isDirectory()) await walk(path.join(dir, e.name), r);
          else if (e.isFile()) out.push(r);
        }
      };
      await walk(root, '');
      return out;
    },
    async read(rel) {
      try {
        // Evidence files are small and many: a synchronous read is several times faster than
        // the promise API here, and the reader yields to the event loop between buckets.
        return readFileSync(path.join(root, ...rel.split('/')));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new InputError(`${path.join(root, rel)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    },
  };
}

/** A zip is read whole into memory once, with limits, and entries are kept by normalized name. */
async function zipFiles(zipPath: string): Promise<BundleFiles> {
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(new InputError(`${zipPath}: not a readable zip file (${err?.message ?? 'unknown error'})`));
      let total = 0;
      const fail = (msg: string) => {
        zip.close();
        reject(new InputError(`${zipPath}: ${msg}`));
      };
      zip.on('error', (e: Error) => fail(`not a readable zip file (${e.message})`));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entries.size >= ZIP_LIMITS.maxEntries) return fail('too many entries for an evidence bundle');
        const name = entry.fileName.replace(/\\/g, '/');
        if (name.endsWith('/')) return zip.readEntry();
        if (name.startsWith('/') || name.split('/').includes('..')) return fail(`entry "${name}" has an unsafe path`);
        if (entry.uncompressedSize > ZIP_LIMITS.maxEntryBytes) return fail(`entry "${name}" is too large for evidence`);
        total += entry.uncompressedSize;
        if (total > ZIP_LIMITS.maxTotalBytes) return fail('expands to more than an evidence bundle can hold');
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return fail(`entry "${name}" cannot be read`);
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (c: Buffer) => {
            size += c.length;
            // The declared size can lie; count what actually comes out.
            if (size > ZIP_LIMITS.maxEntryBytes) {
              stream.destroy();
              fail(`entry "${name}" expands beyond its declared size`);
            } else chunks.push(c);
          });
          stream.on('error', (e3: Error) => fail(`entry "${name}" cannot be read (${e3.message})`));
          stream.on('end', () => {
            entries.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
  // A zip made by "compress this folder" has everything under one top folder: strip it.
  const names = [...entries.keys()];
  const prefix = names.length && names.every((n) => n.includes('/')) && !names.includes('manifest.json')
    ? commonTop(names)
    : '';
  const files = new Map<string, Buffer>();
  for (const [n, b] of entries) files.set(prefix ? n.slice(prefix.length) : n, b);
  return {
    label: zipPath,
    async list() {
      return [...files.keys()];
    },
    async read(rel) {
      return files.get(rel);
    },
  };
}

function commonTop(names: string[]): string {
  const top = names[0].split('/')[0] + '/';
  return names.every((n) => n.startsWith(top)) ? top : '';
}

/** The files of a bundle held in memory (a live read), by relative path. */
export function memoryFiles(label: string, files: ReadonlyMap<string, string>): BundleFiles {
  return {
    label,
    async list() {
      return [...files.keys()];
    },
    async read(rel) {
      const text = files.get(rel);
      return text === undefined ? undefined : Buffer.from(text, 'utf8');
    },
  };
}
