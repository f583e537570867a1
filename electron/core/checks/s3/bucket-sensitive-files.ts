import { bucketCheck } from '../types';
import { unknownFrom } from '../verdict';

/**
 * Object names that point to database dumps, backups, keys and credentials. By name only:
 * reading the first bytes of each file (magic numbers) would settle what is really inside.
 * The first rule that matches names the kind.
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

export const bucketSensitiveFiles = bucketCheck(
  {
    id: 's3.bucket.sensitive-files',
    title: 'Database dumps, backups or keys in the bucket',
    severity: 'high',
    category: 'data',
    whatItMeans:
      'Files in this bucket are named like database dumps, backups, private keys or password and credential files.',
    whyItMatters:
      'One such file can hold the whole voter registration database or the keys to other systems. They need the tightest protection, or belong somewhere else entirely.',
    references: ['NIST SP 800-53 IA-5(7)', 'NIST SP 800-53 SC-12', 'NIST SP 800-53 SC-28', 'NIST SP 800-53 CP-9'],
  },
  (bucket) => {
    const o = bucket.objects;
    if (o.kind !== 'value') return unknownFrom(`whether bucket ${bucket.name} holds dumps, backups or keys`, o);
    const found = o.value.sample.flatMap((obj) => {
      const kind = sensitiveKind(obj.key);
      return kind ? [{ key: obj.key, size: obj.size, kind }] : [];
    });
    const n = o.value.sample.length;
    const truncated = o.value.truncated ? ' (the listing was truncated)' : '';
    if (found.length) {
      return {
        status: 'fail',
        detail: `Bucket ${bucket.name} holds ${found.length} file${found.length === 1 ? '' : 's'} named like database dumps, backups or keys: ${found
          .slice(0, 4)
          .map((f) => `${f.key} (${f.kind})`)
          .join(', ')}${found.length > 4 ? ', ...' : ''}.`,
        evidence: { files: found.slice(0, 50), sampled: n, truncated: o.value.truncated },
      };
    }
    return {
      status: 'pass',
      detail: `None of the ${n} sampled object name${n === 1 ? '' : 's'} in bucket ${bucket.name} looks like a database dump, backup, key or credential file${truncated}.`,
      evidence: { sampled: n, truncated: o.value.truncated },
    };
  },
);
