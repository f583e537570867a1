import type { Inventory } from '../collect/inventory';
import { CancelledError } from '../errors';
import { CHECKS } from './registry';
import { bucketRef, SEVERITIES, STATUSES, type Check, type CheckContext, type CheckMeta, type Finding, type ResourceVerdict, type Severity, type Verdict } from './types';

export interface EvaluateOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  checks?: readonly Check[];
}

/** A check's verdict on one resource, as a finding. */
export const findingOf = (c: Check, resource: Finding['resource'], v: Verdict): Finding => ({
  checkId: c.meta.id,
  status: v.status,
  severity: v.severity ?? c.meta.severity,
  resource,
  title: c.meta.title,
  detail: v.detail,
  evidence: v.evidence ?? {},
  references: c.meta.references,
});

/** Runs every check on the inventory: one finding per (check, resource), passes included. */
export function evaluate(inventory: Inventory, opts: EvaluateOptions = {}): Finding[] {
  const checks = opts.checks ?? CHECKS;
  const ctx: CheckContext = { inventory, account: inventory.account };
  const findings: Finding[] = [];
  const push = (c: Check, resource: Finding['resource'], v: Verdict) => findings.push(findingOf(c, resource, v));
  // A check that cannot evaluate odd evidence says so; it never passes by accident.
  const failed = (e: unknown): Verdict => ({
    status: 'unknown',
    detail: `The check could not evaluate this evidence: ${(e as Error).message}`,
    evidence: { error: String(e) },
  });
  const guarded = (f: () => Verdict): Verdict => {
    try {
      return f();
    } catch (e) {
      return failed(e);
    }
  };

  const account = { type: 'account' as const, id: inventory.account.accountId, name: `AWS account ${inventory.account.accountId}` };
  for (const c of checks) {
    if (c.kind === 'account') push(c, account, guarded(() => c.evaluate(ctx)));
  }
  const total = inventory.buckets.length;
  inventory.buckets.forEach((b, i) => {
    if (opts.signal?.aborted) throw new CancelledError();
    for (const c of checks) {
      if (c.kind === 'bucket') push(c, bucketRef(b), guarded(() => c.evaluate(b, ctx)));
      if (c.kind === 'objects') {
        let results: ResourceVerdict[];
        try {
          results = c.evaluate(b, ctx);
        } catch (e) {
          results = [{ resource: bucketRef(b), verdict: failed(e) }];
        }
        for (const r of results) push(c, r.resource, r.verdict);
      }
    }
    opts.onProgress?.(i + 1, total);
  });
  return escalate(findings);
}

/** Reading or overwriting voter data is the emergency; a visible file list of it stays high. */
const ESCALATING = new Set(['s3.bucket.public-read', 's3.bucket.public-write']);

/** Exposure meeting voter data is the worst finding there is: both become critical. */
function escalate(findings: Finding[]): Finding[] {
  const voterBuckets = new Set(
    findings.filter((f) => f.checkId === 's3.bucket.voter-data' && f.status === 'fail').map((f) => f.resource.id),
  );
  const exposedBuckets = new Set(
    findings.filter((f) => ESCALATING.has(f.checkId) && f.status === 'fail').map((f) => f.resource.id),
  );
  for (const f of findings) {
    if (f.status !== 'fail') continue;
    if ((ESCALATING.has(f.checkId) && voterBuckets.has(f.resource.id)) || (f.checkId === 's3.bucket.voter-data' && exposedBuckets.has(f.resource.id))) {
      f.severity = 'critical';
      f.evidence = { ...f.evidence, escalated: 'Exposure and voter data meet in this bucket.' };
    } else if (f.checkId === 's3.bucket.sensitive-files' && exposedBuckets.has(f.resource.id)) {
      // A downloadable database dump or private key is as bad as the voter file it may hold or unlock.
      f.severity = 'critical';
      f.evidence = { ...f.evidence, escalated: 'Anyone on the internet can reach this bucket, and it holds dumps, backups or keys.' };
    }
  }
  return findings;
}

const CATEGORY_RANK = { exposure: 0, data: 1, protection: 2, hygiene: 3 } as const;

/** Sorting 100,000 findings compares them about two million times: look each check up once. */
let metas: Map<string, CheckMeta> | undefined;
const metaById = () => (metas ??= new Map(CHECKS.map((c) => [c.meta.id, c.meta])));

/**
 * The order a clerk reads findings in: what anyone can reach first (a public bucket, and a
 * voter file or a key on a drive, which whoever reaches the drive can copy), then what cannot
 * be known, then the rest by severity; passes last.
 */
export function readingOrder(a: Finding, b: Finding): number {
  return readingRank(a) - readingRank(b) || byName.compare(a.resource.name, b.resource.name) || byName.compare(a.checkId, b.checkId);
}

/** One number per finding (no arrays to allocate in a sort's two million comparisons); lower reads first. */
function readingRank(f: Finding): number {
  const meta = metaById().get(f.checkId);
  const escalated = f.evidence.escalated !== undefined;
  const reachable = meta?.category === 'exposure' || escalated || f.resource.type === 'file';
  const reach = f.status === 'fail' && reachable ? 0 : f.status === 'unknown' ? 1 : f.status === 'fail' ? 2 : 3;
  return (((reach * 2 + (escalated ? 0 : 1)) * 8 + SEVERITIES.indexOf(f.severity)) * 8 + CATEGORY_RANK[meta?.category ?? 'hygiene']) * 8 + STATUSES.indexOf(f.status);
}

/** localeCompare builds its collator on every call; one shared collator orders the same way. */
const byName = new Intl.Collator();

export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);
