/**
 * AWS access key ids, secret access keys and the INI lines of ~/.aws/credentials and
 * ~/.aws/config. They become findings together (resolve.ts): a key id with its secret
 * nearby, a profile section, or a secret named as AWS's with no key id near it.
 */
import { ACCESS_KEY_ID, isAccessKeyId } from './aws-key-id';
import { nameChars, namedMatches } from './name-starts';
import { isPlaceholder, looksRandom } from './placeholders';
import { secretFingerprint } from './redaction';
import type { Emitter, Window } from './window';

/** A 40-character secret access key: base64 alphabet, not a longer run of it. */
const SECRET_SHAPE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/**
 * "aws_secret_access_key = ...", "SecretAccessKey": "...", secret_key => '...', Secret access key: ...,
 * or given after spaces: aws configure set aws_secret_access_key ..., -SecretKey ...
 * The words after "secret" are read one way only (a word is ended by a separator, at most 40
 * letters): as "(?:[ _.-]?[A-Za-z]+){0,3}" a long run of letters after "secret" could be split
 * in cubically many ways before the regex gave up (2,000 letters: 2.4 s).
 */
export const NAMED_SECRET = /([A-Za-z_.-]*secret[A-Za-z]{0,40}(?:[ _.-][A-Za-z]{1,40}){0,3})["']?(?:\s*(?:=>|[:=])\s*["']?|[ \t]{1,40}["']?)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/iy;
/** Where NAMED_SECRET is tried: at the start of the name around each "secret" (name-starts.ts). */
export const SECRET_WORD = /secret/gi;
export const SECRET_NAME_CHAR = nameChars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.-');
export const namedSecrets = (text: string) => namedMatches(text, SECRET_WORD, NAMED_SECRET, SECRET_NAME_CHAR);
const AWS_NAME = /aws|access/i;
/** The keys of an AWS credentials-file line: only on such a line is a profile section looked for above. */
export const INI_KEYS = ['aws_access_key_id', 'aws_secret_access_key'] as const;
/** A value may be quoted (TOML, as in Streamlit's secrets.toml; the CLI's own files do not quote). */
const INI_LINE = new RegExp(`^[ \\t]*(${INI_KEYS.join('|')})[ \\t]*=[ \\t]*(["']?)([^\\s#;"']+)\\2[ \\t\\r]*(?:[#;].*)?$`);

/** `presigned`: spans of presigned URLs reported; the key id quoted in one is part of that finding, not one of its own. */
export function detectAwsKeys(win: Window, emit: Emitter, presigned: Array<{ start: number; end: number }>): void {
  const { text } = win;
  const section = iniSection(win);
  if (section !== undefined) {
    const ini = INI_LINE.exec(text);
    if (ini) {
      const value = ini[3];
      const start = ini.index + ini[0].indexOf(value, ini[1].length);
      if (ini[1] === 'aws_access_key_id' && isAccessKeyId(value) && !isPlaceholder(value))
        return emit.clue(start, start + value.length, { kind: 'key-id', id: value, section });
      if (ini[1] === 'aws_secret_access_key' && isSecretShaped(value))
        return emit.clue(start, start + value.length, { kind: 'secret', fingerprint: secretFingerprint(value), named: 'aws', section });
      // Not a profile's key after all (a placeholder, or code below a "[" line): read as any other line.
    }
  }
  let sawKeyId = false;
  ACCESS_KEY_ID.lastIndex = 0;
  for (let m = ACCESS_KEY_ID.exec(text); m; m = ACCESS_KEY_ID.exec(text)) {
    if (isPlaceholder(m[0]) || presigned.some((u) => m.index >= u.start && m.index < u.end)) continue;
    sawKeyId = true;
    emit.clue(m.index, m.index + m[0].length, { kind: 'key-id', id: m[0] });
  }
  secrets(text, 0, emit, false);
  // A key id's secret is usually on the same line or the next few, named or not (the console's credentials CSV, notes).
  if (sawKeyId) {
    const near = win.near();
    secrets(near.text, near.offset, emit, true);
  }
}

function secrets(text: string, offset: number, emit: Emitter, bare: boolean): void {
  for (const m of namedSecrets(text)) {
    if (!isSecretShaped(m[2])) continue;
    const start = offset + m.index + m[0].length - m[2].length;
    emit.clue(start, start + 40, { kind: 'secret', fingerprint: secretFingerprint(m[2]), named: AWS_NAME.test(m[1]) ? 'aws' : 'other' });
  }
  if (!bare) return;
  SECRET_SHAPE.lastIndex = 0;
  for (let m = SECRET_SHAPE.exec(text); m; m = SECRET_SHAPE.exec(text))
    if (isSecretShaped(m[0])) emit.clue(offset + m.index, offset + m.index + 40, { kind: 'secret', fingerprint: secretFingerprint(m[0]), named: 'bare' });
}

/** Hex digests (SHA-1 is 40 hex digits too) are not secret keys. */
function isSecretShaped(value: string): boolean {
  return value.length === 40 && looksRandom(value) && !/^[0-9a-fA-F]+$/.test(value);
}

/**
 * The section a line of an AWS credentials or config file belongs to: the header above it,
 * or 0 for a file named credentials/config without one. Undefined when the line is not in
 * such a file (a Python keyword argument is not a profile).
 */
function iniSection(win: Window): number | undefined {
  if (!INI_LINE.test(win.text)) return undefined;
  const header = win.sectionLineAbove(0);
  if (header !== undefined) return header;
  return win.fileName === 'credentials' || win.fileName === 'config' ? 0 : undefined;
}
