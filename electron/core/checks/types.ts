import type { AccountInventory, BucketInventory, Inventory } from '../collect/inventory';
import type { LocalInventory } from '../local/local-inventory';

export const STATUSES = ['fail', 'unknown', 'pass', 'not_applicable'] as const;
export type Status = (typeof STATUSES)[number];
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Exposure leads a clerk's screen, then what could not be known, then protections, then hygiene. */
export type Category = 'exposure' | 'data' | 'protection' | 'hygiene';

export interface CheckMeta {
  id: string;
  /** Short name of what is checked, e.g. "Objects readable by anyone". */
  title: string;
  severity: Severity;
  category: Category;
  /**
   * What the check runs on. An objects check runs on a bucket and gives one finding per
   * sampled object (each finding's resource says 'object').
   */
  /** What its findings are about: sampled-object checks run per bucket and report objects. */
  resourceType: 'account' | 'bucket' | 'object' | 'file';
  /** One plain sentence a clerk understands: what a failure means. */
  whatItMeans: string;
  /** Why it matters for voter data. */
  whyItMatters: string;
  references: string[];
}

export interface Verdict {
  status: Status;
  /** One or two sentences naming the resource and the reason. */
  detail: string;
  /** What the verdict rests on: the statement, grant or setting, or the call that failed. */
  evidence?: Record<string, unknown>;
  /** Severity for this resource when it differs from the check's (e.g. exposure meeting voter data). */
  severity?: Severity;
}

export interface CheckContext {
  inventory: Inventory;
  account: AccountInventory;
}

export interface AccountCheck {
  kind: 'account';
  meta: CheckMeta;
  evaluate(ctx: CheckContext): Verdict;
}
export interface BucketCheck {
  kind: 'bucket';
  meta: CheckMeta;
  evaluate(bucket: BucketInventory, ctx: CheckContext): Verdict;
}
/** A check that gives several verdicts per bucket, one per resource it names (sampled objects). */
export interface ObjectsCheck {
  kind: 'objects';
  meta: CheckMeta;
  evaluate(bucket: BucketInventory, ctx: CheckContext): ResourceVerdict[];
}
export interface ResourceVerdict {
  resource: ResourceRef;
  verdict: Verdict;
}
/** A check over a scanned folder: one verdict per file it has something to say about, and one for the folder. */
export interface FilesCheck {
  kind: 'files';
  meta: CheckMeta;
  evaluate(local: LocalInventory): ResourceVerdict[];
}
export type Check = AccountCheck | BucketCheck | ObjectsCheck | FilesCheck;
type MetaIn = Omit<CheckMeta, 'resourceType'>;

export const accountCheck = (meta: MetaIn, evaluate: AccountCheck['evaluate']): AccountCheck => ({
  kind: 'account',
  meta: { ...meta, resourceType: 'account' },
  evaluate,
});
export const bucketCheck = (meta: MetaIn, evaluate: BucketCheck['evaluate']): BucketCheck => ({
  kind: 'bucket',
  meta: { ...meta, resourceType: 'bucket' },
  evaluate,
});

export const objectsCheck = (meta: MetaIn, evaluate: ObjectsCheck['evaluate']): ObjectsCheck => ({
  kind: 'objects',
  meta: { ...meta, resourceType: 'object' },
  evaluate,
});

export const filesCheck = (meta: MetaIn, evaluate: FilesCheck['evaluate']): FilesCheck => ({
  kind: 'files',
  meta: { ...meta, resourceType: 'file' },
  evaluate,
});

export interface ResourceRef {
  type: 'account' | 'bucket' | 'object' | 'file';
  id: string;
  name: string;
}
export const bucketRef = (b: BucketInventory): ResourceRef => ({ type: 'bucket', id: `arn:aws:s3:::${b.name}`, name: b.name });
export const objectRef = (b: BucketInventory, key: string): ResourceRef => ({
  type: 'object',
  id: `arn:aws:s3:::${b.name}/${key}`,
  name: `${b.name}/${key}`,
});

/** A finding as design.md section 5 defines it: one per (check, resource), passes included. */
export interface Finding {
  checkId: string;
  status: Status;
  severity: Severity;
  resource: ResourceRef;
  title: string;
  detail: string;
  evidence: Record<string, unknown>;
  references: string[];
}
