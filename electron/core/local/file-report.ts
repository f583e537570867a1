import type { CredentialHit } from '../discovery/credentials/scanner';
import type { VoterFileVerdict } from '../discovery/voter-file';

/**
 * What a local scan keeps of one file or archive member: only what a finding needs (the
 * voter-file verdict, credential hits by kind, line and fingerprint, or why it could not be
 * read), never a value from it. Files with nothing to say are counted, not kept.
 */
export interface FileReport {
  /** Absolute path; an archive member is archive.zip!inner/path. */
  id: string;
  /** Relative to the scanned folder, with the same !member suffix. */
  name: string;
  bytes: number;
  voter?: VoterFileVerdict;
  hits: CredentialHit[];
  /** Why it could not be read, or not completely: it may hold what was not found. */
  problem?: string;
}

export interface LocalCounters {
  /** Files on disk opened (archive members not included). */
  files: number;
  bytes: number;
  binarySkipped: number;
  archiveMembers: number;
}

export const zeroCounters = (): LocalCounters => ({ files: 0, bytes: 0, binarySkipped: 0, archiveMembers: 0 });

export function addCounters(into: LocalCounters, c: LocalCounters): void {
  into.files += c.files;
  into.bytes += c.bytes;
  into.binarySkipped += c.binarySkipped;
  into.archiveMembers += c.archiveMembers;
}
