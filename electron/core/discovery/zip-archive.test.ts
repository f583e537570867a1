import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../tests/helpers/seeded-random';
import { zipFiles } from '../../../tests/helpers/zip-writer';
import { openZip, readEntryHead, type ZipArchive, type ZipOptions } from './zip-archive';

const MiB = 1 << 20;
/** Entries up to this size, compressed and not, are read whole (from an fd or a Buffer). */
const WHOLE_MAX = 4 * MiB;

const dir = mkdtempSync(join(tmpdir(), 'canvass-zip-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
/** A new file under the temp directory holding `bytes`. */
function tempFile(bytes: Buffer): string {
  const file = join(dir, `archive-${files++}.zip`);
  writeFileSync(file, bytes);
  return file;
}

/** Text made of lines that each hold "SECRET": no error message may quote it. */
function secretText(length: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const lines: string[] = [];
  let n = 0;
  while (n < length) {
    const line = `SECRET-${Math.floor(random() * 1e9).toString(36)} row ${lines.length} ${'x'.repeat(Math.floor(random() * 40))}\n`;
    lines.push(line);
    n += line.length;
  }
  return Buffer.from(lines.join(''), 'latin1').subarray(0, length);
}

/** Incompressible bytes: deflated, they take more room than stored. */
function noise(length: number, seed: number): Buffer {
  const random = seededRandom(seed);
  const b = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) b[i] = Math.floor(random() * 256);
  return b;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream as AsyncIterable<Uint8Array>) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

function entry(zip: ZipArchive, name: string) {
  const e = zip.entries.find((x) => x.fileName === name);
  if (!e) throw new Error(`no entry ${name}`);
  return e;
}

async function read(zip: ZipArchive, name: string): Promise<Buffer> {
  return readAll(await zip.open(entry(zip, name)));
}

/** The error `promise` rejects with (the test fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  let value: unknown;
  try {
    value = await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    return e as Error;
  }
  throw new Error(`expected a rejection, got ${Buffer.isBuffer(value) ? `${value.length} bytes` : String(value)}`);
}

/** The bytes read, or the error: for a read that must fail or differ. */
async function readOrError(zip: ZipArchive, name: string): Promise<Buffer | Error> {
  try {
    return await read(zip, name);
  } catch (e) {
    return e as Error;
  }
}

/** Lets pending I/O (a descriptor being closed on the thread pool) finish; asserts nothing about time. */
async function settle(fd?: number): Promise<void> {
  for (let i = 0; i < 10 && (fd === undefined || isOpen(fd)); i++) await new Promise((r) => setTimeout(r, 5));
}

function isOpen(fd: number): boolean {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

/**
 * Closes a descriptor given to openZip in a test that checks something else than its lifetime
 * (the tests below check that): only if it is still this file's.
 */
async function release(fd: number, ino: number): Promise<void> {
  await settle(fd);
  let still = false;
  try {
    still = fstatSync(fd).ino === ino;
  } catch {
    // Closed already: the lifetime tests say by whom.
  }
  if (still) closeSync(fd);
}

/** The descriptor is open and still reads the file it was opened on, whose first bytes are `head`. */
function expectStillOpen(fd: number, ino: number, head: Buffer): void {
  expect(fstatSync(fd).ino).toBe(ino);
  const got = Buffer.alloc(head.length);
  expect(readSync(fd, got, 0, head.length, 0)).toBe(head.length);
  expect(got.equals(head)).toBe(true);
}

/** Opens the zip's file, runs `fn` with the fd, then checks the fd is still open and closes it, once. */
async function withOwnFd(zipBytes: Buffer, fn: (fd: number) => Promise<void>): Promise<void> {
  const fd = openSync(tempFile(zipBytes), 'r');
  const ino = fstatSync(fd).ino;
  try {
    await fn(fd);
    await settle();
    expectStillOpen(fd, ino, zipBytes.subarray(0, 64));
  } catch (e) {
    await release(fd, ino);
    throw e;
  }
  // Exactly once, by its owner: a second close (EBADF) would mean openZip closed it too.
  expect(() => closeSync(fd)).not.toThrow();
}

type Kind = 'path' | 'fd' | 'buffer';
const KINDS: Kind[] = ['path', 'fd', 'buffer'];

/** Opens `bytes` as a zip from a path, an fd or a Buffer, runs `fn`, closes it (and the fd). */
async function withZip<T>(kind: Kind, bytes: Buffer, fn: (zip: ZipArchive) => Promise<T>, options?: ZipOptions): Promise<T> {
  const run = async (source: string | number | Buffer): Promise<T> => {
    const zip = await openZip(source, options);
    try {
      return await fn(zip);
    } finally {
      zip.close();
    }
  };
  if (kind === 'buffer') return run(bytes);
  if (kind === 'path') return run(tempFile(bytes));
  let result: T | undefined;
  // The caller's descriptor outlives the archive, whatever was read (or failed) through it.
  await withOwnFd(bytes, async (fd) => {
    result = await run(fd);
  });
  return result as T;
}

/** Where an entry's headers and data are in a zip written by zipFiles (no comment, no zip64). */
function locate(zip: Buffer, name: string): { central: number; local: number; data: number; compressedSize: number } {
  const eocd = zip.length - 22;
  expect(zip.readUInt32LE(eocd)).toBe(0x06054b50);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(at + 42);
      return { central: at, local, data: local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28), compressedSize: zip.readUInt32LE(at + 20) };
    }
    at = next;
  }
  throw new Error(`no entry ${name}`);
}

/** A copy of `zip` whose headers, local and central alike, declare other sizes for `name`. */
function declare(zip: Buffer, name: string, sizes: { compressed?: number; uncompressed?: number }): Buffer {
  const out = Buffer.from(zip);
  const { central, local } = locate(out, name);
  if (sizes.compressed !== undefined) {
    out.writeUInt32LE(sizes.compressed, central + 20);
    out.writeUInt32LE(sizes.compressed, local + 18);
  }
  if (sizes.uncompressed !== undefined) {
    out.writeUInt32LE(sizes.uncompressed, central + 24);
    out.writeUInt32LE(sizes.uncompressed, local + 22);
  }
  return out;
}

/**
 * A copy of a zip written by zipFiles whose local headers carry an extra field (an extended
 * timestamp, as Info-ZIP writes), longer than the central headers' (none): entry data starts later.
 */
function withLocalExtra(zip: Buffer): Buffer {
  const extra = Buffer.from([0x55, 0x54, 0x09, 0x00, 0x03, 1, 2, 3, 4, 5, 6, 7, 8]);
  const eocd = zip.length - 22;
  const cd = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  const locals: Buffer[] = [];
  const central = Buffer.from(zip.subarray(cd, eocd));
  for (let i = 0, at = 0; i < count; i++) {
    const nameLength = central.readUInt16LE(at + 28);
    const local = central.readUInt32LE(at + 42);
    const end = i + 1 < count ? central.readUInt32LE(at + 46 + nameLength + 42) : cd;
    const header = Buffer.from(zip.subarray(local, local + 30 + nameLength));
    header.writeUInt16LE(extra.length, 28);
    central.writeUInt32LE(local + i * extra.length, at + 42);
    locals.push(header, extra, zip.subarray(local + 30 + nameLength, end));
    at += 46 + nameLength;
  }
  const end = Buffer.from(zip.subarray(eocd));
  end.writeUInt32LE(cd + count * extra.length, 16);
  return Buffer.concat([...locals, central, end]);
}

describe('openZip: reading entries', () => {
  const small = secretText(200_000, 1);
  const smallStored = noise(65_536, 2);
  const exactlyWhole = secretText(WHOLE_MAX, 3);
  const exactlyWholeStored = noise(WHOLE_MAX, 4);
  const bigDeflated = secretText(6 * MiB + 7, 5); // compresses well: only its inflated size is large
  const bigNoise = noise(5 * MiB, 6); // deflated, larger than stored
  const justOver = secretText(WHOLE_MAX + 1, 7);
  const justOverStored = noise(WHOLE_MAX + 1, 8);
  const noisy4MiB = noise(WHOLE_MAX, 9); // inflated size 4 MiB, compressed size just over
  const files: { name: string; data: Buffer; store?: boolean }[] = [
    { name: 'xl/sharedStrings.xml', data: small },
    { name: 'media/image1.bin', data: smallStored, store: true },
    { name: 'empty-deflated.txt', data: Buffer.alloc(0) },
    { name: 'empty-stored.txt', data: Buffer.alloc(0), store: true },
    { name: 'exactly-4MiB.txt', data: exactlyWhole },
    { name: 'exactly-4MiB-stored.bin', data: exactlyWholeStored, store: true },
    { name: 'xl/worksheets/sheet1.xml', data: bigDeflated },
    { name: 'big-noise-deflated.bin', data: bigNoise },
    { name: 'big-noise-stored.bin', data: bigNoise, store: true },
    { name: 'just-over-4MiB.txt', data: justOver },
    { name: 'just-over-4MiB-stored.bin', data: justOverStored, store: true },
    { name: 'noise-4MiB-deflated.bin', data: noisy4MiB },
    { name: 'dir/nested/ünïcödé name.txt', data: Buffer.from('é😀 ok\n', 'utf8') },
  ];
  const bytes = zipFiles(files);
  const whole = files.filter((f) => f.data.length <= WHOLE_MAX && !f.name.startsWith('noise-4MiB'));

  it('lists every entry with its sizes and compression method', async () => {
    for (const kind of KINDS) {
      await withZip(kind, bytes, async (zip) => {
        expect(zip.entries.map((e) => e.fileName)).toEqual(files.map((f) => f.name));
        for (const f of files) {
          const e = entry(zip, f.name);
          expect(e.uncompressedSize, f.name).toBe(f.data.length);
          expect(e.compressionMethod, f.name).toBe(f.store ? 0 : 8);
        }
        expect(entry(zip, 'noise-4MiB-deflated.bin').compressedSize).toBeGreaterThan(WHOLE_MAX);
        expect(entry(zip, 'big-noise-deflated.bin').compressedSize).toBeGreaterThan(5 * MiB);
        expect(entry(zip, 'xl/worksheets/sheet1.xml').compressedSize).toBeLessThan(WHOLE_MAX);
      });
    }
  });

  it('reads deflated and stored entries, small and over 4 MiB, byte for byte, from a path and a Buffer, in any order and again', async () => {
    for (const kind of ['path', 'buffer'] as const) {
      await withZip(kind, bytes, async (zip) => {
        for (const f of [...files, ...[...files].reverse()]) {
          const got = await read(zip, f.name);
          expect(got.length, `${kind} ${f.name}`).toBe(f.data.length);
          expect(got.equals(f.data), `${kind} ${f.name}`).toBe(true);
        }
      });
    }
  });

  it('reads every entry byte for byte from an fd (one archive opened per entry)', async () => {
    for (const f of files) {
      const got = await withZip('fd', bytes, (zip) => read(zip, f.name));
      expect(got.length, f.name).toBe(f.data.length);
      expect(got.equals(f.data), f.name).toBe(true);
    }
  });

  it('reads the entries read whole from one fd, in any order and again', async () => {
    await withZip('fd', bytes, async (zip) => {
      for (const f of [...whole, ...[...whole].reverse()]) expect((await read(zip, f.name)).equals(f.data), f.name).toBe(true);
    });
  });

  it('reads entries whose local headers carry an extra field the central ones do not', async () => {
    // The streamed entry last: the descriptor's lifetime after a streamed entry is not what this checks.
    const some = [...files.filter((f) => f.data.length < MiB), ...files.filter((f) => f.name === 'just-over-4MiB.txt')];
    const extra = withLocalExtra(zipFiles(some));
    expect(extra.length).toBe(zipFiles(some).length + 13 * some.length);
    for (const kind of KINDS) {
      await withZip(kind, extra, async (zip) => {
        for (const f of some) expect((await read(zip, f.name)).equals(f.data), `${kind} ${f.name}`).toBe(true);
      });
    }
  });

  it('an empty entry, stored or deflated, yields no bytes', async () => {
    for (const kind of KINDS) {
      await withZip(kind, bytes, async (zip) => {
        for (const name of ['empty-deflated.txt', 'empty-stored.txt']) {
          const parts: Uint8Array[] = [];
          for await (const part of (await zip.open(entry(zip, name))) as AsyncIterable<Uint8Array>) parts.push(part);
          expect(Buffer.concat(parts).length, `${kind} ${name}`).toBe(0);
          expect(parts.filter((p) => p.length > 0), `${kind} ${name}`).toEqual([]);
        }
      });
    }
  });

  it('lists at most 10,000 entries', async () => {
    const many = zipFiles(Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.txt`, data: `${i}` })));
    await withZip('buffer', many, async (zip) => {
      expect(zip.entries.length).toBe(10_000);
      expect(zip.entries[9_999].fileName).toBe('f9999.txt');
      expect((await read(zip, 'f9999.txt')).toString()).toBe('9999');
    });
  });

  it('rejects what is not a zip archive, from every source', async () => {
    for (const kind of KINDS) {
      const err = await rejection(withZip(kind, Buffer.concat([secretText(1000, 10), Buffer.alloc(100)]), async () => undefined));
      expect(err.message, kind).not.toMatch(/SECRET/);
    }
  });
});

describe('openZip: an entry whose headers lie is an error, never its content', () => {
  const text = secretText(300_000, 20);
  const big = secretText(5 * MiB, 21);
  const bytes = zipFiles([
    { name: 'before.txt', data: 'fine' },
    { name: 'word/document.xml', data: text },
    { name: 'stored.txt', data: text.subarray(0, 5000), store: true },
    { name: 'xl/worksheets/sheet1.xml', data: big },
    { name: 'big-stored.txt', data: big, store: true },
    { name: 'after.txt', data: 'also fine' },
  ]);

  /** The error reading `name` from each source rejects with; checks it quotes none of the content. */
  async function failures(zipBytes: Buffer, name: string): Promise<Record<Kind, Error>> {
    const errors = {} as Record<Kind, Error>;
    for (const kind of KINDS) {
      errors[kind] = await rejection(withZip(kind, zipBytes, (zip) => read(zip, name)));
      expect(errors[kind].message, kind).not.toMatch(/SECRET/);
      expect(errors[kind].message, kind).not.toContain(text.toString('latin1', 0, 20));
    }
    return errors;
  }

  it('fewer bytes declared than a small entry inflates to (read whole)', async () => {
    for (const declared of [text.length - 1, 1000, 1, 0]) {
      const errors = await failures(declare(bytes, 'word/document.xml', { uncompressed: declared }), 'word/document.xml');
      expect(errors.path.message).toMatch(/too many bytes/);
      expect(errors.fd.message).toMatch(/too many bytes in the entry/);
      expect(errors.buffer.message).toMatch(/too many bytes in the entry/);
    }
  });

  it('fewer bytes declared than a large entry inflates to: read whole up to the declared size, or streamed', async () => {
    // Declared small, compressed small: read whole, and inflating stops at the declared size.
    for (const declared of [1000, WHOLE_MAX]) {
      const errors = await failures(declare(bytes, 'xl/worksheets/sheet1.xml', { uncompressed: declared }), 'xl/worksheets/sheet1.xml');
      for (const kind of KINDS) expect(errors[kind].message, kind).toMatch(/too many bytes/);
    }
    // Declared over 4 MiB: streamed through yauzl, which counts too.
    const errors = await failures(declare(bytes, 'xl/worksheets/sheet1.xml', { uncompressed: big.length - 1 }), 'xl/worksheets/sheet1.xml');
    for (const kind of KINDS) expect(errors[kind].message, kind).toMatch(/too many bytes/);
  });

  it('more bytes declared than the entry inflates to, small or large', async () => {
    for (const [name, real] of [
      ['word/document.xml', text.length],
      ['xl/worksheets/sheet1.xml', big.length],
    ] as const) {
      for (const declared of [real + 1, real + 1000]) {
        const errors = await failures(declare(bytes, name, { uncompressed: declared }), name);
        for (const kind of KINDS) expect(errors[kind].message, `${kind} ${name}`).toMatch(/too few bytes|not enough bytes/);
      }
    }
    const errors = await failures(declare(bytes, 'word/document.xml', { uncompressed: text.length + 1 }), 'word/document.xml');
    expect(errors.fd.message).toMatch(/too few bytes in the entry/);
    expect(errors.buffer.message).toMatch(/too few bytes in the entry/);
  });

  it('fewer compressed bytes declared than the deflated data holds: the data ends early', async () => {
    const { compressedSize } = locate(bytes, 'word/document.xml');
    await failures(declare(bytes, 'word/document.xml', { compressed: compressedSize - 100 }), 'word/document.xml');
  });

  it('a stored entry whose sizes disagree, small or large (the archive is refused)', async () => {
    for (const [name, sizes] of [
      ['stored.txt', { uncompressed: 4999 }],
      ['stored.txt', { uncompressed: 5001 }],
      ['stored.txt', { compressed: 4000 }],
      ['big-stored.txt', { uncompressed: big.length - 1 }],
      ['big-stored.txt', { uncompressed: 1000 }],
    ] as const) {
      for (const kind of KINDS) {
        const err = await rejection(withZip(kind, declare(bytes, name, sizes), (zip) => read(zip, name)));
        expect(err.message, `${kind} ${name}`).toMatch(/size mismatch/);
        expect(err.message).not.toMatch(/SECRET/);
      }
    }
  });

  it('a stored entry declaring more bytes than the archive holds', async () => {
    const small = zipFiles([
      { name: 'stored.txt', data: text.subarray(0, 5000), store: true },
      { name: 'after.txt', data: 'fine' },
    ]);
    const { data } = locate(small, 'stored.txt');
    for (const size of [small.length - data + 1, 2 * MiB]) {
      const errors = await failures(declare(small, 'stored.txt', { compressed: size, uncompressed: size }), 'stored.txt');
      expect(errors.fd.message).toMatch(/runs past the end of the archive/);
      expect(errors.buffer.message).toMatch(/runs past the end of the archive/);
    }
  });

  it('a corrupted local header signature, small or large entry', async () => {
    for (const name of ['word/document.xml', 'stored.txt', 'xl/worksheets/sheet1.xml']) {
      const bad = Buffer.from(bytes);
      bad.writeUInt32LE(0x04034b51, locate(bad, name).local);
      const errors = await failures(bad, name);
      for (const kind of KINDS) expect(errors[kind].message, `${kind} ${name}`).toMatch(/invalid local file header signature/);
    }
  });

  it('deflate data that is garbage, small or large entry', async () => {
    for (const name of ['word/document.xml', 'xl/worksheets/sheet1.xml']) {
      for (const fill of [0xff, 0x00, 0x07]) {
        const bad = Buffer.from(bytes);
        const { data, compressedSize } = locate(bad, name);
        bad.fill(fill, data, data + compressedSize);
        await failures(bad, name);
      }
    }
  });

  it('the other entries of the archive still read after one failed', async () => {
    const bad = declare(bytes, 'word/document.xml', { uncompressed: 10 });
    for (const kind of KINDS) {
      await withZip(kind, bad, async (zip) => {
        expect((await read(zip, 'before.txt')).toString()).toBe('fine');
        await rejection(read(zip, 'word/document.xml'));
        expect((await read(zip, 'after.txt')).toString(), kind).toBe('also fine');
        expect((await read(zip, 'stored.txt')).equals(text.subarray(0, 5000)), kind).toBe(true);
      });
    }
  });
});

describe("openZip from an fd: zip.close() leaves the caller's descriptor open", () => {
  const text = secretText(100_000, 30);
  const bytes = zipFiles([
    { name: 'a.xml', data: text },
    { name: 'b.bin', data: noise(10_000, 31), store: true },
    { name: 'empty.txt', data: '' },
  ]);

  it('when nothing was read', async () => {
    await withOwnFd(bytes, async (fd) => {
      const zip = await openZip(fd);
      expect(zip.entries.length).toBe(3);
      zip.close();
    });
  });

  it('after entries read whole (deflated, stored, empty), and the same fd opened again', async () => {
    await withOwnFd(bytes, async (fd) => {
      for (let round = 0; round < 2; round++) {
        const zip = await openZip(fd, { keep: round === 1 });
        expect((await read(zip, 'a.xml')).equals(text)).toBe(true);
        expect((await read(zip, 'b.bin')).length).toBe(10_000);
        expect((await read(zip, 'empty.txt')).length).toBe(0);
        expect((await read(zip, 'a.xml')).equals(text)).toBe(true);
        zip.close();
        await settle();
        expect(isOpen(fd)).toBe(true);
      }
    });
  });

  it('after a stream was left unread and destroyed', async () => {
    await withOwnFd(bytes, async (fd) => {
      const zip = await openZip(fd);
      const stream = await zip.open(entry(zip, 'a.xml'));
      stream.destroy();
      zip.close();
    });
  });

  it('after an entry read whole failed', async () => {
    const badSignature = Buffer.from(bytes);
    badSignature.writeUInt32LE(0, locate(badSignature, 'a.xml').local);
    const garbage = Buffer.from(bytes);
    const at = locate(garbage, 'a.xml');
    garbage.fill(0xff, at.data, at.data + at.compressedSize);
    for (const bad of [declare(bytes, 'a.xml', { uncompressed: 10 }), declare(bytes, 'a.xml', { uncompressed: text.length + 1 }), badSignature, garbage]) {
      await withOwnFd(bad, async (fd) => {
        const zip = await openZip(fd);
        await rejection(read(zip, 'a.xml'));
        expect((await read(zip, 'b.bin')).length).toBe(10_000);
        zip.close();
      });
    }
  });

  it('after the archive was refused', async () => {
    const fd = openSync(tempFile(Buffer.concat([bytes.subarray(0, 1000), Buffer.alloc(1000)])), 'r');
    await rejection(openZip(fd));
    await settle();
    expect(isOpen(fd)).toBe(true);
    expect(() => closeSync(fd)).not.toThrow();
    const stored = zipFiles([{ name: 's.txt', data: 'stored', store: true }]);
    await withOwnFd(declare(stored, 's.txt', { uncompressed: 5 }), async (fd) => {
      expect((await rejection(openZip(fd))).message).toMatch(/size mismatch/);
    });
  });
});

describe('openZip with keep: an entry read whole is handed out once more from memory', () => {
  const sheet = secretText(300_000, 40);
  const strings = secretText(50_000, 41);
  const stored = noise(20_000, 42);
  const bytes = zipFiles([
    { name: 'xl/sharedStrings.xml', data: strings },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
    { name: 'stored.bin', data: stored, store: true },
  ]);

  /** Overwrites the file in place, same length, through another descriptor. */
  function zeroFile(file: string): void {
    const w = openSync(file, 'r+');
    try {
      writeSync(w, Buffer.alloc(bytes.length), 0, bytes.length, 0);
    } finally {
      closeSync(w);
    }
  }

  async function withFileFd(options: ZipOptions, fn: (zip: ZipArchive, file: string) => Promise<void>): Promise<void> {
    const file = tempFile(bytes);
    const fd = openSync(file, 'r');
    try {
      const zip = await openZip(fd, options);
      try {
        await fn(zip, file);
      } finally {
        zip.close();
      }
    } finally {
      closeSync(fd);
    }
  }

  it('keep: the second open does not read the file, the third does', async () => {
    for (const [name, data] of [
      ['xl/worksheets/sheet1.xml', sheet],
      ['stored.bin', stored],
    ] as const) {
      await withFileFd({ keep: true }, async (zip, file) => {
        expect((await read(zip, name)).equals(data), name).toBe(true);
        zeroFile(file);
        expect((await read(zip, name)).equals(data), name).toBe(true);
        const third = await readOrError(zip, name);
        expect(third instanceof Error || !third.equals(data), name).toBe(true);
      });
    }
  });

  it('keep: each entry is kept apart', async () => {
    await withFileFd({ keep: true }, async (zip, file) => {
      expect((await read(zip, 'xl/worksheets/sheet1.xml')).equals(sheet)).toBe(true);
      expect((await read(zip, 'xl/sharedStrings.xml')).equals(strings)).toBe(true);
      zeroFile(file);
      expect((await read(zip, 'xl/sharedStrings.xml')).equals(strings)).toBe(true);
      expect((await read(zip, 'xl/worksheets/sheet1.xml')).equals(sheet)).toBe(true);
      // Never read before the file changed: nothing kept.
      expect(await readOrError(zip, 'stored.bin')).toBeInstanceOf(Error);
      expect(await readOrError(zip, 'xl/sharedStrings.xml')).toBeInstanceOf(Error);
    });
  });

  it('without keep, the second open reads the file again', async () => {
    for (const options of [{}, { keep: false }]) {
      for (const [name, data] of [
        ['xl/worksheets/sheet1.xml', sheet],
        ['stored.bin', stored],
      ] as const) {
        await withFileFd(options, async (zip, file) => {
          expect((await read(zip, name)).equals(data), name).toBe(true);
          zeroFile(file);
          const second = await readOrError(zip, name);
          expect(second instanceof Error || !second.equals(data), name).toBe(true);
        });
      }
    }
  });

  it('keeps entries read whole only (up to 4 MiB, compressed and not), from a Buffer too', async () => {
    const at4 = secretText(WHOLE_MAX, 43);
    const over = secretText(WHOLE_MAX + 1, 44);
    const noisy = noise(WHOLE_MAX, 45);
    const zipBytes = zipFiles([
      { name: 'at-4MiB.txt', data: at4 },
      { name: 'over-4MiB.txt', data: over },
      { name: 'noisy-4MiB.bin', data: noisy },
    ]);
    const zip = await openZip(zipBytes, { keep: true });
    try {
      for (const [name, data] of [
        ['at-4MiB.txt', at4],
        ['over-4MiB.txt', over],
        ['noisy-4MiB.bin', noisy],
      ] as const) {
        expect((await read(zip, name)).equals(data), name).toBe(true);
      }
      zipBytes.fill(0);
      expect((await read(zip, 'at-4MiB.txt')).equals(at4)).toBe(true);
      expect(await readOrError(zip, 'at-4MiB.txt')).toBeInstanceOf(Error);
      expect(await readOrError(zip, 'over-4MiB.txt')).toBeInstanceOf(Error);
      expect(await readOrError(zip, 'noisy-4MiB.bin')).toBeInstanceOf(Error);
    } finally {
      zip.close();
    }
  });

  it('keeps 16 MiB at most, and an entry handed out again no longer counts', async () => {
    const parts = [0, 1, 2, 3, 4, 5].map((i) => secretText(WHOLE_MAX, 50 + i));
    const zipBytes = zipFiles(parts.map((data, i) => ({ name: `part${i}.txt`, data })));
    const zip = await openZip(zipBytes, { keep: true });
    try {
      // Four of 4 MiB fill what is kept: the fifth is not kept.
      for (let i = 0; i < 5; i++) expect((await read(zip, `part${i}.txt`)).equals(parts[i]), `part${i}`).toBe(true);
      // Handing part0 out again frees its room: part5 is kept.
      const original = Buffer.from(zipBytes);
      zipBytes.fill(0);
      expect((await read(zip, 'part0.txt')).equals(parts[0])).toBe(true);
      expect(await readOrError(zip, 'part4.txt')).toBeInstanceOf(Error);
      original.copy(zipBytes);
      expect((await read(zip, 'part5.txt')).equals(parts[5])).toBe(true);
      zipBytes.fill(0);
      for (const i of [1, 2, 3, 5]) expect((await read(zip, `part${i}.txt`)).equals(parts[i]), `part${i}`).toBe(true);
      for (const i of [0, 1, 2, 3, 4, 5]) expect(await readOrError(zip, `part${i}.txt`), `part${i}`).toBeInstanceOf(Error);
    } finally {
      zip.close();
    }
  });

  it('keep has no effect on a path source: every open reads the file', async () => {
    const file = tempFile(bytes);
    const zip = await openZip(file, { keep: true });
    try {
      expect((await read(zip, 'xl/worksheets/sheet1.xml')).equals(sheet)).toBe(true);
      zeroFile(file);
      expect(await readOrError(zip, 'xl/worksheets/sheet1.xml')).toBeInstanceOf(Error);
    } finally {
      zip.close();
    }
  });
});

describe('readEntryHead', () => {
  const small = secretText(100_000, 70);
  const big = secretText(6 * MiB, 71);
  const bytes = zipFiles([
    { name: 'small.xml', data: small },
    { name: 'small-stored.xml', data: small, store: true },
    { name: 'big.xml', data: big },
    { name: 'empty.xml', data: '' },
  ]);

  it('gives the first bytes of an entry read whole or streamed, or the whole entry if shorter', async () => {
    for (const kind of ['path', 'buffer'] as const) {
      await withZip(kind, bytes, async (zip) => {
        for (const [name, data] of [
          ['small.xml', small],
          ['small-stored.xml', small],
          ['big.xml', big],
          ['empty.xml', Buffer.alloc(0)],
        ] as const) {
          for (const max of [0, 1, 1000, 65_536, 100_000, 100_001, 10 * MiB]) {
            const head = await readEntryHead(zip, entry(zip, name), max);
            expect(head.equals(data.subarray(0, max)), `${kind} ${name} ${max}`).toBe(true);
          }
          // The entry reads whole afterwards.
          expect((await read(zip, name)).equals(data), `${kind} ${name}`).toBe(true);
        }
      });
    }
  });
});

describe("openZip from an fd: a streamed entry (over 4 MiB) leaves the caller's descriptor open", () => {
  const big = secretText(5 * MiB, 60);
  const small = secretText(10_000, 61);
  const bytes = zipFiles([
    { name: 'xl/worksheets/sheet1.xml', data: big },
    { name: 'xl/sharedStrings.xml', data: small },
  ]);

  it('after the entry was read to its end: the same fd reads the next entry, and is open after zip.close()', async () => {
    await withOwnFd(bytes, async (fd) => {
      const zip = await openZip(fd);
      expect((await read(zip, 'xl/worksheets/sheet1.xml')).equals(big)).toBe(true);
      await settle();
      expect((await read(zip, 'xl/sharedStrings.xml')).equals(small)).toBe(true);
      zip.close();
    });
  });

  it('after its first bytes were read and the stream destroyed (readEntryHead, as the xlsx classifier does)', async () => {
    await withOwnFd(bytes, async (fd) => {
      const zip = await openZip(fd);
      expect((await readEntryHead(zip, entry(zip, 'xl/worksheets/sheet1.xml'), 1000)).equals(big.subarray(0, 1000))).toBe(true);
      zip.close();
    });
  });

  it('after the streamed entry failed (its header declares one byte fewer)', async () => {
    await withOwnFd(declare(bytes, 'xl/worksheets/sheet1.xml', { uncompressed: big.length - 1 }), async (fd) => {
      const zip = await openZip(fd);
      expect((await rejection(read(zip, 'xl/worksheets/sheet1.xml'))).message).toMatch(/too many bytes/);
      zip.close();
    });
  });
});
