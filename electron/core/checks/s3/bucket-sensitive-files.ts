import { isMagicKind, MAGIC_KINDS } from '../../discovery/file-magic';
import { whyUnreadable } from '../../collect/observed';
import { sensitiveKind } from '../../discovery/sensitive-names';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

interface Found {
  key: string;
  size: number;
  kind: string;
  /** What the first bytes showed ("PostgreSQL custom-format dump ..."), when they were read. */
  content?: string;
  signal: 'file name' | 'first bytes';
}

export const bucketSensitiveFiles = bucketCheck(
  {
    id: 's3.bucket.sensitive-files',
    title: 'Database dumps, backups or keys in the bucket',
    severity: 'high',
    category: 'data',
    whatItMeans:
      'Files in this bucket are database dumps, backups, private keys or password and credential files, by their names or by their first bytes.',
    whyItMatters:
      'One such file can hold the whole voter registration database or the keys to other systems. They need the tightest protection, or belong somewhere else entirely.',
    references: ['NIST SP 800-53 IA-5(7)', 'NIST SP 800-53 SC-12', 'NIST SP 800-53 SC-28', 'NIST SP 800-53 CP-9'],
  },
  (bucket) => {
    const o = bucket.objects;
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} holds dumps, backups or keys`, o);
    // The first bytes of files whose name does not say what they are: the content settles it.
    const samples = bucket.objectSamples.kind === 'value' ? bucket.objectSamples.value : [];
    const magic = new Map(samples.flatMap((s) => (s.magic && isMagicKind(s.magic) ? [[s.key, MAGIC_KINDS[s.magic]] as const] : [])));
    const found: Found[] = [];
    const archives: Array<{ key: string; content: string }> = [];
    for (const obj of o.value.sample) {
      const m = magic.get(obj.key);
      if (m && m.category !== 'archive') {
        found.push({ key: obj.key, size: obj.size, kind: m.category, content: m.description, signal: 'first bytes' });
        continue;
      }
      const kind = sensitiveKind(obj.key);
      if (kind) found.push({ key: obj.key, size: obj.size, kind, signal: 'file name' });
      else if (m) archives.push({ key: obj.key, content: m.description });
    }
    const n = o.value.sample.length;
    const inventory = o.value.inventory;
    const scope = inventory
      ? `the ${inventory.objects.toLocaleString('en-US')} objects of its S3 Inventory report${inventory.createdAt ? ` of ${inventory.createdAt}` : ''}`
      : `the ${n} sampled object${n === 1 ? '' : 's'}${o.value.truncated ? ' (the listing was truncated)' : ''}`;
    // Keys, kinds and sizes only: never a byte of any file.
    const common = {
      sampled: n,
      truncated: o.value.truncated,
      ...(inventory ? { inventory } : {}),
      ...(archives.length ? { archives: archives.slice(0, 20) } : {}),
    };
    if (found.length) {
      return {
        status: 'fail',
        detail: `Bucket ${bucket.name} holds ${found.length} database dump, backup or key file${found.length === 1 ? '' : 's'}: ${found
          .slice(0, 4)
          .map((f) => `${f.key} (${f.content ? `${f.content}, by its first bytes` : f.kind})`)
          .join(', ')}${found.length > 4 ? ', ...' : ''}.`,
        evidence: { files: found.slice(0, 50), ...common },
      };
    }
    const note = archives.length
      ? ` ${archives.length} file${archives.length === 1 ? ' is an archive' : 's are archives'} (${archives.slice(0, 3).map((a) => a.key).join(', ')}) whose contents were not read.`
      : '';
    // Only what was read is vouched for: without samples, names alone were judged.
    const bytes =
      bucket.objectSamples.kind === 'value'
        ? ', and none of the files whose first bytes were read is one'
        : ` (no file's first bytes were read: ${whyUnreadable(bucket.objectSamples)})`;
    return {
      status: 'pass',
      detail: `In bucket ${bucket.name}, none of ${scope} is named like a database dump, backup, key or credential file${bytes}.${note}`,
      evidence: common,
    };
  },
);
