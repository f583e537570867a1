/**
 * Google Cloud service-account key files: JSON with "type": "service_account" and a
 * "private_key" holding a PEM key (resolve.ts joins the pieces, which a pretty-printed file
 * spreads over lines).
 */
import { secretFingerprint } from './redaction';
import type { Emitter, Window } from './window';

// A quote may be escaped (\"): a key file kept as a string inside other JSON, as Terraform state and CI settings keep it.
const TYPE = /\\?"type\\?"\s*:\s*\\?"service_account\\?"/g;
/**
 * The key's body is one run of base64, escaped newlines and spaces, cleaned after: read as
 * spaces, then a body, then spaces again, a key cut off before its END line could be split
 * among the three in cubically many ways (4,000 spaces: 51 s).
 */
const PRIVATE_KEY = /\\?"private_key\\?"\s*:\s*\\?"-----BEGIN (?:RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\\s]*)-----END (?:RSA )?PRIVATE KEY-----/g;
const KEY_ID = /\\?"private_key_id\\?"\s*:\s*\\?"([0-9a-f]{40})\\?"/g;
const EMAIL = /\\?"client_email\\?"\s*:\s*\\?"([a-z0-9-]{1,64}@[a-z0-9-]{1,64}\.iam\.gserviceaccount\.com)\\?"/g;
/** A 2048-bit PKCS#8 key is about 1,600 base64 characters; a placeholder body is a few. */
const MIN_KEY_BODY = 800;

export function detectGcpServiceAccount(win: Window, emit: Emitter): void {
  const { text } = win;
  for (const m of text.matchAll(TYPE)) emit.clue(m.index, m.index + m[0].length, { kind: 'gcp-type' });
  for (const m of text.matchAll(PRIVATE_KEY)) {
    const body = m[1].replace(/\\+n|\s/g, '');
    if (body.length >= MIN_KEY_BODY) emit.clue(m.index, m.index + m[0].length, { kind: 'gcp-private-key', fingerprint: secretFingerprint(body) });
  }
  // The key's id and the account's e-mail are on lines of their own near the key (in the same line in compact JSON).
  const near = /"private_key\\?"/.test(text) ? win.near() : { text, offset: 0 };
  for (const m of near.text.matchAll(KEY_ID)) emit.clue(near.offset + m.index, near.offset + m.index + m[0].length, { kind: 'gcp-key-id', id: m[1] });
  for (const m of near.text.matchAll(EMAIL)) emit.clue(near.offset + m.index, near.offset + m.index + m[0].length, { kind: 'gcp-email', email: m[1] });
}
