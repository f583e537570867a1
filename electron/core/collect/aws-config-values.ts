import type { z } from 'zod';
import type { Observed } from './observed';

/**
 * Reading one value of a configuration item. AWS Config writes a bucket's settings as
 * objects in the files it delivers to S3, but as JSON strings in the API's answers
 * (`configuration` and every `supplementaryConfiguration` value of
 * get-resource-config-history and batch-get-resource-config), and it encodes the
 * AccessControlList twice. Every form is accepted; a value that cannot be read makes that
 * one setting unknown, never the whole file unreadable.
 */

type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

/** Unwraps JSON strings (at most three deep: the ACL is a string of a string). */
export function decode(v: unknown): Decoded {
  let value = v;
  for (let depth = 0; depth < 3 && typeof value === 'string'; depth++) {
    try {
      value = JSON.parse(value);
    } catch (e) {
      return { ok: false, message: `not valid JSON (${(e as Error).message})` };
    }
  }
  return { ok: true, value };
}

export const configCall = (key: string) => `config:${key}`;

/** The first problem zod found, with where it is. */
export function shapeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

export const unreadable = <T>(call: string, message: string): Observed<T> => ({
  kind: 'error',
  call,
  code: 'UnreadableConfigValue',
  message,
});

/**
 * One supplementaryConfiguration key of an item, mapped to what the checks read. An absent
 * (or null) key means the item does not say, which is not "not configured": 'missing'.
 */
export function readKey<S extends z.ZodType, T>(
  supplementary: Record<string, unknown>,
  key: string,
  schema: S,
  map: (v: z.infer<S>, call: string) => Observed<T>,
): Observed<T> {
  const call = configCall(key);
  const raw = supplementary[key];
  if (raw === undefined || raw === null) return { kind: 'missing', call };
  const decoded = decode(raw);
  if (!decoded.ok) return unreadable(call, decoded.message);
  const r = schema.safeParse(decoded.value);
  if (!r.success) return unreadable(call, `unexpected shape: ${shapeProblem(r.error)}`);
  return map(r.data, call);
}
