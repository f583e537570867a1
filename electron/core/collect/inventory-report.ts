import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { InputError } from '../errors';
import { sensitiveKind } from '../discovery/sensitive-names';
import { keyLooksLikeVoterData } from '../discovery/voter-columns';
import type { InventorySummary, ObjectSummary } from './inventory';

/**
 * An S3 Inventory report (CSV, as AWS delivers it: manifest.json and gzipped data files) of a
 * bucket too large to list, kept in a bundle as buckets/NAME/inventory/. The data files are
 * read as streams, never whole (a report can list billions of objects), and only what the
 * checks look for is kept: the keys named like voter data, dumps, backups or keys (at most
 * MAX_KEPT) and the counts.
 */

/** Keys kept per bucket: far more than a finding shows, and a bounded memory however large the report. */
export const MAX_KEPT = 1000;
/** A CSV line of an inventory is a few hundred bytes; a longer one is not an inventory. */
const MAX_LINE = 64 * 1024;

/** The manifest's fields Canvass reads (AWS's manifest.json; other fields are allowed). */
const manifestSchema = z.object({
  sourceBucket: z.string().min(1),
  destinationBucket: z.string().optional(),
  version: z.string().optional(),
  creationTimestamp: z.string().regex(/^\d+$/, 'must be milliseconds since 1970').optional(),
  fileFormat: z.string(),
  fileSchema: z.string().min(1),
  files: z.array(z.object({ key: z.string().min(1), size: z.number().optional(), MD5checksum: z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be an MD5 in hex') })).min(1),
});

/** The files of one bucket's inventory folder: names relative to it, and their bytes as a stream. */
export interface InventoryFiles {
  /** How the folder is named in messages (".../buckets/NAME/inventory"). */
  label: string;
  /** Path of the manifest inside the evidence, for the summary. */
  manifestRel: string;
  list(): string[];
  read(rel: string): Promise<Buffer>;
  stream(rel: string): Promise<Readable>;
}

export interface InventoryReport {
  summary: InventorySummary;
  kept: ObjectSummary[];
}

const md5 = () => createHash('md5');

/**
 * One line of an inventory CSV: every field is quoted by AWS, "" escapes a quote. Fields are
 * cut with indexOf rather than char by char: a report can hold billions of lines.
 */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      let from = i + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q < 0) return [...out, v + line.slice(from)];
        v += line.slice(from, q);
        if (line[q + 1] !== '"') {
          i = q + 1;
          break;
        }
        v += '"';
        from = q + 2;
      }
      out.push(v);
      if (line[i] !== ',') return out;
      i++;
    } else {
      const end = line.indexOf(',', i);
      if (end < 0) return [...out, line.slice(i)];
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
}

/** Keys are URL-encoded in a CSV inventory (a space as "+"); one that does not decode is kept as written. */
function decodeKey(k: string): string {
  try {
    return decodeURIComponent(k.replace(/\+/g, ' '));
  } catch {
    return k;
  }
}

/** Reads and checks a bucket's S3 Inventory report; any fault is refused with the file it is in. */
export async function readInventoryReport(files: InventoryFiles, bucket: string): Promise<InventoryReport> {
  const where = (rel: string) => `${files.label}/${rel}`;
  const names = files.list();
  if (!names.includes('manifest.json')) throw new InputError(`${files.label}: an inventory folder needs the report's manifest.json`);
  const raw = await files.read('manifest.json');
  if (names.includes('manifest.checksum')) {
    const want = (await files.read('manifest.checksum')).toString('utf8').trim().split(/\s+/)[0].toLowerCase();
    if (md5().update(raw).digest('hex') !== want) {
      throw new InputError(`${where('manifest.json')}: its MD5 does not match manifest.checksum (the manifest is damaged or was changed)`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${where('manifest.json')}: not valid JSON (${(e as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${where('manifest.json')}: not an S3 Inventory manifest${issue.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}`);
  }
  const m = parsed.data;
  if (m.sourceBucket !== bucket) throw new InputError(`${where('manifest.json')}: the report is of bucket "${m.sourceBucket}", not "${bucket}"`);
  if (m.fileFormat !== 'CSV') {
    throw new InputError(`${where('manifest.json')}: the report is in ${m.fileFormat}; Canvass reads CSV inventory reports (choose CSV as the report's output format)`);
  }
  const columns = m.fileSchema.split(',').map((c) => c.trim());
  const keyAt = columns.indexOf('Key');
  const sizeAt = columns.indexOf('Size');
  if (keyAt < 0) throw new InputError(`${where('manifest.json')}: fileSchema has no Key column`);

  // Data files are found by their name in the folder, wherever the download put them.
  const byName = new Map(names.map((n) => [n.split('/').pop()!, n]));
  const located = m.files.map((f) => {
    const name = f.key.split('/').pop()!;
    const rel = byName.get(name);
    if (!rel || rel === 'manifest.json') throw new InputError(`${where('manifest.json')}: lists the data file ${name}, which is not in ${files.label}`);
    return { rel, md5: f.MD5checksum.toLowerCase() };
  });

  const summary: InventorySummary = {
    manifest: files.manifestRel,
    ...(m.creationTimestamp ? { createdAt: new Date(Number(m.creationTimestamp)).toISOString() } : {}),
    objects: 0,
    bytes: 0,
    matched: 0,
    kept: 0,
  };
  const kept: ObjectSummary[] = [];
  for (const f of located) {
    const hash = md5();
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    let line = 1;
    // A fault found in a row, kept apart: pipeline reports the streams it then tears down instead.
    let fault: InputError | undefined;
    const refuse = (message: string) => {
      fault = new InputError(`${where(f.rel)}: ${message}`);
      throw fault;
    };
    const onRow = (text: string) => {
      if (text === '') return;
      const fields = csvFields(text);
      if (fields.length !== columns.length) {
        refuse(`line ${line} has ${fields.length} fields where fileSchema names ${columns.length}`);
      }
      const size = sizeAt >= 0 && /^\d+$/.test(fields[sizeAt]) ? Number(fields[sizeAt]) : 0;
      summary.objects++;
      summary.bytes += size;
      const key = decodeKey(fields[keyAt]);
      if (keyLooksLikeVoterData(key) || sensitiveKind(key)) {
        summary.matched++;
        if (kept.length < MAX_KEPT) kept.push({ key, size });
      }
    };
    try {
      await pipeline(await files.stream(f.rel), tap, createGunzip(), async (source: AsyncIterable<Buffer>) => {
        const decoder = new StringDecoder('utf8');
        let rest = '';
        for await (const chunk of source) {
          const parts = (rest + decoder.write(chunk)).split('\n');
          rest = parts.pop()!;
          if (rest.length > MAX_LINE) refuse(`line ${line} is longer than an inventory line can be`);
          for (const p of parts) {
            onRow(p.replace(/\r$/, ''));
            line++;
          }
        }
        onRow((rest + decoder.end()).replace(/\r$/, ''));
      });
    } catch (e) {
      if (fault) throw fault;
      throw new InputError(`${where(f.rel)}: not a readable gzipped CSV data file (${(e as Error).message})`);
    }
    if (hash.digest('hex') !== f.md5) {
      throw new InputError(`${where(f.rel)}: its MD5 does not match the manifest's MD5checksum (the file is damaged or incomplete)`);
    }
  }
  summary.kept = kept.length;
  return { summary, kept };
}
