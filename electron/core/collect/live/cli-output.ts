/**
 * What the AWS CLI v2 prints with --output json for an SDK output, so that a bundle written
 * by Canvass and one written by the collection scripts hold the same files: no $metadata,
 * timestamps as botocore prints them ("2026-11-10T19:24:50+00:00", microseconds only when
 * there are any), and the CLI's own touches on the calls that have them.
 */

export function cliTimestamp(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const base = d.toISOString().slice(0, 19);
  return `${base}${ms ? `.${String(ms).padStart(3, '0')}000` : ''}+00:00`;
}

function plain(v: unknown): unknown {
  if (v instanceof Date) return cliTimestamp(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== '$metadata' && x !== undefined) out[k] = plain(x);
    return out;
  }
  return v;
}

/** Any SDK output as the CLI prints it. */
export function cliOutput(output: object): Record<string, unknown> {
  return plain(output) as Record<string, unknown>;
}

/** get-bucket-location: the CLI prints null for us-east-1, where S3 answers an empty element. */
export function cliBucketLocation(output: { LocationConstraint?: string }): Record<string, unknown> {
  return { ...cliOutput(output), LocationConstraint: output.LocationConstraint || null };
}

/** URL-decoding as botocore does it (unquote_plus), leaving a malformed escape as it is. */
function urlDecode(s: string): string {
  const spaced = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

/**
 * list-objects-v2: the CLI asks S3 for URL-encoded keys (EncodingType "url", so that any key
 * survives XML) and decodes them before printing; Canvass asks and decodes the same way.
 */
export function cliListObjectsV2(output: object): Record<string, unknown> {
  const o = cliOutput(output) as {
    Contents?: Array<{ Key?: string }>;
    CommonPrefixes?: Array<{ Prefix?: string }>;
    Prefix?: string;
    Delimiter?: string;
    StartAfter?: string;
    EncodingType?: string;
  };
  if (o.EncodingType === 'url') {
    for (const c of o.Contents ?? []) if (c.Key !== undefined) c.Key = urlDecode(c.Key);
    for (const c of o.CommonPrefixes ?? []) if (c.Prefix !== undefined) c.Prefix = urlDecode(c.Prefix);
    for (const k of ['Prefix', 'Delimiter', 'StartAfter'] as const) if (o[k] !== undefined) o[k] = urlDecode(o[k]);
  }
  return o as Record<string, unknown>;
}
