/**
 * Why a path could not be read, in words a clerk can act on. Only the error code is used:
 * Node's messages repeat the path, and the finding names the file already.
 */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no longer exists (removed or renamed while the scan ran)',
  ENOTDIR: 'changed from a folder into a file while the scan ran',
  EISDIR: 'changed from a file into a folder while the scan ran',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many files open at once',
  ENFILE: 'too many files open at once',
  EIO: 'input/output error from the disk or share',
  EBUSY: 'in use and locked by another program',
  ETIMEDOUT: 'the network share did not answer in time',
  EHOSTDOWN: 'the network share is unreachable',
  ESTALE: 'the network share lost track of it (stale handle)',
};

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return code ? `could not be read (${code})` : 'could not be read';
}
