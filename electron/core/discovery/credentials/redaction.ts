import { createHash } from 'node:crypto';

/**
 * A fingerprint for a secret that shows none of it: the first 8 hex digits of its SHA-256.
 * Enough to tell that two findings are the same secret, useless for signing anything.
 */
export function secretFingerprint(secret: string): string {
  return `sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 8)}`;
}
