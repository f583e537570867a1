/**
 * What a scan learned about one piece of configuration. The four cases are kept apart on
 * purpose: "not configured" (AWS said there is none) is a definite answer, while a denied
 * call or a call that was never collected is not, and checks must not treat them alike.
 */
export type Observed<T> =
  | { kind: 'value'; value: T }
  /** AWS answered that nothing is configured (NoSuchBucketPolicy and the like). */
  | { kind: 'none'; call: string; code: string }
  /** The call was made and failed (AccessDenied, timeouts, malformed answers). */
  | { kind: 'error'; call: string; code: string; message: string }
  /** The call was not made, or its evidence is not in the bundle. */
  | { kind: 'missing'; call: string };

export const value = <T>(v: T): Observed<T> => ({ kind: 'value', value: v });
export const missing = <T>(call: string): Observed<T> => ({ kind: 'missing', call });

/** A sentence naming why an observation cannot be used, for "unknown" findings. */
export function whyUnreadable(o: Observed<unknown>): string {
  switch (o.kind) {
    case 'error':
      return `${o.call} failed with ${o.code}${o.message ? `: ${o.message}` : ''}`;
    case 'missing':
      return `${o.call} was not collected`;
    default:
      return '';
  }
}

export function isReadable<T>(o: Observed<T>): o is Extract<Observed<T>, { kind: 'value' | 'none' }> {
  return o.kind === 'value' || o.kind === 'none';
}
