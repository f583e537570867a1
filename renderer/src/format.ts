import type { Carry, Finding, Severity, Status, StepState, WorkStatus } from './api';

/** Plain words for each status; shown as text (never by colour alone). */
export const STATUS_LABEL: Record<Status, string> = {
  fail: 'Problem',
  unknown: 'Could not check',
  pass: 'OK',
  not_applicable: 'Does not apply',
};

export const STATUS_ORDER: Record<Status, number> = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const num = (n: number) => n.toLocaleString('en-US');
export const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'long' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return 'an unknown date';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** "a, b and c" */
export function listing(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/**
 * A message of the core (written to follow "canvass: " on a terminal) as a sentence on a
 * screen: a capital first letter and a full stop. One that starts with a URL keeps it as it is.
 */
export function asSentence(message: string): string {
  const text = /^[a-z]/.test(message) && !/^[a-z][a-z0-9+.-]*:\/\//.test(message) ? message[0].toUpperCase() + message.slice(1) : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** An access key id as design.md shows credentials: its first four and last four characters. */
export const redactedKeyId = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : '…');

/** Where a finding's remediation stands, in words (tags also carry a shape; colour only repeats them). */
export const WORK_STATUS_LABEL: Record<WorkStatus, string> = {
  open: 'Not started',
  in_progress: 'In progress',
  ready_to_sign: 'Ready to sign off',
  signed_off: 'Signed off',
  fixed: 'Fixed',
};

export const STEP_STATE_LABEL: Record<StepState, string> = {
  open: 'Open',
  done: 'Done',
  not_applicable: 'Not applicable',
  blocked: 'Blocked',
};

/** Against the same county's previous audit; nothing is said of a first audit. */
export const CARRY_LABEL: Record<Carry, string | null> = {
  first: null,
  new: 'New since the last audit',
  still_open: 'Still open from the last audit',
  fixed: 'Fixed since the last audit',
};

export function formatBytes(n: number): string {
  if (n < 1024) return plural(n, 'byte');
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

/** A due date (YYYY-MM-DD) as a date, without the time zone moving it a day. */
export function formatDay(day: string | null): string {
  if (!day) return '—';
  const d = new Date(`${day}T12:00:00`);
  return Number.isNaN(d.getTime()) ? day : dateOnly.format(d);
}

/** The core names times as ISO 8601 (for logs and terminals); on a screen they read as dates. */
export const withReadableTimes = (message: string) => message.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, (iso) => formatDateTime(iso));

/** A scanned folder's own verdict is on the folder, named by its path alone; its files' are on each file. */
export function resourceLabel(r: Finding['resource']): string {
  if (r.type === 'file') return r.name === r.id ? 'Scanned folder' : 'File';
  return { bucket: 'Bucket', account: 'Account', object: 'Object' }[r.type];
}

/** A file by its full path (an archive member's with !member): where to go and find it. Anything else by its name. */
export const resourceShown = (r: Finding['resource']) => (r.type === 'file' ? r.id : r.name);
