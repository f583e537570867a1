/**
 * Presigned S3 URLs: anyone holding one can read (or write) the object until it expires.
 * SigV4: X-Amz-Credential (key id/date/region/s3/aws4_request), X-Amz-Date, X-Amz-Expires,
 * X-Amz-Signature. SigV2: AWSAccessKeyId, Expires (Unix seconds), Signature.
 */
import { accountOfKeyId, redactKeyId } from './aws-key-id';
import { isPlaceholder } from './placeholders';
import { queryParams, runAround, runEnd } from './url-params';
import type { Emitter, Window } from './window';
import type { CredentialHit } from './scanner';

const ANCHOR = /X-Amz-Signature=|AWSAccessKeyId=/gi;
/** AWS's key ids, and S3-compatible services' (MinIO, Ceph), which have no fixed shape. */
const KEY_ID = /^[A-Za-z0-9]{16,128}$/;

/** Returns the spans of the URLs it reported: their key ids are part of those findings. */
export function detectPresignedUrls(win: Window, emit: Emitter, now: Date): Array<{ start: number; end: number }> {
  const { text } = win;
  const spans: Array<{ start: number; end: number }> = [];
  // Every anchor of a run reads the same run and parameters: a run is read once, each kind of
  // URL tried on it once, and left when it gave one. Read at every anchor, a line of
  // "&X-Amz-Signature=" was quadratic up to RUN_MAX (27 s a megabyte).
  let run: { start: number; end: number } | undefined;
  let params = new Map<string, string>();
  const tried = new Set<boolean>();
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    if (!run || m.index >= run.end) {
      run = runAround(text, m.index);
      if (!run) {
        ANCHOR.lastIndex = runEnd(text, m.index);
        continue;
      }
      params = lowerCaseNames(queryParams(text.slice(run.start, run.end)));
      tried.clear();
    }
    const v4 = m[0].toLowerCase().startsWith('x-amz');
    if (tried.has(v4)) continue;
    tried.add(v4);
    const found = v4 ? sigV4(params) : sigV2(params);
    if (!found || !KEY_ID.test(found.keyId) || isPlaceholder(found.keyId)) continue;
    const account = accountOfKeyId(found.keyId);
    const hit: Omit<CredentialHit, 'line'> = {
      checkId: 'local.credential.presigned-url',
      kind: 's3-presigned-url',
      fingerprint: redactKeyId(found.keyId),
      ...(account ? { account } : {}),
    };
    if (found.expires) Object.assign(hit, { expires: found.expires.toISOString(), expired: found.expires.getTime() <= now.getTime() });
    emit.hit(run.start, run.end, hit);
    spans.push(run);
    ANCHOR.lastIndex = run.end;
  }
  return spans;
}

interface Presigned {
  keyId: string;
  expires?: Date;
}

function sigV4(p: Map<string, string>): Presigned | undefined {
  const credential = p.get('x-amz-credential')?.split('/');
  if (!credential || credential.length !== 5 || credential[3] !== 's3' || !/^[0-9a-f]{64}$/.test(p.get('x-amz-signature') ?? '')) return undefined;
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(p.get('x-amz-date') ?? '');
  const seconds = Number(p.get('x-amz-expires'));
  const signed = date ? Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]) : NaN;
  const expires = Number.isFinite(signed) && Number.isInteger(seconds) && seconds > 0 ? new Date(signed + seconds * 1000) : undefined;
  return { keyId: credential[0], ...(expires ? { expires } : {}) };
}

function sigV2(p: Map<string, string>): Presigned | undefined {
  const keyId = p.get('awsaccesskeyid');
  const expires = Number(p.get('expires'));
  // HMAC-SHA1: 20 bytes, 28 characters of base64.
  if (!keyId || !Number.isInteger(expires) || expires <= 0 || !/^[A-Za-z0-9+/]{27}=$/.test(p.get('signature') ?? '')) return undefined;
  return { keyId, expires: new Date(expires * 1000) };
}

function lowerCaseNames(p: Map<string, string>): Map<string, string> {
  return new Map([...p].map(([k, v]) => [k.toLowerCase(), v]));
}
