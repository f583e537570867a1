import { asStrings } from '../../exposure/policy';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

interface Rule {
  ID?: string;
  Status?: string;
  Destination?: { Bucket?: string; Account?: string };
}

export const bucketReplication = bucketCheck(
  {
    id: 's3.bucket.replication',
    title: 'Replication to a second copy',
    severity: 'info',
    category: 'hygiene',
    whatItMeans: 'New files in this bucket are not copied automatically to a second bucket (another region or another account).',
    whyItMatters:
      'A copy kept elsewhere, ideally in a separate account, lets the county recover election records after an outage, a mistaken deletion or a compromised account.',
    references: ['NIST SP 800-53 CP-9', 'NIST SP 800-53 CP-6', 'Prowler s3_bucket_cross_region_replication'],
  },
  (bucket) => {
    const o = bucket.replication;
    if (o.kind === 'none') return { status: 'fail', detail: `Bucket ${bucket.name} is not replicated.`, evidence: { replication: 'none' } };
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} is replicated`, o);
    const rules = (Array.isArray(o.value.Rules) ? o.value.Rules : []) as Rule[];
    const enabled = rules.filter((r) => r.Status === 'Enabled');
    if (enabled.length === 0) return { status: 'fail', detail: `Bucket ${bucket.name} has replication rules, but none is enabled.`, evidence: { replication: o.value } };
    const where = [
      ...new Set(enabled.map((r) => `${asStrings(r.Destination?.Bucket)[0] ?? 'an unnamed bucket'}${r.Destination?.Account ? ` in account ${r.Destination.Account}` : ''}`)),
    ].join(', ');
    return { status: 'pass', detail: `Bucket ${bucket.name} replicates to ${where}.`, evidence: { rules: enabled } };
  },
);
