import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * A zip archive opened for reading a few named entries in any order (an xlsx's sheet, then
 * its shared strings), from a path or a Buffer. Only the central directory is read up front;
 * entry contents are streamed, and yauzl checks each entry's real size against the declared
 * one, so a lying header ends in an error, not in unbounded output.
 */
export interface ZipArchive {
  entries: yauzl.Entry[];
  open(entry: yauzl.Entry): Promise<Readable>;
  close(): void;
}

/** More entries than this is not an office file or an export archive; the rest are not listed. */
const MAX_ENTRIES = 10_000;
const OPTIONS = { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true, decodeStrings: true } as const;

export function openZip(source: string | Buffer): Promise<ZipArchive> {
  return new Promise((resolve, reject) => {
    const opened = (err: Error | null, zip?: yauzl.ZipFile) => {
      if (err || !zip) return reject(err ?? new Error('not a zip archive'));
      const entries: yauzl.Entry[] = [];
      const done = () =>
        resolve({
          entries,
          open: (entry) => new Promise((res, rej) => zip.openReadStream(entry, (e, s) => (e || !s ? rej(e ?? new Error('unreadable entry')) : res(s)))),
          close: () => zip.close(),
        });
      zip.on('error', (e) => {
        zip.close();
        reject(e);
      });
      zip.on('end', done);
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push(e);
        if (entries.length >= MAX_ENTRIES) done();
        else zip.readEntry();
      });
      zip.readEntry();
    };
    if (typeof source === 'string') yauzl.open(source, OPTIONS, opened);
    else yauzl.fromBuffer(source, OPTIONS, opened);
  });
}

/** Up to `max` bytes from the start of an entry; the rest is never inflated. */
export async function readEntryHead(zip: ZipArchive, entry: yauzl.Entry, max: number): Promise<Buffer> {
  const stream = await zip.open(entry);
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const part of stream as AsyncIterable<Buffer>) {
      parts.push(part);
      n += part.length;
      if (n >= max) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, max);
}
