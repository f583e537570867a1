import { allowsAction, asStrings, coversObjects, effectOf, statementsOf } from '../../exposure/policy';
import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

/** A Deny of plain-HTTP requests: aws:SecureTransport false, covering reads and writes of objects. */
function isTlsDeny(st: ReturnType<typeof statementsOf>[number], bucket: string): boolean {
  if (effectOf(st) !== 'deny' || !st.Condition || typeof st.Condition !== 'object') return false;
  const denied = Object.entries(st.Condition).some(
    ([op, block]) =>
      /^bool(ifexists)?$/i.test(op) &&
      Object.entries(block && typeof block === 'object' ? block : {}).some(
        ([k, v]) => k.toLowerCase() === 'aws:securetransport' && asStrings(v).some((x) => x.toLowerCase() === 'false'),
      ),
  );
  const principalAll = st.Principal === '*' || (typeof st.Principal === 'object' && st.Principal !== null && [(st.Principal as { AWS?: unknown }).AWS].flat().includes('*'));
  return denied && principalAll && allowsAction(st, 's3:GetObject') && allowsAction(st, 's3:PutObject') && coversObjects(st, bucket).prefixes.includes('*');
}

export const bucketSecureTransport = bucketCheck(
  {
    id: 's3.bucket.secure-transport',
    title: 'Encrypted connections required',
    severity: 'medium',
    category: 'protection',
    whatItMeans: 'The bucket does not refuse unencrypted (plain HTTP) connections, so files can cross the network readable by anyone in between.',
    whyItMatters: 'Voter data should never travel unencrypted; a bucket policy that denies non-TLS requests guarantees it.',
    references: ['CIS AWS Foundations 2.1.1', 'NIST SP 800-53 SC-8', 'Prowler s3_bucket_secure_transport_policy'],
  },
  (bucket) => {
    const o = bucket.policy;
    if (o.kind === 'none') {
      return { status: 'fail', detail: `Bucket ${bucket.name} has no bucket policy, so it accepts plain HTTP requests.`, evidence: { policy: 'none' } };
    }
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} refuses plain HTTP`, o);
    const st = statementsOf(o.value).find((s) => isTlsDeny(s, bucket.name));
    if (st) return { status: 'pass', detail: `Bucket ${bucket.name} denies every request not made over TLS.`, evidence: { statement: st } };
    return {
      status: 'fail',
      detail: `Bucket ${bucket.name}'s policy has no statement denying requests without TLS (aws:SecureTransport false) for reads and writes of all objects.`,
      evidence: { policy: o.value },
    };
  },
);
