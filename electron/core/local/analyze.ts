import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { looksTabular, sniffContent, textDecoder, type ContentKind } from './content';
import { createCredentialScanner } from '../discovery/credentials/scanner';
import { classifyTableHead, classifyXlsx, type VoterFileVerdict } from '../discovery/voter-file';
import { openZip } from '../discovery/zip-archive';
import type { FileReport, LocalCounters } from './file-report';
import { describeFsError } from './fs-problem';
import type { LocalLimits } from './limits';
import { officeXmlText } from './office-xml-text';

export interface AnalyzeContext {
  limits: LocalLimits;
  counters: LocalCounters;
  /** Where reports of files and members with something to say go. */
  reports: FileReport[];
  /** One read buffer reused file after file (chunkBytes long); one file at a time per context. */
  scratch: Buffer;
  /** Tests only: runs once a file on disk has been read, before it is checked for changes. */
  afterRead?: (path: string) => void;
}

interface Item {
  id: string;
  name: string;
  totalBytes: number;
}

/** An archive that would expand past the limits: the whole archive is reported and skipped. */
class ArchiveLimitError extends Error {}

// Opening a FIFO put in a file's place between listing and opening must not block the scan.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const OFFICE = /\.(xlsx|xlsm|docx|docm|pptx|pptm)$/i;
const SPREADSHEET = /\.(xlsx|xlsm)$/i;
const OFFICE_XML = /\.(xml|rels)$/i;
const MiB = 1024 * 1024;

const mb = (n: number) => (n >= 10 * MiB ? `${Math.round(n / MiB).toLocaleString('en-US')} MB` : `${(n / MiB).toFixed(1)} MB`);

function report(ctx: AnalyzeContext, item: Item, found: { voter?: VoterFileVerdict; hits?: FileReport['hits']; problem?: string }): void {
  const hits = found.hits ?? [];
  if (!found.voter && !hits.length && !found.problem) return;
  ctx.reports.push({ id: item.id, name: item.name, bytes: item.totalBytes, hits, ...(found.voter ? { voter: found.voter } : {}), ...(found.problem ? { problem: found.problem } : {}) });
}

/**
 * Reads one file on disk: binaries are skipped by content, text is scanned for credentials
 * chunk by chunk and, when it looks like a table, its first block is classified; zip, xlsx
 * and docx are read inside. Whatever goes wrong is reported against the file; nothing throws.
 */
export async function analyzeFile(p: string, rel: string, ctx: AnalyzeContext): Promise<void> {
  const item: Item = { id: p, name: rel, totalBytes: 0 };
  // Synchronous calls: a worker reads one file at a time, and a read of the page cache is
  // quicker done here than handed to libuv's thread pool and back.
  let fd: number;
  try {
    fd = openSync(p, OPEN_FLAGS);
  } catch (e) {
    return report(ctx, item, { problem: describeFsError(e) });
  }
  const found: { voter?: VoterFileVerdict; hits?: FileReport['hits']; problem?: string } = {};
  try {
    const before = fstatSync(fd);
    if (!before.isFile()) {
      found.problem = 'is no longer a regular file (replaced while the scan ran)';
      return;
    }
    item.totalBytes = before.size;
    ctx.counters.files++;
    ctx.counters.bytes += before.size;
    const buf = ctx.scratch;
    // The head alone first: half the bytes on a drive are binaries, skipped by it. A file that
    // says it is empty (procfs, some network file systems) is read a whole chunk, as ever.
    const first = readSync(fd, buf, 0, before.size ? Math.min(ctx.limits.headBytes, before.size) : buf.length, 0);
    const head = buf.subarray(0, Math.min(first, ctx.limits.headBytes));
    const kind = sniffContent(head);
    if (kind === 'zip') {
      Object.assign(found, await analyzeZip(fd, item, ctx, 1, { left: ctx.limits.archive.maxTotalBytes }));
    } else if (kind === 'binary') {
      // An Excel or Word file that is not a zip cannot be read, and its voter rows or keys would go unseen: say so.
      if (OFFICE.test(rel)) found.problem = notOfficeZip(head);
      else ctx.counters.binarySkipped++;
    } else if (before.size > ctx.limits.maxFileBytes) {
      found.voter = classifyHead(rel, head, kind, before.size);
      found.problem = `is larger than ${mb(ctx.limits.maxFileBytes)}: only its first ${Math.round(ctx.limits.headBytes / 1024)} KB were read (for voter-file columns), it was not searched for credentials`;
    } else {
      Object.assign(found, await analyzeText(fileChunks(fd, buf, first, before.size), kind, head, item, false));
    }
    ctx.afterRead?.(p);
    const after = fstatSync(fd);
    if (after.nlink === 0) found.problem ??= 'was deleted while it was read';
    else if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) found.problem ??= 'changed while it was read: scan it again for a sure answer';
  } catch (e) {
    found.problem ??= describeFsError(e);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Closing a descriptor that was read cannot lose anything.
    }
    report(ctx, item, found);
  }
}

/** The signature of an OLE compound file: an encrypted Office file is one (and so is an old .xls or .doc renamed). */
const OLE = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/** Why an Office file whose bytes are not a zip was not read. */
function notOfficeZip(head: Uint8Array): string {
  return Buffer.from(head.subarray(0, OLE.length)).equals(OLE)
    ? 'is password-protected (encrypted), or an older Office format under a newer name: it could not be read; open it in Office to check what it holds'
    : 'is damaged: it could not be read as an Office file';
}

/** The file's bytes from the start, a chunk at a time, up to the size it had when opened. */
function* fileChunks(fd: number, buf: Buffer, first: number, size: number): Generator<Uint8Array> {
  let n = first;
  let pos = first;
  while (n > 0) {
    yield buf.subarray(0, n);
    if (pos >= size) return;
    n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
    pos += n;
  }
}

async function analyzeText(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  kind: Exclude<ContentKind, 'zip' | 'binary'>,
  head: Uint8Array,
  item: Item,
  officeXml: boolean,
): Promise<{ voter?: VoterFileVerdict; hits: FileReport['hits'] }> {
  // Classified before the chunks are read: the head may live in the buffer they reuse.
  const voter = officeXml ? undefined : classifyHead(item.name, head, kind, item.totalBytes);
  // The scanner is quickest on UTF-8 bytes (it decodes only the lines around an anchor), and
  // Office XML is made text byte for byte: UTF-8 goes to them as read, UTF-16 is made UTF-8 first.
  const scanner = createCredentialScanner(item.name);
  const xml = officeXml ? officeXmlText() : undefined;
  const push = (bytes: Uint8Array) => scanner.pushBytes(xml ? xml(bytes) : bytes);
  if (kind === 'utf8') {
    for await (const c of chunks) push(c);
  } else {
    const decode = textDecoder(kind);
    for await (const c of chunks) push(Buffer.from(decode(c), 'utf8'));
    push(Buffer.from(decode(), 'utf8'));
  }
  if (xml) scanner.pushBytes(xml());
  return { voter, hits: scanner.end() };
}

/**
 * The voter-file verdict on a text file's first block, if it looks like a table. The classifier
 * reads UTF-8: UTF-16 (Excel's "Unicode Text" export) is made UTF-8 first, and the file's size
 * scaled alike for the row estimate.
 */
function classifyHead(name: string, head: Uint8Array, kind: Exclude<ContentKind, 'zip' | 'binary'>, totalBytes: number): VoterFileVerdict | undefined {
  const utf8 = kind === 'utf8' ? head : Buffer.from(textDecoder(kind)(head), 'utf8');
  const size = kind === 'utf8' || head.length === 0 ? totalBytes : Math.round((totalBytes * utf8.length) / head.length);
  return looksTabular(name, utf8) ? (classifyTableHead(utf8, { name, totalBytes: size }) ?? undefined) : undefined;
}

/**
 * Reads a zip (or xlsx, docx) entry by entry within the expansion budget shared by the whole
 * archive on disk. Members report themselves; what is returned is the archive's own verdict
 * (a spreadsheet's voter-file verdict) and why it could not be read, if it could not.
 */
async function analyzeZip(source: number | Buffer, item: Item, ctx: AnalyzeContext, depth: number, budget: { left: number }): Promise<{ voter?: VoterFileVerdict; problem?: string }> {
  const lim = ctx.limits.archive;
  const office = OFFICE.test(item.name);
  const spreadsheet = SPREADSHEET.test(item.name);
  // The classifier's message could quote a cell: say only what happened.
  const unreadable = 'is damaged: it could not be read as a spreadsheet';
  let voter: VoterFileVerdict | undefined;
  let problem: string | undefined;
  let opened = false;
  try {
    // A spreadsheet's sheet is read by the classifier, then by the credential scan: inflated once.
    const zip = await openZip(source, { keep: spreadsheet });
    opened = true;
    try {
      if (spreadsheet) {
        try {
          voter = (await classifyXlsx(zip, { name: item.name, totalBytes: item.totalBytes })) ?? undefined;
        } catch {
          problem = unreadable;
        }
      }
      if (zip.entries.length >= lim.maxEntries) throw new ArchiveLimitError(`holds ${lim.maxEntries.toLocaleString('en-US')} entries or more: not read`);
      for (const e of zip.entries) {
        if (e.fileName.endsWith('/')) continue;
        const member: Item = { id: `${item.id}!${e.fileName}`, name: `${item.name}!${e.fileName}`, totalBytes: e.uncompressedSize };
        const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
        if (e.uncompressedSize > MiB && ratio > lim.maxRatio) {
          throw new ArchiveLimitError(`looks like a zip bomb: ${member.name} would expand ${Math.round(ratio).toLocaleString('en-US')} times (${mb(e.compressedSize)} to ${mb(e.uncompressedSize)}); the archive was skipped`);
        }
        if (e.uncompressedSize > budget.left) {
          throw new ArchiveLimitError(`looks like a zip bomb: with ${member.name} it would expand past ${mb(lim.maxTotalBytes)}; the archive was skipped`);
        }
        if (e.isEncrypted()) {
          report(ctx, member, { problem: 'is encrypted (password-protected): not read' });
          continue;
        }
        // Stored and deflated are what Office and most zip tools write; Deflate64, bzip2 or LZMA cannot be read here.
        if (e.compressionMethod !== 0 && e.compressionMethod !== 8) {
          report(ctx, member, { problem: `is compressed in a way Canvass cannot read (zip method ${e.compressionMethod}): not read` });
          continue;
        }
        ctx.counters.archiveMembers++;
        const stream = await zip.open(e);
        try {
          await analyzeMember(budgeted(stream, budget, member, lim.maxTotalBytes), member, ctx, depth, budget, office && OFFICE_XML.test(e.fileName));
        } finally {
          stream.destroy();
        }
      }
    } finally {
      zip.close();
      // analyzeFile closes the descriptor next: no read of it may still be under way.
      await zip.settled();
    }
  } catch (e) {
    if (e instanceof ArchiveLimitError) {
      // A bomb nested inside is the outer archive's bomb: skip the whole archive on disk.
      if (depth > 1) throw e;
      problem = e.message;
    } else problem ??= spreadsheet && !opened ? unreadable : `is damaged: it could not be read as a zip archive (${(e as Error).message})`;
  }
  return { voter, problem };
}

/** Counts a member's real output against the archive's budget, whatever its header declared. */
async function* budgeted(stream: Readable, budget: { left: number }, member: Item, max: number): AsyncGenerator<Uint8Array> {
  for await (const c of stream as AsyncIterable<Buffer>) {
    budget.left -= c.length;
    if (budget.left < 0) throw new ArchiveLimitError(`looks like a zip bomb: with ${member.name} it would expand past ${mb(max)}; the archive was skipped`);
    yield c;
  }
}

/** The first headBytes of a stream, and the stream from its start again. */
async function splitHead(chunks: AsyncIterable<Uint8Array>, headBytes: number) {
  const it = chunks[Symbol.asyncIterator]();
  const first: Uint8Array[] = [];
  let n = 0;
  let ended = false;
  while (n < headBytes) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    first.push(r.value);
    n += r.value.length;
  }
  // One part (a member read whole) is its own head: no copy.
  const head = (first.length === 1 ? Buffer.from(first[0].buffer, first[0].byteOffset, first[0].byteLength) : Buffer.concat(first)).subarray(0, headBytes);
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* first;
    if (ended) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head, all: all() };
}

/**
 * Streamed members come 16 KiB at a time: gathered into chunks of `size`, each costs one pass of
 * the decoder, the XML converter and the scanner. A member read whole passes as it is.
 */
async function* batched(chunks: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of chunks) {
    parts.push(c);
    n += c.length;
    if (n >= size) {
      yield parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
      parts = [];
      n = 0;
    }
  }
  if (n) yield parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
}

async function analyzeMember(chunks: AsyncIterable<Uint8Array>, member: Item, ctx: AnalyzeContext, depth: number, budget: { left: number }, officeXml: boolean): Promise<void> {
  const { head, all } = await splitHead(chunks, ctx.limits.headBytes);
  const kind = sniffContent(head);
  if (kind === 'binary') {
    ctx.counters.binarySkipped++;
    return;
  }
  if (kind !== 'zip') return report(ctx, member, await analyzeText(batched(all, ctx.limits.chunkBytes), kind, head, member, officeXml));
  const lim = ctx.limits.archive;
  if (depth >= lim.maxDepth) return report(ctx, member, { problem: `is an archive nested more than ${lim.maxDepth} deep: not opened` });
  if (member.totalBytes > lim.maxNestedBytes) return report(ctx, member, { problem: `is an archive inside an archive larger than ${mb(lim.maxNestedBytes)}: not opened` });
  const parts: Uint8Array[] = [];
  for await (const c of all) parts.push(c);
  const buffer = Buffer.concat(parts);
  report(ctx, member, await analyzeZip(buffer, member, ctx, depth + 1, budget));
}
