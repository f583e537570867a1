/** What a live read of an AWS account (or an S3-compatible service) is told. */
export interface LiveOptions {
  /** A named profile of ~/.aws/config and ~/.aws/credentials (keys, SSO, role, process). */
  profile?: string;
  /** The region for the account-wide calls; each bucket is then read in its own region. */
  region?: string;
  /** An S3-compatible service's URL, or a local S3 API server. */
  endpoint?: string;
  /** Path-style addressing (https://host/bucket/key), which most S3-compatible services need. */
  pathStyle?: boolean;
  /** Keys typed into the app: kept in memory for this read only, never written anywhere. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /**
   * Who reads the one-line problems: the command line's user is told which flag to change
   * (--profile, --endpoint), the app's user which part of the form. The command line's by default.
   */
  audience?: 'cli' | 'app';
  /** Calls in flight at once, across all buckets. */
  concurrency?: number;
  /** Time allowed for one call (each attempt), in milliseconds. */
  callTimeoutMs?: number;
  /** Keys listed per bucket (one ListObjectsV2 page). */
  objectSample?: number;
  /** Sampled objects whose ACL is read. */
  objectAclSample?: number;
  /** Sampled tables whose first 64 KB are read for column names and row shapes. */
  tableSample?: number;
  /** Read only these buckets (verifying one fix); the account-wide settings are read anyway. */
  onlyBuckets?: readonly string[];
}

export const LIVE_DEFAULTS = {
  region: 'us-east-1',
  concurrency: 16,
  callTimeoutMs: 30_000,
  objectSample: 100,
  objectAclSample: 3,
  tableSample: 3,
} as const;

/** How a live source is named in an audit: the endpoint, or AWS and the region. */
export const liveSourceName = (o: LiveOptions, region: string): string => (o.endpoint ? o.endpoint : `aws ${region}`);
