import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs, { appendFileSync, closeSync, mkdtempSync, openSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { voterCorpus } from '../../../tests/helpers/voter-corpus';
import { zipFiles } from '../../../tests/helpers/zip-writer';
import { openZip } from '../discovery/zip-archive';
import { analyzeFile, type AnalyzeContext } from './analyze';
import { zeroCounters } from './file-report';
import { DEFAULT_LIMITS } from './limits';
import { walkTree, type WalkEntry } from './walk';

const KEY_LINE = 'aws_access_key_id = AKIAQX4TNW7RBJ3LPZ5K\naws_secret_access_key = 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\n';
const MiB = 1024 * 1024;

const context = (afterRead?: AnalyzeContext['afterRead']): AnalyzeContext => ({ limits: DEFAULT_LIMITS, counters: zeroCounters(), reports: [], scratch: Buffer.allocUnsafe(DEFAULT_LIMITS.chunkBytes), afterRead });
const folder = () => mkdtempSync(path.join(os.tmpdir(), 'canvass-analyze-'));

async function analyze(file: string, afterRead?: AnalyzeContext['afterRead']) {
  const ctx = context(afterRead);
  await analyzeFile(file, path.basename(file), ctx);
  return ctx.reports;
}

describe('analyzeFile, a file that changes under the scan', () => {
  it('says a file changed while it was read (and keeps what it found)', async () => {
    const file = path.join(folder(), 'deploy.env');
    writeFileSync(file, `# notes\n[default]\n${KEY_LINE}`);
    const [r] = await analyze(file, (p) => appendFileSync(p, 'one more line\n'));
    expect(r.problem).toBe('changed while it was read: scan it again for a sure answer');
    expect(r.hits.map((h) => [h.kind, h.line])).toEqual([['aws-credentials-file', 3]]);
  });

  it('says a file was deleted while it was read', async () => {
    const file = path.join(folder(), 'notes.txt');
    writeFileSync(file, 'minutes of the canvass board\n');
    const [r] = await analyze(file, (p) => unlinkSync(p));
    expect(r).toMatchObject({ name: 'notes.txt', problem: 'was deleted while it was read' });
  });

  it('reports a file that vanished, or became a FIFO, between listing and reading, without blocking, and reads the rest', async () => {
    const dir = folder();
    for (const name of ['a.txt', 'gone.txt', 'piped.txt']) writeFileSync(path.join(dir, name), name === 'a.txt' ? `[default]\n${KEY_LINE}` : 'nothing\n');
    const listed: WalkEntry[] = [];
    for await (const e of walkTree(dir, { directories: 0, symlinksSkipped: 0, specialSkipped: 0 })) listed.push(e);
    unlinkSync(path.join(dir, 'gone.txt'));
    unlinkSync(path.join(dir, 'piped.txt'));
    execFileSync('mkfifo', [path.join(dir, 'piped.txt')]);
    const ctx = context();
    for (const e of listed) if (e.kind === 'file') await analyzeFile(e.path, e.rel, ctx);
    expect(ctx.reports.map((r) => [r.name, r.problem ?? r.hits.map((h) => h.kind).join()]).sort()).toEqual([
      ['a.txt', 'aws-credentials-file'],
      ['gone.txt', 'no longer exists (removed or renamed while the scan ran)'],
      ['piped.txt', 'is no longer a regular file (replaced while the scan ran)'],
    ]);
    expect(ctx.counters.files).toBe(1);
  });
});

describe('analyzeFile, limits', () => {
  it(`classifies only the head of a file over ${DEFAULT_LIMITS.maxFileBytes / MiB} MiB and says it was not searched (a sparse file)`, async () => {
    const file = path.join(folder(), 'vr-extract.csv');
    // Rows repeated past the head, which must hold no NUL of the sparse part to be taken for text.
    const voters = voterCorpus({ rows: 200, seed: 9 }).find((v) => v.positive && v.format === 'csv')!.bytes.toString();
    const rows = voters.slice(voters.indexOf('\n') + 1);
    writeFileSync(file, voters + rows.repeat(Math.ceil(DEFAULT_LIMITS.headBytes / rows.length)));
    // Sparse: the size is past the limit, the disk holds only the head and one key far into the file.
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, `\n${KEY_LINE}`, DEFAULT_LIMITS.maxFileBytes / 2);
    } finally {
      closeSync(fd);
    }
    execFileSync('truncate', ['-s', String(DEFAULT_LIMITS.maxFileBytes + MiB), file]);
    const [r] = await analyze(file);
    expect(r.bytes).toBe(DEFAULT_LIMITS.maxFileBytes + MiB);
    expect(r.problem).toBe('is larger than 512 MB: only its first 64 KB were read (for voter-file columns), it was not searched for credentials');
    expect(r.voter?.isVoterFile).toBe(true);
    expect(r.hits).toEqual([]);
  });

  it(`opens archives nested ${DEFAULT_LIMITS.archive.maxDepth} deep and reports the one below without opening it`, async () => {
    const level = (n: number): Buffer => zipFiles([{ name: `key-${n}.env`, data: `[default]\n${KEY_LINE}` }, ...(n < 4 ? [{ name: `level-${n + 1}.zip`, data: level(n + 1) }] : [])]);
    const file = path.join(folder(), 'level-1.zip');
    writeFileSync(file, level(1));
    const reports = await analyze(file);
    expect(reports.map((r) => [r.name, r.problem ?? r.hits.map((h) => h.kind).join()])).toEqual([
      ['level-1.zip!key-1.env', 'aws-credentials-file'],
      ['level-1.zip!level-2.zip!key-2.env', 'aws-credentials-file'],
      ['level-1.zip!level-2.zip!level-3.zip!key-3.env', 'aws-credentials-file'],
      ['level-1.zip!level-2.zip!level-3.zip!level-4.zip', 'is an archive nested more than 3 deep: not opened'],
    ]);
  });
});

describe('analyzeFile, archives read through the descriptor it opened', () => {
  it('closes its descriptor only once no read of it is under way (reads delayed 50 ms, as on a busy thread pool)', async () => {
    const file = path.join(folder(), 'photos.zip');
    // A member over 4 MiB is streamed; a binary one is left after its first block, its stream destroyed with a read in flight.
    writeFileSync(file, zipFiles([{ name: 'big.bin', data: Buffer.alloc(6 * MiB), store: true }]));
    const node = fs as unknown as { read: (...a: unknown[]) => void; closeSync: (fd: number) => void };
    const [realRead, realClose] = [node.read, node.closeSync];
    const closed = new Set<number>();
    const late: number[] = [];
    node.read = (fd: unknown, ...rest: unknown[]) => {
      setTimeout(() => {
        // Run after its descriptor was closed, a read lands on whatever file got the number next.
        if (closed.has(fd as number)) late.push(fd as number);
        realRead(fd, ...rest);
      }, 50);
    };
    node.closeSync = (fd: number) => {
      closed.add(fd);
      realClose(fd);
    };
    syncBuiltinESMExports();
    try {
      expect(await analyze(file)).toEqual([]);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      [node.read, node.closeSync] = [realRead, realClose];
      syncBuiltinESMExports();
    }
    expect(closed.size).toBe(1);
    expect(late).toEqual([]);
  });

  it('reads every member of a document whose first part is streamed (over 4 MiB) and whose next ones are read whole through the same descriptor', async () => {
    const file = path.join(folder(), 'minutes.docx');
    // Hex digits: compressible enough to be an ordinary document, not a zip bomb.
    const filler = Buffer.from(Array.from({ length: 80_000 }, (_, i) => `line ${i}: ${createHash('sha256').update(String(i)).digest('hex')}\n`).join(''));
    writeFileSync(
      file,
      zipFiles([
        { name: 'word/media/notes.txt', data: filler },
        { name: 'word/document.xml', data: `<w:document><w:body><w:p><w:r><w:t>${KEY_LINE.replace('\n', '</w:t></w:r></w:p><w:p><w:r><w:t>')}</w:t></w:r></w:p></w:body></w:document>` },
        { name: 'word/settings.xml', data: '<w:settings/>' },
      ]),
    );
    expect(filler.length).toBeGreaterThan(4 * MiB);
    const reports = await analyze(file);
    // A descriptor closed by the streamed member would fail the members after it (the archive "damaged").
    expect(reports.map((r) => [r.name, r.problem, r.hits.map((h) => h.kind).join()])).toEqual([['minutes.docx!word/document.xml', undefined, 'aws-access-key-id']]);
  });
});

describe('analyzeFile, an archive whose header lies', () => {
  it('calls a document damaged, by name, when a part inflates to more than its header declares', async () => {
    const xml = `<w:document><w:body><w:p><w:r><w:t>${'minutes of the canvass board '.repeat(400)}</w:t></w:r></w:p></w:body></w:document>`;
    const bytes = zipFiles([{ name: 'word/document.xml', data: xml }]);
    // The uncompressed size, in the local header (offset 22) and the central one (offset 24), a byte short.
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(xml.length - 1, 22);
    bytes.writeUInt32LE(xml.length - 1, central + 24);
    const file = path.join(folder(), 'minutes.docx');
    writeFileSync(file, bytes);
    const reports = await analyze(file);
    expect(reports.map((r) => [r.name, r.problem])).toEqual([['minutes.docx', 'is damaged: it could not be read as a zip archive (too many bytes in the entry: expected ' + (xml.length - 1) + ')']]);
  });
});

describe('analyzeFile, a zip with a member it cannot read', () => {
  it('reports a member compressed by another method, and one named outside the archive is read like the rest', async () => {
    const bytes = zipFiles([
      { name: 'first.txt', data: 'packed by a tool that knows LZMA', store: true },
      { name: 'notes/creds.txt', data: `[default]\n${KEY_LINE}` },
      { name: '../../escape.txt', data: `[default]\n${KEY_LINE}` },
    ]);
    // The first member's method, in its local and its central header: 14, LZMA.
    bytes.writeUInt16LE(14, 8);
    bytes.writeUInt16LE(14, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    const file = path.join(folder(), 'export.zip');
    writeFileSync(file, bytes);
    const found = await analyze(file);
    expect(found.map((r) => [r.name, r.problem ?? r.hits.map((h) => h.kind).join()])).toEqual([
      ['export.zip!first.txt', 'is compressed in a way Canvass cannot read (zip method 14): not read'],
      ['export.zip!notes/creds.txt', 'aws-credentials-file'],
      ['export.zip!../../escape.txt', 'aws-credentials-file'],
    ]);
  });
});

describe('analyzeFile, a voter file in UTF-16', () => {
  it("classifies Excel's Unicode Text export (UTF-16LE, tab-separated) as its UTF-8 twin, rows estimated alike", async () => {
    const tsv = voterCorpus({ rows: 2_000, seed: 8 }).find((v) => v.positive && v.format === 'tsv' && v.header)!;
    const dir = folder();
    writeFileSync(path.join(dir, 'roll-utf8.txt'), tsv.bytes);
    writeFileSync(path.join(dir, 'roll-utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv.bytes.toString('utf8'), 'utf16le')]));
    const [utf8] = await analyze(path.join(dir, 'roll-utf8.txt'));
    const [utf16] = await analyze(path.join(dir, 'roll-utf16.txt'));
    expect(utf8.voter).toMatchObject({ isVoterFile: true, format: 'tsv' });
    expect(utf16.voter).toMatchObject({ isVoterFile: true, format: 'tsv', columns: utf8.voter!.columns, layout: utf8.voter!.layout });
    expect(utf16.voter!.rowEstimate! / utf8.voter!.rowEstimate!).toBeGreaterThan(0.9);
    expect(utf16.voter!.rowEstimate! / utf8.voter!.rowEstimate!).toBeLessThan(1.1);
  });
});

describe('analyzeFile, a damaged spreadsheet', () => {
  /** The parts of a workbook, to build a damaged one from. */
  async function parts(bytes: Buffer) {
    const zip = await openZip(bytes);
    const out: { name: string; data: Buffer }[] = [];
    for (const e of zip.entries) {
      const chunks: Buffer[] = [];
      for await (const c of await zip.open(e)) chunks.push(c as Buffer);
      out.push({ name: e.fileName, data: Buffer.concat(chunks) });
    }
    zip.close();
    return out;
  }

  it('keeps the voter verdict and names the zip error when only a part the classifier never reads is damaged', async () => {
    const book = voterCorpus({ rows: 40, seed: 5 }).find((v) => v.format === 'xlsx' && v.positive)!;
    const bytes = zipFiles([...(await parts(book.bytes)), { name: 'xl/media/image1.png', data: Buffer.alloc(5000, 7) }]);
    // The picture's deflate data garbled.
    const at = bytes.indexOf('xl/media/image1.png') + 'xl/media/image1.png'.length;
    bytes.fill(0xff, at, at + 8);
    const file = path.join(folder(), 'roll.xlsx');
    writeFileSync(file, bytes);
    const [r] = await analyze(file);
    expect(r.voter?.isVoterFile).toBe(true);
    expect(r.problem).toMatch(/^is damaged: it could not be read as a zip archive \(.+\)$/);
  });

  it('says a file that is no zip at all could not be read as a spreadsheet', async () => {
    const book = voterCorpus({ rows: 40, seed: 5 }).find((v) => v.format === 'xlsx' && v.positive)!;
    const file = path.join(folder(), 'roll.xlsx');
    // The first half: a zip's local headers, no central directory.
    writeFileSync(file, book.bytes.subarray(0, book.bytes.length >> 1));
    const [r] = await analyze(file);
    expect(r).toMatchObject({ name: 'roll.xlsx', problem: 'is damaged: it could not be read as a spreadsheet' });
    expect(r.voter).toBeUndefined();
  });

  it('says an Office file that is not a zip was not read: password-protected (an OLE file) or damaged, never skipped as a binary', async () => {
    const dir = folder();
    // Excel keeps a password-protected workbook in an OLE compound file; the rest here is zeros, as much of one is.
    writeFileSync(path.join(dir, 'voters.xlsx'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4096)]));
    writeFileSync(path.join(dir, 'minutes.docx'), Buffer.alloc(20_000));
    writeFileSync(path.join(dir, 'photo.jpg'), Buffer.alloc(20_000));
    const ctx = context();
    for (const name of ['voters.xlsx', 'minutes.docx', 'photo.jpg']) await analyzeFile(path.join(dir, name), name, ctx);
    expect(ctx.reports.map((r) => [r.name, r.problem])).toEqual([
      ['voters.xlsx', expect.stringMatching(/^is password-protected \(encrypted\), or an older Office format under a newer name: it could not be read/)],
      ['minutes.docx', 'is damaged: it could not be read as an Office file'],
    ]);
    expect(ctx.counters.binarySkipped).toBe(1);
  });
});
