import { classifyHeader, keyLooksLikeVoterData } from '../../discovery/voter-columns';
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
    const byHeader = samples
      .filter((s) => s.header)
      .map((s) => ({ key: s.key, verdict: classifyHeader(s.header ?? []) }))
      .filter((s) => s.verdict.isVoterFile);
    if (byHeader.length) {
      return {
        status: 'fail',
        detail: `Bucket ${bucket.name} holds what looks like a voter registration extract (${byHeader[0].key}): its columns name ${Object.keys(byHeader[0].verdict.matched).join(', ')}.`,
        evidence: { objects: byHeader.map((b) => ({ key: b.key, columnsByKind: b.verdict.matched })) },
      };
    }
    if (bucket.objects.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} holds voter data`, bucket.objects);
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
