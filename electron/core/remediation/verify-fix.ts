import { evaluate } from '../checks/engine';
import type { Finding } from '../checks/types';
import { memoryFiles } from '../collect/bundle-files';
import { readEvidenceFiles } from '../collect/evidence-bundle';
import { evidenceKind, readEvidence } from '../collect/evidence-source';
import type { Inventory } from '../collect/inventory';
import { readLiveEvidence } from '../collect/live/read-live';
import type { LiveOptions } from '../collect/live/live-options';
import { InputError } from '../errors';
import { appendLog } from '../store/audit-log';
import type { Db } from '../store/db';
import type { StoredFinding } from '../store/findings';
import type { EditContext } from './work';
import { ensureWork, requireAudit } from './work-store';

export type VerifySource = { kind: 'live'; options: LiveOptions } | { kind: 'evidence'; path: string };

export interface VerifyResult {
  status: Finding['status'];
  detail: string;
  /** True when this attempt closed the finding. */
  closed: boolean;
}

/** The bucket a finding is about (an object's bucket), or none for the account. */
function bucketOf(f: StoredFinding): string | undefined {
  if (f.resource.type === 'bucket') return f.resource.name;
  if (f.resource.type === 'object') return f.resource.name.split('/')[0];
  return undefined;
}

async function readSource(source: VerifySource, bucket: string | undefined, signal?: AbortSignal): Promise<{ inventory: Inventory; ref: string }> {
  if (source.kind === 'evidence') return { inventory: await readEvidence(source.path, { signal }), ref: source.path };
  const live = await readLiveEvidence({ ...source.options, onlyBuckets: bucket ? [bucket] : [] }, { signal });
  return {
    inventory: await readEvidenceFiles(memoryFiles(`live read of ${live.source}`, live.files), { signal }),
    ref: live.identityArn ? `${live.source} as ${live.identityArn}` : live.source,
  };
}

/**
 * Re-runs the finding's check on its resource, live or from newly collected evidence, and
 * closes the finding only if the check now passes. Every attempt is kept, pass or not. A
 * source that cannot be read changes nothing and says why.
 */
export async function verifyFix(
  db: Db,
  v: { auditId: string; seq: number; source: VerifySource },
  c: EditContext & { signal?: AbortSignal },
): Promise<VerifyResult> {
  const audit = requireAudit(db, v.auditId);
  const { finding } = db.transaction(() => ensureWork(db, v.auditId, v.seq, c.catalogue))();
  if (finding.resource.type === 'file') throw new InputError('a finding on a local file is verified by scanning its folder again');
  const bucket = bucketOf(finding);
  const { inventory, ref } = await readSource(v.source, bucket, c.signal);
  const accounts = audit.accountId.split(', ').filter(Boolean);
  if (accounts.length && !accounts.includes(inventory.account.accountId)) {
    throw new InputError(`that evidence is of AWS account ${inventory.account.accountId}, but this audit is of ${accounts.join(', ')}: nothing was recorded`);
  }
  const again = evaluate(inventory).find((f) => f.checkId === finding.checkId && f.resource.id === finding.resource.id);
  const status: Finding['status'] = again?.status ?? 'unknown';
  const detail = again?.detail ?? `${finding.resource.name} is not in that ${v.source.kind === 'live' ? 'account' : 'evidence'} any more, so the check could not run on it.`;
  const closed = status === 'pass';
  const at = (c.now ?? (() => new Date()))().toISOString();
  const sourceKind = v.source.kind === 'live' ? 'live' : evidenceKind(v.source.path);
  db.transaction(() => {
    db.prepare('INSERT INTO verifications (audit_id, finding_seq, at, by, source_kind, source_ref, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      v.auditId,
      v.seq,
      at,
      c.actor,
      sourceKind,
      ref,
      status,
      detail,
    );
    // A pass closes the finding; a fail after an earlier pass reopens it; "unknown" proves neither.
    if (status === 'pass' || status === 'fail') db.prepare('UPDATE finding_work SET closed_at = ? WHERE audit_id = ? AND finding_seq = ?').run(closed ? at : null, v.auditId, v.seq);
    appendLog(db, { at, actor: c.actor, action: 'finding.verified', auditId: v.auditId, findingSeq: v.seq, payload: { sourceKind, sourceRef: ref, status, closed } });
  })();
  return { status, detail, closed };
}
