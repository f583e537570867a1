import { createReadStream, fstatSync, read, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * A zip archive opened for reading a few named entries in any order (an xlsx's sheet, then
 * its shared strings), from a path, an open file descriptor or a Buffer. Only the central
 * directory is read up front. From a descriptor or a Buffer, small entries are read and
 * inflated in one synchronous call (an Office part: streamed through the thread pool, it cost
 * more waiting than inflating); larger ones, and all of an archive opened by path, are streamed. Either way an entry's real size must be its declared one, so a lying
 * header ends in an error, not in unbounded output.
 */
export interface ZipArchive {
  entries: yauzl.Entry[];
  open(entry: yauzl.Entry): Promise<Readable>;
  close(): void;
  /**
   * Resolves once no read of the caller's descriptor is in flight (a stream destroyed early
   * still finishes the read it started): await it before closing the descriptor, or that read
   * may land on another file given the same number meanwhile.
   */
  settled(): Promise<void>;
}

export interface ZipOptions {
  /**
   * Keep the small entries read, for a second reader (the spreadsheet classifier reads the
   * sheet, then the credential scan reads it again): each is inflated once, handed out twice.
   */
  keep?: boolean;
}

/** More entries than this is not an office file or an export archive; the rest are not listed. */
const MAX_ENTRIES = 10_000;
/**
 * Names are decoded here (named), not by yauzl: it refuses a whole archive for one absolute or
 * ".." name, which a reader that writes nothing out need not fear.
 */
const OPTIONS = { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true, decodeStrings: false } as const;
const named = (e: yauzl.Entry) => Object.assign(e, { fileName: yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, e.extraFields, false) });
/** Entries up to this size, compressed and not, are read whole. */
const WHOLE_MAX = 4 << 20;
/** What `keep` holds at most. */
const KEEP_MAX = 16 << 20;
const LOCAL_HEADER = 0x04034b50;
/** A read of a page-cached or local file takes milliseconds; a stream not closed by then is forgotten. */
const SETTLE_MAX_MS = 10_000;

/** `fd` is the caller's: it stays open when the archive is closed. */
export function openZip(source: string | number | Buffer, options: ZipOptions = {}): Promise<ZipArchive> {
  return new Promise((resolve, reject) => {
    const opened = (err: Error | null, zip?: yauzl.ZipFile) => {
      if (err || !zip) return reject(err ?? new Error('not a zip archive'));
      const entries: yauzl.Entry[] = [];
      const whole = typeof source === 'string' ? undefined : wholeReader(source, zip.fileSize, options.keep ?? false);
      const settled = () => (reader ? reader.settled() : Promise.resolve());
      const stream = (entry: yauzl.Entry) => new Promise<Readable>((res, rej) => zip.openReadStream(entry, (e, s) => (e || !s ? rej(e ?? new Error('unreadable entry')) : res(s))));
      const done = () =>
        resolve({
          entries,
          open: async (entry) => {
            const bytes = whole?.(entry);
            return bytes ? Readable.from(bytes.length ? [bytes] : []) : stream(entry);
          },
          close: () => zip.close(),
          settled,
        });
      zip.on('error', (e) => {
        zip.close();
        reject(e);
      });
      zip.on('end', done);
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push(named(e));
        if (entries.length >= MAX_ENTRIES) done();
        else zip.readEntry();
      });
      zip.readEntry();
    };
    let reader: CallersFd | undefined;
    if (typeof source === 'string') yauzl.open(source, OPTIONS, opened);
    else if (typeof source === 'number') {
      let size: number;
      try {
        size = fstatSync(source).size;
      } catch (e) {
        return reject(e);
      }
      reader = new CallersFd(source);
      yauzl.fromRandomAccessReader(reader, size, OPTIONS, opened);
    } else yauzl.fromBuffer(source, OPTIONS, opened);
  });
}

/**
 * A descriptor the caller opened and will close. yauzl's own (fromFd) closes it once the
 * archive and its streams are done, and the caller's close would then close a number the
 * process may have handed to another file meanwhile.
 */
class CallersFd extends yauzl.RandomAccessReader {
  /** Streams not yet closed, and who waits for there to be none. */
  private streams = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly fd: number) {
    super();
  }

  override _readStreamForRange(start: number, end: number) {
    // The stream's close does nothing (autoClose: false is not enough: destroy would still
    // close the fd); it runs, and 'close' is emitted, only once no read of it is in flight.
    const stream = createReadStream('', { fd: this.fd, start, end: end - 1, fs: { read, close: (_fd: number, cb: (err: null) => void) => cb(null) } });
    this.streams++;
    stream.once('close', () => {
      if (--this.streams === 0) for (const w of this.waiting.splice(0)) w();
    });
    return stream;
  }

  /** No stream reading; at most SETTLE_MAX_MS later whatever happens, so that nothing stuck holds the scan. */
  settled(): Promise<void> {
    if (this.streams === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, SETTLE_MAX_MS);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * The central directory and local headers, read here and now (answered on the next tick, as
   * yauzl expects): a few kilobytes of a file in the page cache are quicker read than handed to
   * libuv's thread pool and back, which woke two threads for every read of every Office file.
   */
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void) {
    let err: Error | null = null;
    try {
      readFully(this.fd, buffer, offset, length, position);
    } catch (e) {
      err = e as Error;
    }
    process.nextTick(callback, err);
  }

  override close(callback: (err: Error | null) => void) {
    setImmediate(callback, null);
  }
}

/** `length` bytes of the descriptor from `position` into buffer[offset..], or an error if the file ends first. */
function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number): Buffer {
  for (let got = 0; got < length; ) {
    const n = readSync(fd, buffer, offset + got, length - got, position + got);
    if (n === 0) throw new Error('unexpected end of file');
    got += n;
  }
  return buffer;
}

/**
 * Reads a small, unencrypted, stored or deflated entry whole (undefined for any other: it is
 * streamed), checking the local header as yauzl does and the inflated size against the declared one.
 */
function wholeReader(source: number | Buffer, fileSize: number, keep: boolean): (entry: yauzl.Entry) => Buffer | undefined {
  const kept = new Map<yauzl.Entry, Buffer>();
  let keptBytes = 0;
  const raw = (at: number, length: number): Buffer => {
    if (at + length > fileSize) throw new Error(`entry data runs past the end of the archive (${at} + ${length} > ${fileSize})`);
    if (typeof source !== 'number') return source.subarray(at, at + length);
    return readFully(source, Buffer.allocUnsafe(length), 0, length, at);
  };
  return (entry) => {
    const again = kept.get(entry);
    if (again) {
      kept.delete(entry);
      keptBytes -= again.length;
      return again;
    }
    if (entry.compressedSize > WHOLE_MAX || entry.uncompressedSize > WHOLE_MAX || entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) return undefined;
    const header = raw(entry.relativeOffsetOfLocalHeader, 30);
    if (header.readUInt32LE(0) !== LOCAL_HEADER) throw new Error(`invalid local file header signature: 0x${header.readUInt32LE(0).toString(16)}`);
    const data = raw(entry.relativeOffsetOfLocalHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28), entry.compressedSize);
    let bytes: Buffer;
    if (entry.compressionMethod === 0) bytes = data;
    else {
      try {
        // Output made in one piece of the declared size: zlib's 16 KiB pieces, joined after, cost a third more.
        bytes = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize), chunkSize: Math.max(64, entry.uncompressedSize) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new Error(`too many bytes in the entry: expected ${entry.uncompressedSize}`);
        throw e;
      }
    }
    if (bytes.length !== entry.uncompressedSize) throw new Error(`${bytes.length < entry.uncompressedSize ? 'too few' : 'too many'} bytes in the entry: expected ${entry.uncompressedSize}, got ${bytes.length}`);
    if (keep && keptBytes + bytes.length <= KEEP_MAX) {
      kept.set(entry, bytes);
      keptBytes += bytes.length;
    }
    return bytes;
  };
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
