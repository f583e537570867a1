import type { BucketInventory } from '../../collect/inventory';
import { bucketExposure, type ExposureKind } from '../../exposure/bucket-exposure';
import type { CheckContext, Verdict } from '../types';

const VERB: Record<ExposureKind, string> = {
  read: 'read its objects',
  list: 'list its objects',
  write: 'write, delete or change the permissions of its objects',
};

/** The verdict shared by the public-read, public-list and public-write checks. */
export function exposureVerdict(bucket: BucketInventory, ctx: CheckContext, kind: ExposureKind): Verdict {
  const e = bucketExposure(bucket, ctx.account, kind);
  const live = e.paths.filter((p) => !p.neutralizedBy);
  const neutralized = e.paths.filter((p) => p.neutralizedBy);
  const evidence: Record<string, unknown> = {};
  if (live.length) evidence.grants = live.map((p) => ({ via: p.via, what: p.what, grant: p.grant }));
  if (neutralized.length) {
    evidence.neutralized = neutralized.map((p) => ({ via: p.via, what: p.what, grant: p.grant, neutralizedBy: p.neutralizedBy }));
  }
  if (e.unreadable.length) evidence.unreadable = dedupe(e.unreadable);

  if (e.state === true) {
    return {
      status: 'fail',
      detail: `Anyone on the internet can ${VERB[kind]} in bucket ${bucket.name}: the ${live[0].via} ${live[0].what}.`,
      evidence,
    };
  }
  if (e.state === 'unknown') {
    return {
      status: 'unknown',
      detail: `Cannot tell whether anyone on the internet can ${VERB[kind]} in bucket ${bucket.name}: ${[...new Set(e.reasons)].join('; ')}.`,
      evidence,
    };
  }
  const note = neutralized.length
    ? ` A public grant exists (${neutralized[0].via}) but Block Public Access takes it away: ${neutralized[0].neutralizedBy}.`
    : '';
  return { status: 'pass', detail: `No one outside the account can ${VERB[kind]} in bucket ${bucket.name}.${note}`, evidence };
}

function dedupe<T>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = JSON.stringify(x);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}
