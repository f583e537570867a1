import { z } from 'zod';
import { isEndpointUrl } from './endpoint-url';

/**
 * The one contract between the page and the core (design.md section 2). Every method has an
 * input and an output schema; every event has a payload schema. main.ts binds the router to
 * ipcMain, preload.ts builds window.canvass from METHOD_NAMES, and the tests bind the same
 * router to a real Chromium page.
 */

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an audit id');
const text = (max: number) => z.string().trim().min(1).max(max);
const status = z.enum(['fail', 'pass', 'unknown', 'not_applicable']);
const severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);

/** Printable ASCII without spaces: what access keys, secrets and session tokens are made of. */
const keyText = (min: number, max: number, what: string) =>
  z.string().min(min).max(max).regex(/^[\x21-\x7e]+$/, `must be ${what}`);

/**
 * How a live read signs in and where it goes (LiveOptions in core/collect/live). Typed keys
 * live in the main process's memory for the one call. zod's messages name the field and the
 * rule, never the value given, so a refused secret is not echoed back.
 */
const liveFields = {
  profile: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[^\u0000-\u001f\u007f[\]]+$/, 'must be a profile name')
    .optional(),
  region: z
    .string()
    .max(32)
    .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must be an AWS region, for example us-east-1')
    .optional(),
  endpoint: z.string().min(1).max(2048).refine(isEndpointUrl, 'must be an http:// or https:// URL without a user name or password').optional(),
  pathStyle: z.boolean().optional(),
  credentials: z
    .object({
      accessKeyId: keyText(3, 128, 'an access key id'),
      secretAccessKey: keyText(8, 256, 'a secret access key'),
      sessionToken: keyText(1, 8192, 'a session token').optional(),
    })
    .strict()
    .optional(),
};
type LiveFields = { profile?: string; credentials?: object; pathStyle?: boolean; endpoint?: string };
const oneSignIn = (s: LiveFields) => !(s.profile && s.credentials);
const pathStyleNeedsEndpoint = (s: LiveFields) => !s.pathStyle || !!s.endpoint;
const signInMessage = { message: 'give a profile or typed keys, not both' };
const pathStyleMessage = { message: 'pathStyle goes with an endpoint', path: ['pathStyle'] };

/** A live connection: for Test connection and Collect evidence only. */
const liveConnectionSchema = z.object(liveFields).strict().refine(oneSignIn, signInMessage).refine(pathStyleNeedsEndpoint, pathStyleMessage);

/**
 * A folder, drive or share to scan, as the folder dialog gives it: absolute (POSIX, a Windows
 * drive or a UNC share), since a relative path would be read against wherever the app runs.
 */
const localPath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)[^\u0000]*$/, 'must be an absolute path to a folder');

export const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }).strict(),
  z.object({ kind: z.literal('evidence'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('local'), path: localPath }).strict(),
  z.object({ kind: z.literal('live'), ...liveFields }).strict().refine(oneSignIn, signInMessage).refine(pathStyleNeedsEndpoint, pathStyleMessage),
]);

export const findingSchema = z.object({
  seq: z.number().int(),
  checkId: z.string(),
  status,
  severity,
  resource: z.object({ type: z.enum(['account', 'bucket', 'object', 'file']), id: z.string(), name: z.string() }),
  title: z.string(),
  detail: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  references: z.array(z.string()),
});

export const summarySchema = z.object({
  buckets: z.number(),
  publicRead: z.array(z.string()),
  publicWrite: z.array(z.string()),
  publicList: z.array(z.string()),
  voterData: z.array(z.string()),
  publicVoterData: z.array(z.string()),
  exposureUnknown: z.array(z.string()),
  counts: z.object({ fail: z.number(), pass: z.number(), unknown: z.number(), not_applicable: z.number() }),
  failsBySeverity: z.record(severity, z.number()),
});

export const auditSchema = z.object({
  id: z.string(),
  jurisdiction: z.string(),
  auditor: z.string(),
  status: z.enum(['complete', 'cancelled', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  checksVersion: z.string(),
  accountId: z.string(),
  collectedAt: z.string().nullable(),
  sources: z.array(z.object({ kind: z.string(), ref: z.string() })),
  counts: z.object({ fail: z.number(), pass: z.number(), unknown: z.number(), not_applicable: z.number() }),
});

export const checkMetaSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity,
  category: z.enum(['exposure', 'data', 'protection', 'hygiene']),
  resourceType: z.enum(['account', 'bucket', 'object', 'file']),
  whatItMeans: z.string(),
  whyItMatters: z.string(),
  references: z.array(z.string()),
});

const none = z.object({}).strict();

// ---------------------------------------------------------------------------------------
// Working a finding (core/remediation): checklists, steps, people, files, sign-off, verify fix.

const seq = z.number().int().min(1).max(10_000_000);
/** Who is at the keyboard ("Working as" on the page): recorded with every change and in the audit trail. */
const actor = text(200);
const revision = z.number().int().min(0).max(1_000_000_000);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');
const stepState = z.enum(['open', 'done', 'not_applicable', 'blocked']);
const workStatus = z.enum(['open', 'in_progress', 'ready_to_sign', 'signed_off', 'fixed']);
const carry = z.enum(['first', 'new', 'still_open', 'fixed']);
const role = z.enum(['clerk', 'county IT', 'vendor']);
const findingRef = { auditId: id, seq };

/** Where a fix is verified from: newly collected evidence, the account itself read live, or (a local file's finding) that file. */
const verifySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('evidence'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('local') }).strict(),
  z.object({ kind: z.literal('live'), ...liveFields }).strict().refine(oneSignIn, signInMessage).refine(pathStyleNeedsEndpoint, pathStyleMessage),
]);

const filledStepSchema = z.object({
  n: z.number(),
  title: z.string(),
  do: z.string(),
  who: z.array(role),
  changes: z.boolean(),
  manual: z.boolean().optional(),
  console: z.string().optional(),
  cli: z.array(z.string()).optional(),
  caution: z.string().optional(),
  /** Blanks the person doing the step fills in, e.g. "<LOG_BUCKET>". */
  missing: z.array(z.string()),
});

export const checklistViewSchema = z.object({
  checkId: z.string(),
  version: z.string(),
  title: z.string(),
  meaning: z.string(),
  whyItMatters: z.string(),
  who: z.array(role),
  inputs: z.array(z.object({ name: z.string(), meaning: z.string(), example: z.string() })).optional(),
  files: z.array(z.object({ name: z.string(), about: z.string(), content: z.string().optional() })),
  steps: z.array(filledStepSchema),
  verify: z.object({ do: z.string(), cli: z.array(z.string()).optional(), rescan: z.string(), missing: z.array(z.string()) }),
  election: z.array(z.string()).optional(),
  references: z.array(z.string()),
});

export const stepViewSchema = z.object({
  n: z.number(),
  state: stepState,
  reason: z.string(),
  revision: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export const findingWorkSchema = z.object({
  auditId: z.string(),
  jurisdiction: z.string(),
  finding: findingSchema,
  carry,
  carriedFrom: z.string().nullable(),
  checklist: checklistViewSchema.nullable(),
  steps: z.array(stepViewSchema),
  assignee: z.string().nullable(),
  dueDate: z.string().nullable(),
  revision: z.number(),
  status: workStatus,
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  notes: z.array(z.object({ id: z.number(), at: z.string(), author: z.string(), text: z.string() })),
  attachments: z.array(z.object({ id: z.number(), at: z.string(), addedBy: z.string(), name: z.string(), size: z.number(), sha256: z.string() })),
  signoff: z.object({ name: z.string(), role: z.string(), at: z.string() }).nullable(),
  verifications: z.array(z.object({ at: z.string(), by: z.string(), sourceKind: z.string(), sourceRef: z.string(), status: z.string(), detail: z.string() })),
});

export const boardSchema = z.object({
  auditId: z.string(),
  jurisdiction: z.string(),
  auditStatus: z.enum(['complete', 'cancelled', 'failed']),
  items: z.array(
    z.object({
      seq: z.number(),
      checkId: z.string(),
      title: z.string(),
      severity,
      findingStatus: status,
      resourceName: z.string(),
      carry,
      status: workStatus,
      assignee: z.string().nullable(),
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      stepsSettled: z.number(),
      stepsTotal: z.number(),
      blockedSteps: z.number(),
    }),
  ),
  totals: z.object({
    open: z.number(),
    in_progress: z.number(),
    ready_to_sign: z.number(),
    signed_off: z.number(),
    fixed: z.number(),
    overdue: z.number(),
    blocked: z.number(),
    fixedSinceLastAudit: z.number(),
  }),
  progress: z.object({ stepsSettled: z.number(), stepsTotal: z.number(), closed: z.number(), findings: z.number() }),
});

export const logEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.enum(['audit.created', 'step.set', 'finding.assigned', 'note.added', 'attachment.added', 'finding.signed_off', 'finding.reopened', 'finding.verified']),
  auditId: z.string().nullable(),
  findingSeq: z.number().nullable(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

/**
 * The checklist's blanks typed on the page so far (LOG_BUCKET and the like), to fill in the
 * commands shown: bounded here; the core shell-quotes them and refuses what a command cannot carry.
 */
const checklistInputs = z
  .record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be a blank name like LOG_BUCKET').max(64), z.string().max(1024))
  .refine((r) => Object.keys(r).length <= 32, 'must name at most 32 blanks');

const workMethods = {
  'work.board': { input: z.object({ auditId: id }).strict(), output: boardSchema },
  'work.get': { input: z.object({ ...findingRef, inputs: checklistInputs.optional() }).strict(), output: findingWorkSchema },
  /** Refused with a conflict error when the step changed since expectedRevision was read. */
  'work.setStep': {
    input: z
      .object({ ...findingRef, step: z.number().int().min(1).max(1000), state: stepState, reason: z.string().max(2000).optional(), expectedRevision: revision, actor })
      .strict(),
    output: stepViewSchema,
  },
  'work.assign': {
    input: z.object({ ...findingRef, assignee: z.string().max(200).nullable(), dueDate: isoDay.nullable(), expectedRevision: revision, actor }).strict(),
    output: z.object({ revision: z.number() }),
  },
  'work.addNote': { input: z.object({ ...findingRef, text: text(10_000), actor }).strict(), output: z.object({ id: z.number() }) },
  /** The host asks for a file; null when the dialog was closed. */
  'work.attach': {
    input: z.object({ ...findingRef, actor }).strict(),
    output: z.object({ attachment: z.object({ id: z.number(), name: z.string(), size: z.number(), sha256: z.string() }).nullable() }),
  },
  'work.signOff': { input: z.object({ ...findingRef, name: text(200), role: text(200), actor }).strict(), output: z.object({ at: z.string() }) },
  'work.reopen': { input: z.object({ ...findingRef, reason: text(2000), actor }).strict(), output: none },
  'work.verifyFix': {
    input: z.object({ ...findingRef, source: verifySourceSchema, actor }).strict(),
    output: z.object({ status, detail: z.string(), closed: z.boolean() }),
  },
  /** The audit trail of one audit (or all), oldest first. */
  'log.list': { input: z.object({ auditId: id.optional() }).strict(), output: z.array(logEntrySchema) },
  /** Walks the whole hash chain and names the first entry that does not fit. */
  'log.verify': {
    input: none,
    output: z.object({ ok: z.boolean(), entries: z.number(), firstBad: z.object({ seq: z.number(), problem: z.string() }).optional() }),
  },
} as const;

export const contract = {
  'app.info': {
    input: none,
    output: z.object({ version: z.string(), checksVersion: z.string(), dataDir: z.string() }),
  },
  'checks.catalog': { input: none, output: z.array(checkMetaSchema) },
  'audits.list': { input: none, output: z.array(auditSchema) },
  'audits.get': {
    input: z.object({ auditId: id }).strict(),
    output: z.object({ audit: auditSchema, summary: summarySchema, findings: z.array(findingSchema) }),
  },
  'sources.chooseEvidence': {
    /** A bundle folder, or a file: a zipped bundle or an AWS Config snapshot. */
    input: z.object({ pick: z.enum(['folder', 'file']) }).strict(),
    output: z.object({ path: z.string().nullable() }),
  },
  /** A folder, drive or network share to scan for voter files and credentials; null when the dialog was closed, bad_input when it cannot be opened. */
  'sources.chooseLocalFolder': { input: none, output: z.object({ path: z.string().nullable() }) },
  'sources.inspectEvidence': {
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: z.object({
      accountId: z.string(),
      collectedAt: z.string().optional(),
      collector: z.string().optional(),
      bucketCount: z.number(),
    }),
  },
  'scan.start': {
    input: z
      .object({ jurisdiction: text(200), auditor: text(200), sources: z.array(sourceSchema).min(1).max(20) })
      .strict(),
    output: z.object({ scanId: z.string() }),
  },
  'scan.cancel': { input: z.object({ scanId: z.string().min(1).max(64) }).strict(), output: z.object({ cancelled: z.boolean() }) },
  /** The names of the profiles in ~/.aws/config and ~/.aws/credentials (or the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name); never a setting. */
  'live.profiles': { input: none, output: z.object({ profiles: z.array(z.string()) }) },
  /** Signs in and lists one bucket; a failure is a bad_input error whose message says what to do. */
  'live.testConnection': {
    input: liveConnectionSchema,
    output: z.object({ accountId: z.string().nullable(), identityArn: z.string().nullable(), longLivedKeys: z.boolean() }),
  },
  /**
   * Collect evidence only: the host asks for an empty folder, then the account is read into it
   * as an evidence bundle (collect.progress, collect.finished). Both are null when the dialog
   * was closed; a folder that is not empty is refused before anything is read.
   */
  'collect.start': { input: liveConnectionSchema, output: z.object({ collectId: z.string().nullable(), path: z.string().nullable() }) },
  'collect.cancel': { input: z.object({ collectId: z.string().min(1).max(64) }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'report.save': {
    input: z.object({ auditId: id, format: z.enum(['pdf', 'html']) }).strict(),
    output: z.object({ path: z.string().nullable() }),
  },
  ...workMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

const errorSchema = z.object({ code: z.string(), message: z.string() });

/**
 * Events. scan.start answers after the scan has begun, so its first progress (even its
 * scan.finished, for a small bundle) can arrive before the page has the scanId: subscribe
 * before calling scan.start and match events by scanId. The same holds for collect.start.
 */
export const events = {
  'scan.progress': z.object({
    scanId: z.string(),
    phase: z.enum(['reading', 'checking', 'saving']),
    done: z.number(),
    total: z.number(),
    message: z.string(),
    local: z.object({ root: z.string(), files: z.number(), bytes: z.number(), findings: z.number() }).optional(),
  }),
  'scan.finished': z.object({
    scanId: z.string(),
    status: z.enum(['complete', 'cancelled', 'failed']),
    auditId: z.string().nullable(),
    error: errorSchema.nullable(),
  }),
  'collect.progress': z.object({ collectId: z.string(), bucketsFound: z.number(), bucketsDone: z.number(), callsDone: z.number() }),
  'collect.finished': z.object({
    collectId: z.string(),
    status: z.enum(['complete', 'cancelled', 'failed']),
    /** The bundle folder: written when complete, left as it was otherwise. */
    path: z.string(),
    result: z
      .object({ bucketCount: z.number(), accountId: z.string().nullable(), calls: z.number() })
      .nullable(),
    error: errorSchema.nullable(),
  }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** conflict: someone changed what the edit was based on; nothing was written, and the page reloads what is there now. */
export const ERROR_CODES = ['invalid_input', 'bad_input', 'conflict', 'not_found', 'cancelled', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface CallError {
  code: ErrorCode;
  message: string;
}
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };

/** The API the page sees as window.canvass. */
export interface CanvassApi {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<CallResult<Output<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** IPC channel names, prefixed so that nothing else can be mistaken for the contract. */
export const INVOKE_CHANNEL = 'canvass:call';
export const EVENT_CHANNEL = 'canvass:event';
