import { SEVERITIES, type Severity, type Status } from '../checks/types';
import type { StoredFinding } from '../store/findings';

// ---------------------------------------------------------------------------------------
// Escaping. Every interpolation in the report goes through `h`, which escapes anything
// that is not already an Html fragment. Evidence comes from untrusted files, and notes,
// reasons and names are typed by people: nothing in them may become markup.

export class Html {
  constructor(readonly s: string) {}
}

/** Markup we wrote ourselves (constant CSS); never pass data through this. */
export const trusted = (s: string) => new Html(s);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Defence in depth: the findings never carry secret values, but should anything that looks
 * like one reach the report (a key id, a 40-character secret, a signature, a private key)
 * it is masked the way design.md shows credentials: by kind and a short fingerprint.
 */
export function redactSecrets(s: string): string {
  return s
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[private key redacted]')
    .replace(/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, (m) => `${m.slice(0, 4)}…${m.slice(-4)}`)
    .replace(/\b(X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|sig|AccountKey|SharedAccessSignature)=([^&\s"';<]+)/gi, '$1=[redacted]')
    .replace(/(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '[redacted]');
}

function frag(v: unknown): string {
  if (v instanceof Html) return v.s;
  if (Array.isArray(v)) return v.map(frag).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(redactSecrets(String(v)));
}

export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += frag(values[i]) + strings[i + 1];
  return new Html(out);
}

export function join(parts: Html[], sep: string): Html {
  return h`${parts.flatMap((p, i) => (i ? [sep, p] : [p]))}`;
}

// ---------------------------------------------------------------------------------------
// Wording shared by the report's sections.

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Informational' };
export const STATUS_LABEL: Record<Status, string> = { fail: 'Fail', unknown: 'Could not check', pass: 'Pass', not_applicable: 'Not applicable' };
export const RESOURCE_LABEL: Record<string, string> = { account: 'AWS account', bucket: 'Bucket', object: 'Object', file: 'File' };

/** A label from a fixed table; the value itself (escaped later) when it is not in it. Own keys only: data never reaches Object.prototype. */
export const label = (table: Record<string, string>, key: string): string => (Object.hasOwn(table, key) ? table[key] : key);
export const severityOf = (f: StoredFinding): Severity => ((SEVERITIES as readonly string[]).includes(f.severity) ? f.severity : 'info');

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2026-11-20 14:03 UTC"; the string as given if it is not a date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'Not recorded';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}

/** Bucket names are not broken at their hyphens (a clerk copies them); only over-long, non-S3 names may wrap. */
export const nameClass = (n: string) => (n.length > 63 ? 'name long' : 'name');
