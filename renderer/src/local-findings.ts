import type { Finding } from './api';

/** The checks of a folder scan (design.md section 4): local.voter-file and local.credential.*. */
export const isLocalCheck = (checkId: string) => checkId.startsWith('local.');
export const VOTER_FILE_CHECK = 'local.voter-file';
export const isCredentialCheck = (checkId: string) => checkId.startsWith('local.credential.');

/** What a folder scan found, one finding per file (a file with two kinds of credential is one file to deal with). */
export interface LocalFound {
  voterFiles: Finding[];
  credentialFiles: Finding[];
  /** Folders with paths that could not be read: something may be there unseen. */
  unreadable: Finding[];
}

const onePerFile = (fs: Finding[]) => [...new Map(fs.map((f) => [f.resource.id, f])).values()];

/** null when the audit scanned no folder. */
export function localFound(findings: Finding[]): LocalFound | null {
  const local = findings.filter((f) => isLocalCheck(f.checkId));
  if (!local.length) return null;
  return {
    voterFiles: onePerFile(local.filter((f) => f.checkId === VOTER_FILE_CHECK && f.status === 'fail')),
    credentialFiles: onePerFile(local.filter((f) => isCredentialCheck(f.checkId) && f.status === 'fail')),
    unreadable: onePerFile(local.filter((f) => f.status === 'unknown')),
  };
}
