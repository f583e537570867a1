const NOT_DATA = 'the system would not read it as a file (a system file, or one the drive cannot serve)';

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
  ENOTCONN: 'the network share or mounted drive was disconnected',
  ENAMETOOLONG: 'its path is longer than the system allows: move or rename the folders above it so the path is shorter, then scan it again',
  // A socket or device put in a file's place after the walk listed it, or a drive pulled out.
  ENXIO: 'is a socket or device rather than a file, or the device it is on is gone',
  ENODEV: 'the drive or device it is on is not available (disconnected?)',
  // What system folders (/proc, /sys) and some network or virtual drives answer for files that are not data.
  EINVAL: NOT_DATA,
  ENOTSUP: NOT_DATA,
};

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return code ? `could not be read (${code})` : 'could not be read';
}
