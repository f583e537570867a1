/**
 * Object and file names that point to database dumps, backups, keys and credentials. A name
 * is a hint; the first bytes (file-magic.ts) settle what an unnamed file really is. The first
 * rule that matches names the kind. Kept apart from the check so that an S3 Inventory import
 * can keep the keys that matter without reaching into the checks.
 */
const RULES: Array<{ kind: string; name: RegExp }> = [
  { kind: 'private key or certificate', name: /(\.(pem|key|p12|pfx|jks|keystore|ppk)|(^|\/)id_(rsa|dsa|ecdsa|ed25519))$/i },
  {
    kind: 'credentials file',
    name: /(^|\/)(\.env(\.(?!example$|sample$|template$)[\w-]+)?|credentials(\.csv|\.json)?|[\w.-]*accesskeys\.csv|rootkey\.csv|\.netrc|\.pgpass|\.htpasswd|\.git-credentials|\.s3cfg|\.boto|[\w.-]*\.tfstate(\.backup)?)$/i,
  },
  { kind: 'password vault', name: /\.(kdbx|kdb|psafe3|1pux)$/i },
  { kind: 'database dump', name: /\.(sql|dump|pgdump|dmp|bacpac)(\.(gz|bz2|xz|zst|zip|7z))?$/i },
  { kind: 'database file', name: /\.(mdb|accdb|sqlite3?|mdf|ldf)$/i },
  { kind: 'backup', name: /\.(bak|backup)(\.(gz|zip|7z))?$/i },
  { kind: 'disk image', name: /\.(vhdx?|vmdk|ova|qcow2)$/i },
];

export const sensitiveKind = (key: string): string | undefined => RULES.find((r) => r.name.test(key))?.kind;
