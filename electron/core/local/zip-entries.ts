import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

export type ZipSource = { fd: number } | { buffer: Buffer };

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  directory: boolean;
}

const OPTIONS = { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true, decodeStrings: true } as const;

/**
 * Visits a zip's entries one at a time (the next is read only when the visitor is done), each
 * with a way to stream its content. The visitor may stop the walk by returning false.
 * yauzl checks every entry's real size against the declared one while streaming, so a
 * lying header ends in an error, not in unbounded output.
 */
export function forEachZipEntry(
  source: ZipSource,
  visit: (entry: ZipEntryInfo, open: () => Promise<Readable>) => Promise<boolean | void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const opened = (err: Error | null, zip?: yauzl.ZipFile) => {
      if (err || !zip) return reject(err ?? new Error('not a zip archive'));
      let done = false;
      const finish = (e?: unknown) => {
        if (done) return;
        done = true;
        zip.close();
        if (e) reject(e);
        else resolve();
      };
      zip.on('error', finish);
      zip.on('end', () => finish());
      zip.on('entry', (entry: yauzl.Entry) => {
        const info: ZipEntryInfo = {
          name: entry.fileName,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          encrypted: entry.isEncrypted(),
          directory: entry.fileName.endsWith('/'),
        };
        const open = () =>
          new Promise<Readable>((res, rej) => zip.openReadStream(entry, (e, stream) => (e || !stream ? rej(e ?? new Error('unreadable entry')) : res(stream))));
        visit(info, open).then(
          (more) => (more === false ? finish() : zip.readEntry()),
          finish,
        );
      });
      zip.readEntry();
    };
    if ('fd' in source) yauzl.fromFd(source.fd, OPTIONS, opened);
    else yauzl.fromBuffer(source.buffer, OPTIONS, opened);
  });
}
