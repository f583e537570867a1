/**
 * What a file is, from its first bytes (magic numbers and the first line of text dumps), for
 * files whose name does not say: a database dump renamed data.bin is still a dump. Only the
 * kind is ever kept, never a byte. resources/collect/collect-s3-evidence.sh (MAGIC_AWK) makes
 * the same call in awk, rule for rule, so a bundle it writes gives the same verdicts.
 */

/** How many first bytes are read: every signature below sits in them. */
export const MAGIC_BYTES = 512;

/** What the sensitive-files check makes of a kind; an archive is noted, never an alarm by itself. */
export type MagicCategory = 'database file' | 'database dump' | 'backup' | 'private key or certificate' | 'password vault' | 'credentials file' | 'archive';

export const MAGIC_KINDS = {
  sqlite: { description: 'SQLite database', category: 'database file' },
  'access-db': { description: 'Microsoft Access database', category: 'database file' },
  pgdump: { description: 'PostgreSQL custom-format dump (pg_dump -Fc)', category: 'database dump' },
  'postgres-sql-dump': { description: 'PostgreSQL plain SQL dump', category: 'database dump' },
  'mysql-dump': { description: 'MySQL or MariaDB dump (mysqldump)', category: 'database dump' },
  'oracle-export': { description: 'Oracle export (exp)', category: 'database dump' },
  'mssql-backup': { description: 'SQL Server backup (Microsoft Tape Format)', category: 'backup' },
  'private-key': { description: 'private key (PEM, OpenSSH, PGP or PuTTY)', category: 'private key or certificate' },
  pkcs12: { description: 'PKCS#12 key store (.p12/.pfx)', category: 'private key or certificate' },
  keepass: { description: 'KeePass password database', category: 'password vault' },
  'aws-credentials': { description: 'AWS credentials file', category: 'credentials file' },
  gzip: { description: 'gzip archive', category: 'archive' },
  zip: { description: 'zip archive', category: 'archive' },
  '7z': { description: '7-Zip archive', category: 'archive' },
  xz: { description: 'xz archive', category: 'archive' },
  bzip2: { description: 'bzip2 archive', category: 'archive' },
  zstd: { description: 'Zstandard archive', category: 'archive' },
} as const satisfies Record<string, { description: string; category: MagicCategory }>;

export type MagicKind = keyof typeof MAGIC_KINDS;

export const isMagicKind = (s: string): s is MagicKind => Object.prototype.hasOwnProperty.call(MAGIC_KINDS, s);

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const has = (b: Buffer, s: string) => b.indexOf(s, 0, 'latin1') >= 0;

/**
 * PKCS#12 is DER: a SEQUENCE (0x30) of any length form, then INTEGER 3 (02 01 03), the PFX
 * version. Nothing else starts quite like it.
 */
function pkcs12(b: Uint8Array): boolean {
  if (b[0] !== 0x30) return false;
  const at = b[1] < 0x80 ? 2 : b[1] === 0x80 ? 2 : b[1] <= 0x84 ? 2 + (b[1] - 0x80) : -1;
  return at > 0 && startsWith(b, [0x02, 0x01, 0x03], at);
}

/** The first rule that matches names the kind (order matters: a dump is text, and so is a key). */
const RULES: Array<[MagicKind, (b: Buffer) => boolean]> = [
  ['sqlite', (b) => startsWith(b, [...ascii('SQLite format 3'), 0])],
  ['access-db', (b) => startsWith(b, ascii('Standard Jet DB'), 4) || startsWith(b, ascii('Standard ACE DB'), 4)],
  ['pgdump', (b) => startsWith(b, ascii('PGDMP'))],
  ['keepass', (b) => startsWith(b, [0x03, 0xd9, 0xa2, 0x9a]) && [0x65, 0x66, 0x67].includes(b[4]) && startsWith(b, [0xfb, 0x4b, 0xb5], 5)],
  // Microsoft Tape Format, which SQL Server backups are written in; binary, unlike a text file starting "TAPE".
  ['mssql-backup', (b) => startsWith(b, ascii('TAPE')) && b.includes(0)],
  ['7z', (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])],
  ['xz', (b) => startsWith(b, [0xfd, ...ascii('7zXZ'), 0])],
  ['zstd', (b) => startsWith(b, [0x28, 0xb5, 0x2f, 0xfd])],
  ['gzip', (b) => startsWith(b, [0x1f, 0x8b])],
  ['zip', (b) => startsWith(b, [...ascii('PK'), 3, 4])],
  ['bzip2', (b) => startsWith(b, ascii('BZh'))],
  ['pkcs12', pkcs12],
  ['oracle-export', (b) => has(b, 'EXPORT:V')],
  ['mysql-dump', (b) => has(b, '-- MySQL dump') || has(b, '-- MariaDB dump')],
  ['postgres-sql-dump', (b) => has(b, '-- PostgreSQL database dump')],
  ['private-key', (b) => has(b, 'PRIVATE KEY-----') || has(b, 'PRIVATE KEY BLOCK-----') || startsWith(b, ascii('PuTTY-User-Key-File-'))],
  ['aws-credentials', (b) => has(b, 'aws_secret_access_key')],
];

/** The kind of a file from its first MAGIC_BYTES bytes (more are ignored), or undefined. */
export function fileMagic(bytes: Uint8Array): MagicKind | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MAGIC_BYTES));
  return RULES.find(([, test]) => test(b))?.[0];
}

/**
 * Object names that do not settle what a file is: no extension, or one that dumps, backups
 * and exports hide behind. Tables (.csv, .txt, .dat ...) are read by the voter-file
 * classifier instead.
 */
const UNSETTLED = /(^|\/)[^/.]+$|\.(bak|bin|dump|dmp|gz|db|data|raw|old|tmp|backup|out|img|blob|enc|exp|export|archive|\d{3})$/i;
export const nameNeedsMagic = (key: string): boolean => UNSETTLED.test(key);
