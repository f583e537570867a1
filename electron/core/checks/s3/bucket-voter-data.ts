import { keyLooksLikeVoterData } from '../../discovery/voter-columns';
import { classifyTable, layoutWords, type VoterFileVerdict } from '../../discovery/voter-file';
import type { ObjectSample } from '../../collect/inventory';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

export const bucketVoterData = bucketCheck(
  {
    id: 's3.bucket.voter-data',
    title: 'Voter registration data in the bucket',
    severity: 'high',
    category: 'data',
    whatItMeans: 'Files in this bucket look like voter registration records (names, addresses, birth dates, voter ids).',
    whyItMatters:
      'Voter records carry personal data protected by state law; where they are stored decides how carefully the bucket must be locked down.',
    references: ['NIST SP 800-53 RA-2', 'NIST SP 800-53 PM-5(1)', 'CISA Election Infrastructure Security guidance'],
  },
  (bucket) => {
    const samples = bucket.objectSamples.kind === 'value' ? bucket.objectSamples.value : [];
    const sizes = new Map(bucket.objects.kind === 'value' ? bucket.objects.value.sample.map((o) => [o.key, o.size] as const) : []);
    const judged = samples.map((s) => ({ key: s.key, verdict: verdictOf(s, sizes.get(s.key)) }));
    const voter = judged.filter((s) => s.verdict.isVoterFile);
    if (voter.length) {
      const first = voter[0].verdict;
      return {
        status: 'fail',
        detail: `Bucket ${bucket.name} holds what looks like a voter registration extract (${voter[0].key}): ${first.reason}${first.columns.length ? ` (${first.columns.slice(0, 8).join(', ')}${first.columns.length > 8 ? ', ...' : ''})` : ''}${first.layout ? `; ${layoutWords(first.layout)}` : ''}${first.rowEstimate ? `; about ${first.rowEstimate.toLocaleString('en-US')} rows` : ''}.`,
        // Column names, the layout and a row estimate: never a value.
        evidence: {
          objects: voter.map(({ key, verdict: v }) => ({
            key,
            columns: v.columns,
            ...(v.layout ? { layout: v.layout } : {}),
            ...(v.rowEstimate !== undefined ? { rowEstimate: v.rowEstimate } : {}),
            reason: v.reason,
          })),
        },
      };
    }
    if (bucket.objects.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} holds voter data`, bucket.objects);
    // A table whose header the classifier read and cleared is not voter data because of its name.
    const negatives = new Set(samples.filter((s) => s.header).map((s) => s.key));
    const named = bucket.objects.value.sample.filter((o) => keyLooksLikeVoterData(o.key) && !negatives.has(o.key));
    if (named.length) {
      return {
        status: 'fail',
        detail: `Bucket ${bucket.name} has files whose names point to voter data (${named.slice(0, 3).map((o) => o.key).join(', ')}); their contents were not sampled.`,
        evidence: { objects: named.slice(0, 20).map((o) => ({ key: o.key, size: o.size, signal: 'file name' })) },
      };
    }
    const n = bucket.objects.value.sample.length;
    return {
      status: 'pass',
      detail: `No voter data found among the ${n} sampled object${n === 1 ? '' : 's'} of bucket ${bucket.name}${bucket.objects.value.truncated ? ' (the listing was truncated)' : ''}.`,
      evidence: { sampled: n, truncated: bucket.objects.value.truncated },
    };
  },
);

/**
 * What the sample says of one object: its header or row shapes, read by the one classifier.
 * A sample does not record its delimiter, which the verdict does not depend on.
 */
function verdictOf(s: ObjectSample, size: number | undefined): VoterFileVerdict {
  return classifyTable(
    {
      format: s.lineLength !== undefined ? 'fixed-width' : 'csv',
      ...(s.header ? { header: s.header } : {}),
      rowShapes: s.rowShapes ?? [],
      ...(s.lineLength !== undefined ? { lineLength: s.lineLength } : {}),
      ...(s.rowBytes !== undefined ? { rowBytes: s.rowBytes } : {}),
    },
    { name: s.key, totalBytes: size ?? 0 },
  );
}
