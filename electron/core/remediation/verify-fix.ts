import { evaluate } from '../checks/engine';
import type { Finding } from '../checks/types';
import { memoryFiles } from '../collect/bundle-files';
import { readEvidenceFiles } from '../collect/evidence-bundle';
import { evidenceKind, readEvidence } from '../collect/evidence-source';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Inventory } from '../collect/inventory';
import { loadLive } from '../collect/live/load-live';
import type { LiveOptions } from '../collect/live/live-options';
import { evaluateLocal } from '../checks/local/evaluate-local';
import { InputError } from '../errors';
import { scanLocal } from '../local/scan-local';
import { appendLog } from '../store/audit-log';
import type { Db } from '../store/db';
import type { StoredFinding } from '../store/findings';
import type { EditContext } from './work';
import { ensureWork, requireAudit } from './work-store';

/** Where the check is re-run: the account live, newly collected evidence, or (a local file's finding) the file where it was found. */
export type VerifySource = { kind: 'live'; options: LiveOptions } | { kind: 'evidence'; path: string } | { kind: 'local' };

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

const exists = (p: string) => fs.stat(p).then((s) => s, () => undefined);

/**
 * A local finding re-checked on the file where it was found (an archive member: on its
 * archive). A file that is gone from a folder that is still there counts as fixed (deleting
 * or moving the file is what several checklists ask); a folder that is not there (a drive
 * not connected) proves nothing and is refused.
 */
async function verifyLocal(f: StoredFinding, signal?: AbortSignal): Promise<{ status: Finding['status']; detail: string; ref: string }> {
  const id = f.resource.id;
  // The file itself, or for "archive.zip!inner/x" the archive: the first prefix before a "!" that is a file.
  const cuts = [id, ...[...id.matchAll(/!/g)].map((m) => id.slice(0, m.index))];
  let file: string | undefined;
  for (const c of cuts.reverse()) if ((await exists(c))?.isFile()) file = c;
  if (!file) {
    const dir = path.dirname(cuts[cuts.length - 1] ?? id);
    if (!(await exists(dir))?.isDirectory()) throw new InputError(`${dir} cannot be reached (is the drive or share connected?): nothing was recorded`);
    return { status: 'pass', detail: `${f.resource.name} is no longer in ${dir}.`, ref: id };
  }
  const inv = await scanLocal(file, { workers: 0, signal });
  const again = evaluateLocal(inv).filter((x) => x.checkId === f.checkId);
  const failing = again.find((x) => x.status === 'fail' && x.resource.id === id);
  if (failing) return { status: 'fail', detail: failing.detail, ref: file };
  const unknown = again.find((x) => x.status === 'unknown');
  if (unknown) return { status: 'unknown', detail: unknown.detail, ref: file };
  return { status: 'pass', detail: `${f.resource.name} no longer holds what was found.`, ref: file };
}

async function readSource(source: Exclude<VerifySource, { kind: 'local' }>, bucket: string | undefined, signal?: AbortSignal): Promise<{ inventory: Inventory; ref: string }> {
  if (source.kind === 'evidence') return { inventory: await readEvidence(source.path, { signal }), ref: source.path };
  const { readLiveEvidence } = await loadLive();
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
  if ((finding.resource.type === 'file') !== (v.source.kind === 'local')) {
    throw new InputError(finding.resource.type === 'file' ? 'a finding on a local file is verified on that file' : 'a cloud finding is verified live or from newly collected evidence');
  }
  let status: Finding['status'];
  let detail: string;
  let ref: string;
  if (v.source.kind === 'local') {
    ({ status, detail, ref } = await verifyLocal(finding, c.signal));
  } else {
    const read = await readSource(v.source, bucketOf(finding), c.signal);
    ref = read.ref;
    const accounts = audit.accountId.split(', ').filter(Boolean);
    if (accounts.length && !accounts.includes(read.inventory.account.accountId)) {
      throw new InputError(`that evidence is of AWS account ${read.inventory.account.accountId}, but this audit is of ${accounts.join(', ')}: nothing was recorded`);
    }
    const again = evaluate(read.inventory).find((f) => f.checkId === finding.checkId && f.resource.id === finding.resource.id);
    status = again?.status ?? 'unknown';
    detail = again?.detail ?? `${finding.resource.name} is not in that ${v.source.kind === 'live' ? 'account' : 'evidence'} any more, so the check could not run on it.`;
  }
  const closed = status === 'pass';
  const at = (c.now ?? (() => new Date()))().toISOString();
  const sourceKind = v.source.kind === 'evidence' ? evidenceKind(v.source.path) : v.source.kind;
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
