/** How much a local scan reads, and how far it lets an archive expand before calling it a bomb. */
export interface LocalLimits {
  /** Larger files get their first block classified but are not searched for credentials. */
  maxFileBytes: number;
  /** Text is read and scanned this much at a time, so a giant one-line file costs no more memory. */
  chunkBytes: number;
  /** What the voter-file classifier and the binary test look at. */
  headBytes: number;
  archive: {
    maxEntries: number;
    /** Uncompressed bytes read from one archive on disk, nested archives included. */
    maxTotalBytes: number;
    /** An entry expanding more than this many times (and past 1 MiB) is a zip bomb. */
    maxRatio: number;
    /** An archive inside an archive counts one level. */
    maxDepth: number;
    /** A nested archive is read from memory; larger ones are reported and not opened. */
    maxNestedBytes: number;
  };
}

export const DEFAULT_LIMITS: LocalLimits = {
  maxFileBytes: 512 * 1024 * 1024,
  chunkBytes: 1024 * 1024,
  headBytes: 64 * 1024,
  archive: {
    maxEntries: 10_000,
    maxTotalBytes: 1024 * 1024 * 1024,
    maxRatio: 200,
    maxDepth: 3,
    maxNestedBytes: 64 * 1024 * 1024,
  },
};
