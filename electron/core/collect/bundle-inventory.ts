import { createReadStream, statSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { BundleFiles } from './bundle-files';
import type { BucketInventory } from './inventory';
import { readInventoryReport, type InventoryReport } from './inventory-report';

/** Opens a bundle file as a stream: from disk for a folder (an inventory can be gigabytes), else from the bytes already read. */
export type StreamOpener = (rel: string) => Promise<Readable>;

export function bundleStreams(p: string, files: BundleFiles): StreamOpener {
  let folder = false;
  try {
    folder = statSync(p).isDirectory();
  } catch {
    // openBundleFiles has already said what is wrong with p.
  }
  if (folder) return async (rel) => createReadStream(path.join(p, ...rel.split('/')));
  return memoryStreams(files);
}

export const memoryStreams =
  (files: BundleFiles): StreamOpener =>
  async (rel) =>
    Readable.from([(await files.read(rel)) ?? Buffer.alloc(0)]);

/** The files of each bucket's inventory folder (buckets/NAME/inventory/...), by bucket, found in one pass. */
export function inventoryFolders(all: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of all) {
    const m = /^buckets\/([^/]+)\/inventory\/(.+)$/.exec(f);
    if (m) out.set(m[1], [...(out.get(m[1]) ?? []), m[2]]);
  }
  return out;
}

/** The S3 Inventory report in buckets/NAME/inventory/, if the bundle holds one. */
export async function readBundleInventory(
  files: BundleFiles,
  inside: string[] | undefined,
  bucket: string,
  stream: StreamOpener,
): Promise<InventoryReport | undefined> {
  if (!inside) return undefined;
  const dir = `buckets/${bucket}/inventory/`;
  return readInventoryReport(
    {
      label: `${files.label}/${dir.slice(0, -1)}`,
      manifestRel: `${dir}manifest.json`,
      list: () => inside,
      read: async (rel) => (await files.read(dir + rel)) ?? Buffer.alloc(0),
      stream: (rel) => stream(dir + rel),
    },
    bucket,
  );
}

type Objects = BucketInventory['objects'];

/**
 * The bucket's objects with the report's matching keys added. A complete listing still says
 * the sample holds every object; otherwise the sample is every object only when the report
 * kept them all.
 */
export function withInventory(objects: Objects, report: InventoryReport): Objects {
  const listed = objects.kind === 'value' ? objects.value.sample : [];
  const seen = new Set(listed.map((o) => o.key));
  const sample = [...listed, ...report.kept.filter((o) => !seen.has(o.key))];
  const complete = objects.kind === 'value' && !objects.value.truncated;
  return { kind: 'value', value: { sample, truncated: !complete && report.summary.kept < report.summary.objects, inventory: report.summary } };
}
