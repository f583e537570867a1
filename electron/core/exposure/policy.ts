/**
 * Bucket-policy exposure, following AWS's published "meaning of public" for S3
 * (User Guide, "Blocking public access", section "The meaning of public"): a policy is
 * public unless every Allow statement that reaches principals outside the owner's account
 * is limited by fixed values (no wildcard, no policy variable) of the condition keys AWS
 * lists. Deny statements grant nothing.
 */

export interface Statement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** Whom a statement reaches. */
export type Reach = 'public' | 'cross-account' | 'owner' | 'service';

export interface StatementReach {
  index: number;
  statement: Statement;
  reach: Reach;
  /** Accounts outside the owner's that the statement names, for cross-account grants. */
  accounts: string[];
  /** Why a public principal counts as limited, or why not. */
  why: string;
}

const toList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Policy members as strings. Anything that is not a string, number or boolean (objects,
 * null) becomes "*": evidence is untrusted, and an unreadable value must never count as a
 * narrowing one.
 */
export function asStrings(v: unknown): string[] {
  return toList(v).map((x) => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : '*'));
}

export const effectOf = (st: Statement): string => (typeof st.Effect === 'string' ? st.Effect.toLowerCase() : '');

export function statementsOf(policy: unknown): Statement[] {
  if (!policy || typeof policy !== 'object') return [];
  const s = (policy as { Statement?: unknown }).Statement;
  return toList(s as Statement | Statement[]).filter((x): x is Statement => !!x && typeof x === 'object');
}

/** Glob match with IAM's * and ? wildcards, case-insensitive (actions are case-insensitive). */
export function iamMatch(pattern: string, value: string, caseInsensitive = true): boolean {
  const esc = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${esc}$`, caseInsensitive ? 'i' : '').test(value);
}

const hasWildcard = (v: string) => /[*?]/.test(v) || v.includes('${');

/** Does the statement allow this action (honouring NotAction)? */
export function allowsAction(st: Statement, action: string): boolean {
  if (st.NotAction !== undefined) return !asStrings(st.NotAction).some((p) => iamMatch(p, action));
  return asStrings(st.Action).some((p) => iamMatch(p, action));
}

/** Does the statement apply to this resource ARN (honouring NotResource)? Resource ARNs are case-sensitive. */
export function coversResource(st: Statement, arn: string): boolean {
  if (st.NotResource !== undefined) return !asStrings(st.NotResource).some((p) => iamMatch(p, arn, false));
  if (st.Resource === undefined) return true;
  return asStrings(st.Resource).some((p) => iamMatch(p, arn, false));
}

/** Does the statement apply to some object of the bucket (bucket/*, bucket/prefix/*, or *)? */
export function coversObjects(st: Statement, bucket: string): { covers: boolean; prefixes: string[] } {
  const base = `arn:aws:s3:::${bucket}/`;
  if (st.NotResource !== undefined) return { covers: true, prefixes: ['(all but the excluded resources)'] };
  if (st.Resource === undefined) return { covers: true, prefixes: ['*'] };
  const prefixes: string[] = [];
  for (const r of asStrings(st.Resource)) {
    if (r.startsWith(base)) prefixes.push(r.slice(base.length) || '*');
    else if (iamMatch(r, `${base}any-object-key`, false)) prefixes.push('*');
  }
  return { covers: prefixes.length > 0, prefixes };
}

/** IAM unique ids (users AIDA…, roles AROA…, groups AGPA…), as AWS shows principals that were deleted. */
const IAM_UNIQUE_ID = /^A(IDA|ROA|GPA|NPA|NVA|PKA)[A-Z0-9]{12,124}$/;
const ACCOUNT_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;

/** Classifies the principals of a statement. */
function principalReach(st: Statement, owner: string): { reach: Reach; accounts: string[]; anyone: boolean } {
  if (st.NotPrincipal !== undefined) {
    // Allow with NotPrincipal reaches everyone except the few named: public.
    return { reach: 'public', accounts: [], anyone: true };
  }
  const p = st.Principal;
  if (p === undefined) return { reach: 'owner', accounts: [], anyone: false };
  if (p === '*') return { reach: 'public', accounts: [], anyone: true };
  if (typeof p !== 'object' || p === null) return { reach: 'public', accounts: [], anyone: true };
  let reach: Reach = 'owner';
  const accounts: string[] = [];
  let onlyService = true;
  for (const [kind, raw] of Object.entries(p as Record<string, unknown>)) {
    for (const v of asStrings(raw)) {
      if (kind === 'Service') continue;
      onlyService = false;
      if (kind === 'Federated' || v === '*' || hasWildcard(v)) return { reach: 'public', accounts: [], anyone: true };
      if (kind === 'CanonicalUser') {
        reach = reach === 'owner' ? 'cross-account' : reach;
        accounts.push(`canonical user ${v.slice(0, 8)}…`);
        continue;
      }
      const acct = /^\d{12}$/.test(v) ? v : ACCOUNT_ARN.exec(v)?.[1];
      if (acct && acct !== owner) {
        reach = 'cross-account';
        accounts.push(acct);
      } else if (!acct && IAM_UNIQUE_ID.test(v)) {
        // AWS shows a deleted user or role as its unique id: a fixed principal (not public),
        // in an account the policy no longer says.
        reach = 'cross-account';
        accounts.push(`deleted IAM principal ${v} (account unknown)`);
      } else if (!acct) {
        // A principal we cannot place in an account: be conservative.
        return { reach: 'public', accounts: [], anyone: true };
      }
    }
  }
  if (onlyService) return { reach: 'service', accounts: [], anyone: false };
  return { reach, accounts, anyone: false };
}

/** Condition keys that, with fixed values, make a grant to "*" non-public (AWS S3 User Guide). */
const LIMITING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOwner',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:userid',
    's3:x-amz-server-side-encryption-aws-kms-key-id',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
  ].map((k) => k.toLowerCase()),
);

/** Operators that limit a key to the values given (negated and IfExists forms do not). */
const EQUALITY_OPS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);

/**
 * A fixed CIDR no broader than AWS allows: /8 for IPv4, /32 for IPv6. (AWS excepts the
 * RFC 1918 ranges, but all of them are /8 or narrower, so the rule is the same.)
 */
export function isNarrowCidr(v: string): boolean {
  if (hasWildcard(v)) return false;
  const [addr, bitsRaw] = v.split('/');
  if (addr.includes(':')) {
    const bits = bitsRaw === undefined ? 128 : Number(bitsRaw);
    return Number.isInteger(bits) && bits >= 32 && bits <= 128;
  }
  const parts = addr.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return false;
  const bits = bitsRaw === undefined ? 32 : Number(bitsRaw);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  return bits >= 8;
}

function isFixedValue(key: string, op: string, v: string): boolean {
  if (key === 's3:dataaccesspointarn') {
    // In a bucket policy the access point name may be a wildcard if the account is fixed.
    const m = /^arn:aws[a-z-]*:s3:[a-z0-9-]+:(\d{12}):accesspoint\/(.+)$/.exec(v);
    return !!m && !v.slice(0, v.indexOf(':accesspoint/')).includes('*');
  }
  if (key === 'aws:userid' && /:\*$/.test(v)) return false;
  if (hasWildcard(v)) return false;
  return op !== '' && v.length > 0;
}

/** Explains whether a statement's conditions limit it to fixed sources; undefined if they do not. */
export function limitingCondition(st: Statement): string | undefined {
  if (!st.Condition || typeof st.Condition !== 'object') return undefined;
  for (const [rawOp, block] of Object.entries(st.Condition)) {
    if (!block || typeof block !== 'object') continue;
    let op = rawOp.toLowerCase();
    if (op.endsWith('ifexists')) continue;
    if (op.startsWith('forallvalues:')) continue; // vacuously true when the key is absent
    if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
    for (const [rawKey, rawVals] of Object.entries(block)) {
      const key = rawKey.toLowerCase();
      const vals = asStrings(rawVals);
      if (vals.length === 0) continue;
      if (key === 'aws:sourceip' && op === 'ipaddress') {
        if (vals.every(isNarrowCidr)) return `${rawOp} ${rawKey} ${vals.join(', ')}`;
        continue;
      }
      if (LIMITING_KEYS.has(key) && EQUALITY_OPS.has(op) && vals.every((v) => isFixedValue(key, op, v))) {
        return `${rawOp} ${rawKey} ${vals.join(', ')}`;
      }
    }
  }
  return undefined;
}

/** Whom each Allow statement reaches, after the conditions AWS counts as limiting. */
export function analyzePolicy(policy: unknown, ownerAccount: string): StatementReach[] {
  const out: StatementReach[] = [];
  statementsOf(policy).forEach((st, index) => {
    if (effectOf(st) !== 'allow') return;
    const pr = principalReach(st, ownerAccount);
    if (pr.reach === 'public') {
      const lim = limitingCondition(st);
      if (lim) {
        out.push({ index, statement: st, reach: 'cross-account', accounts: [], why: `limited by ${lim}` });
      } else {
        out.push({ index, statement: st, reach: 'public', accounts: [], why: describePublic(st) });
      }
    } else {
      out.push({ index, statement: st, reach: pr.reach, accounts: pr.accounts, why: '' });
    }
  });
  return out;
}

function describePublic(st: Statement): string {
  const who = st.NotPrincipal !== undefined ? 'everyone except the principals it names (NotPrincipal)' : 'anyone (Principal "*")';
  return st.Condition
    ? `grants ${who}; its conditions do not limit it to fixed accounts, networks or sources`
    : `grants ${who} with no condition`;
}

/** The public Allow statements that grant one of these actions on the bucket or its objects. */
export function publicGrants(
  policy: unknown,
  owner: string,
  bucket: string,
  actions: string[],
  scope: 'bucket' | 'objects',
): Array<{ sid?: string; index: number; actions: string[]; prefixes: string[]; statement: Statement; why: string }> {
  const out = [];
  for (const r of analyzePolicy(policy, owner)) {
    if (r.reach !== 'public') continue;
    const granted = actions.filter((a) => allowsAction(r.statement, a));
    if (granted.length === 0) continue;
    let prefixes: string[];
    if (scope === 'objects') {
      const c = coversObjects(r.statement, bucket);
      if (!c.covers) continue;
      prefixes = c.prefixes;
    } else {
      if (!coversResource(r.statement, `arn:aws:s3:::${bucket}`)) continue;
      prefixes = [];
    }
    out.push({ sid: r.statement.Sid, index: r.index, actions: granted, prefixes, statement: r.statement, why: r.why });
  }
  return out;
}
