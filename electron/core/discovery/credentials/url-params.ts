/**
 * URLs and tokens made of query parameters (presigned URLs, SAS tokens): the run of text
 * around an anchor, and its parameters, URL-decoded. "&amp;" counts as "&" (URLs pasted from
 * HTML e-mail).
 */
import { RUN_MAX } from './window';

const DELIMITER = /[\s"'`<>()[\]{}|\\^,]/;

/** [start, end) of the run holding `at`, or undefined if it is longer than RUN_MAX. */
export function runAround(text: string, at: number): { start: number; end: number } | undefined {
  let start = at;
  while (start > 0 && !DELIMITER.test(text[start - 1])) if (at - --start > RUN_MAX) return undefined;
  let end = at;
  while (end < text.length && !DELIMITER.test(text[end])) if (++end - start > RUN_MAX) return undefined;
  return { start, end };
}

/** Where the run holding `at` ends, however long it is. */
export function runEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && !DELIMITER.test(text[end])) end++;
  return end;
}

/** Parameters of a query string or SAS token, names as written, values URL-decoded (a bad escape keeps the raw value). */
export function queryParams(run: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of run.split(/[?&;]/)) {
    // "SharedAccessSignature=sv=..." in a connection string, "AZURE_SAS_TOKEN=sv=..." in a .env
    // file: the token starts after the setting's name.
    const pair = /^(?:(?:SharedAccessSignature|[A-Z][A-Z0-9_]*)=(?=[a-z]+=))?([A-Za-z][\w-]*)=(.*)$/.exec(part);
    if (pair && !params.has(pair[1])) params.set(pair[1], decode(pair[2]));
  }
  return params;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%2B'));
  } catch {
    return value;
  }
}
