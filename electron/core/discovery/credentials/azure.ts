/**
 * Azure storage credentials: an account key (64 random bytes, 88 characters of base64) given
 * as AccountKey= or under a storage-key name, a connection string carrying one, and SAS
 * tokens and URLs (sv= service version, sig= signature, se= expiry).
 */
import { nameChars, namedMatches } from './name-starts';
import { looksRandom } from './placeholders';
import { secretFingerprint } from './redaction';
import { queryParams, runAround, runEnd } from './url-params';
import type { Emitter, Window } from './window';

/** Named as a setting ("AccountKey=", "primary_access_key = ") or a command's option ("--account-key K", "-StorageAccountKey K"). */
export const NAMED_KEY =
  /(AccountKey|[A-Za-z_]*(?:account|storage|primary|secondary)[_-]?(?:access[_-]?)?key)["']?(?:\s*[:=]\s*|\s+)["']?([A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/iy;
/** Where NAMED_KEY is tried: at the start of the name around each of these words (name-starts.ts). */
export const KEY_WORD = /account|storage|primary|secondary/gi;
export const KEY_NAME_CHAR = nameChars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_');
/** What `az storage account keys list` prints: each key as "value", "keyName": "key1" beside it. */
const LISTED_VALUE = /"value"\s*:\s*"([A-Za-z0-9+/]{86}==)"/g;
const LISTED_NAME = /"keyName"\s*:\s*"key[12]"/;
const ACCOUNT_NAME = /AccountName=([a-z0-9]{3,24})(?=;|$|["'\s])/;
/**
 * The storage emulator's key, published in Microsoft's documentation and built into every
 * copy of Azurite: it opens nothing real.
 */
const EMULATOR_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const SAS_SIG = /(?<![A-Za-z0-9_-])sig=/g;
/** rclone's Azure Blob remote (rclone.conf): "key = K" with "type = azureblob" and the account a few lines above. */
const RCLONE_KEY = /^[ \t]*key[ \t]*=[ \t]*([A-Za-z0-9+/]{86}==)[ \t\r]*$/m;
const RCLONE_AZURE = /^[ \t]*type[ \t]*=[ \t]*azureblob[ \t\r]*$/m;
const RCLONE_ACCOUNT = /^[ \t]*account[ \t]*=[ \t]*([a-z0-9]{3,24})[ \t\r]*$/m;
/** The account in the URL's host, or in a connection string's BlobEndpoint=https://... */
const STORAGE_HOST = /(?:^|\/\/|=)([a-z0-9]{3,24})\.(?:blob|file|queue|table|dfs|web)\.core\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn)/;

export function detectAzureKeys(win: Window, emit: Emitter): void {
  const { text } = win;
  // A key ends in "==", which most windows lack.
  if (!text.includes('==')) return;
  for (const m of namedMatches(text, KEY_WORD, NAMED_KEY, KEY_NAME_CHAR)) {
    const account = m[1] === 'AccountKey' ? ACCOUNT_NAME.exec(text.slice(Math.max(0, m.index - 300), m.index + m[0].length + 300))?.[1] : undefined;
    emitKey(emit, m[2], m.index + m[0].length - m[2].length, account);
  }
  const rclone = RCLONE_KEY.exec(text);
  if (rclone) {
    const near = win.near().text;
    if (RCLONE_AZURE.test(near)) emitKey(emit, rclone[1], rclone.index + rclone[0].lastIndexOf(rclone[1]), RCLONE_ACCOUNT.exec(near)?.[1], 'azure-storage-key');
  }
  LISTED_VALUE.lastIndex = 0;
  for (let m = LISTED_VALUE.exec(text); m; m = LISTED_VALUE.exec(text)) {
    if (LISTED_NAME.test(text) || LISTED_NAME.test(win.near().text)) emitKey(emit, m[1], m.index + m[0].length - 1 - m[1].length, undefined);
  }
}

/** A key with its account is a connection string's, unless the caller knows its kind (an rclone remote's key). */
function emitKey(emit: Emitter, key: string, start: number, account: string | undefined, kind = account ? 'azure-connection-string' : 'azure-storage-key'): void {
  if (key === EMULATOR_KEY || !looksRandom(key)) return;
  emit.hit(start, start + key.length, {
    checkId: 'local.credential.azure-storage',
    kind,
    fingerprint: `key ${secretFingerprint(key)}`,
    ...(account ? { account } : {}),
    withSecret: true,
  });
}

export function detectAzureSas(win: Window, emit: Emitter, now: Date): void {
  const { text } = win;
  SAS_SIG.lastIndex = 0;
  for (let m = SAS_SIG.exec(text); m; m = SAS_SIG.exec(text)) {
    const run = runAround(text, m.index);
    // Every "sig=" of a run reads the same run and parameters (the first "sig" counts): the
    // run is read once. Read at each, a run of "&sig=" was quadratic up to RUN_MAX.
    SAS_SIG.lastIndex = run ? run.end : runEnd(text, m.index);
    if (!run) continue;
    const params = queryParams(text.slice(run.start, run.end));
    const sig = params.get('sig');
    // A signature is HMAC-SHA256: 32 bytes, 43 or 44 characters of base64.
    if (!params.get('sv') || !sig || !/^[A-Za-z0-9+/]{43}=?$/.test(sig) || !looksRandom(sig)) continue;
    const expiry = params.get('se');
    const expires = expiry && !Number.isNaN(Date.parse(expiry)) ? new Date(expiry).toISOString() : undefined;
    const account = STORAGE_HOST.exec(text.slice(run.start, run.end))?.[1];
    emit.hit(run.start, run.end, {
      checkId: 'local.credential.azure-storage',
      kind: 'azure-sas',
      fingerprint: `sig ${secretFingerprint(sig)}`,
      ...(account ? { account } : {}),
      ...(expires ? { expires, expired: Date.parse(expires) <= now.getTime() } : {}),
    });
  }
}
