import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { fileMagic, MAGIC_BYTES, nameNeedsMagic } from '../../discovery/file-magic';
import { keyLooksLikeVoterData } from '../../discovery/voter-columns';
import { tableShapes } from '../../discovery/table-shapes';
import { tableEvidence } from '../../discovery/voter-file';
import type { ObjectSample } from '../inventory';

/** How much of a table is read: its first 64 KB, enough for a header and a few rows. */
const TABLE_CHUNK_BYTES = 64 * 1024;
/** Rows whose shapes a sample keeps, as tableShapes keeps for delimited text. */
const SAMPLE_ROWS = 5;
/**
 * Objects per bucket whose first bytes are read because their name does not say what they
 * are (data.bin, a .bak): enough for the few such files a bucket usually has, and the
 * collection script's MAGIC_SAMPLE, so that both write the same bundle.
 */
export const MAGIC_SAMPLE = 10;

export interface ListedObject {
  Key: string;
  Size?: number;
}

/** `n` keys spread evenly over the listing (first, last and between), as Prowler samples them. */
export function spreadKeys(objects: ListedObject[], n: number): string[] {
  if (n <= 0 || objects.length === 0) return [];
  if (objects.length <= n) return objects.map((o) => o.Key);
  const step = (objects.length - 1) / Math.max(1, n - 1);
  return [...new Set(Array.from({ length: n }, (_, i) => objects[Math.round(i * step)].Key))];
}

const TABULAR = /\.(csv|tsv|psv|tab|txt|dat)$/i;

/** Up to `n` objects that may be tables, those named like voter data first. */
export function tableKeys(objects: ListedObject[], n: number): string[] {
  const tables = objects.filter((o) => TABULAR.test(o.Key) && (o.Size ?? 1) > 0);
  const ranked = [...tables.filter((o) => keyLooksLikeVoterData(o.Key)), ...tables.filter((o) => !keyLooksLikeVoterData(o.Key))];
  return ranked.slice(0, Math.max(0, n)).map((o) => o.Key);
}

/** Up to `n` objects, in listing order, whose first bytes may say what their name does not: never tables, never empty ones. */
export function magicKeys(objects: ListedObject[], n: number): string[] {
  return objects
    .filter((o) => nameNeedsMagic(o.Key) && !TABULAR.test(o.Key) && (o.Size ?? 1) > 0)
    .slice(0, Math.max(0, n))
    .map((o) => o.Key);
}

/** The total size from a Content-Range header ("bytes 0-65535/123456"). */
const totalSize = (contentRange?: string) => {
  const m = /\/(\d+)$/.exec(contentRange ?? '');
  return m ? Number(m[1]) : undefined;
};

/**
 * Reads the first 64 KB of an object (a ranged GET, and never more even if the server
 * ignores the range) and keeps its column names, row shapes and average row size; undefined
 * when it is not a table.
 */
export async function sampleTable(client: S3Client, Bucket: string, Key: string, abortSignal?: AbortSignal): Promise<ObjectSample | undefined> {
  const { chunk, ended, total } = await firstBytes(client, Bucket, Key, TABLE_CHUNK_BYTES, abortSignal);
  const complete = total !== undefined ? total <= TABLE_CHUNK_BYTES : ended;
  const shapes = tableShapes(chunk, complete);
  // The classifier's own reading adds what the collection script's awk does not give: the
  // average row size (for a row estimate) and fixed-width text, cut at a published layout.
  const more = tableEvidence(chunk, total ?? (complete ? chunk.length : Number.MAX_SAFE_INTEGER));
  const rowBytes = more?.rowBytes !== undefined ? { rowBytes: Math.round(more.rowBytes * 10) / 10 } : {};
  if (shapes) return { key: Key, ...shapes, ...rowBytes };
  if (more?.format !== 'fixed-width' || more.lineLength === undefined) return undefined;
  return {
    key: Key,
    ...(more.header ? { header: more.header } : {}),
    rowShapes: more.rowShapes.slice(0, SAMPLE_ROWS),
    lineLength: more.lineLength,
    ...rowBytes,
  };
}

/**
 * Reads the first MAGIC_BYTES of an object and keeps the kind they show (a dump, a key ...),
 * never a byte; undefined when they show none.
 */
export async function sampleMagic(client: S3Client, Bucket: string, Key: string, abortSignal?: AbortSignal): Promise<ObjectSample | undefined> {
  const magic = fileMagic((await firstBytes(client, Bucket, Key, MAGIC_BYTES, abortSignal)).chunk);
  return magic ? { key: Key, magic } : undefined;
}

/** A ranged GET of an object's first `n` bytes, never more even if the server ignores the range. */
async function firstBytes(client: S3Client, Bucket: string, Key: string, n: number, abortSignal?: AbortSignal) {
  const out = await client.send(new GetObjectCommand({ Bucket, Key, Range: `bytes=0-${n - 1}` }), { abortSignal });
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = true;
  for await (const part of (out.Body ?? []) as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(part));
    size += part.length;
    if (size >= n) {
      ended = false;
      break;
    }
  }
  return { chunk: Buffer.concat(chunks).subarray(0, n), ended, total: totalSize(out.ContentRange) };
}
