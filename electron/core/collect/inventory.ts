import type { Observed } from './observed';

/** Normalized inventory: what every source (live, evidence bundle, AWS Config) is read into. */

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}
export const PAB_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export interface Grantee {
  Type: 'CanonicalUser' | 'Group' | 'AmazonCustomerByEmail' | string;
  URI?: string;
  ID?: string;
  DisplayName?: string;
  EmailAddress?: string;
}
export interface Grant {
  Grantee: Grantee;
  Permission: 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP' | string;
}
export interface AccessControlList {
  Owner?: { ID?: string; DisplayName?: string };
  Grants: Grant[];
}

export interface EncryptionRule {
  SSEAlgorithm: string;
  KMSMasterKeyID?: string;
  BucketKeyEnabled?: boolean;
}

export interface ObjectSummary {
  key: string;
  size: number;
  lastModified?: string;
}

/** An S3 Inventory report read into a bucket's evidence: its counts, and how many keys it gave the checks. */
export interface InventorySummary {
  /** The manifest, as a path inside the evidence. */
  manifest: string;
  /** When AWS started the report (ISO-8601). */
  createdAt?: string;
  objects: number;
  bytes: number;
  /** Keys named like voter data, dumps, backups or keys; at most `kept` of them are in the sample. */
  matched: number;
  kept: number;
}

/** What the voter-data classifier needs of a tabular object: never the values of a row. */
export interface ObjectSample {
  key: string;
  /** The first line, when it is a header row. */
  header?: string[];
  /** For a few rows: how many fields, and the shape of each (e.g. "digits:8", "alpha", "date"). */
  rowShapes?: string[][];
  /** Fixed-width text: the characters of a record (its rows' shapes are cut at a published layout's positions). */
  lineLength?: number;
  /** Average bytes of a data row in the sample, for a row count estimate from the object's size. */
  rowBytes?: number;
  /** What the object's first bytes show it is (a MagicKind of discovery/file-magic: "sqlite", "pgdump" ...); never the bytes. */
  magic?: string;
}

export interface BucketInventory {
  name: string;
  creationDate?: string;
  region: Observed<string>;
  /** The policy document as AWS stores it, parsed. */
  policy: Observed<unknown>;
  policyStatus: Observed<{ IsPublic?: boolean }>;
  acl: Observed<AccessControlList>;
  publicAccessBlock: Observed<PublicAccessBlock>;
  ownership: Observed<string>;
  encryption: Observed<EncryptionRule[]>;
  versioning: Observed<{ Status?: string; MFADelete?: string }>;
  logging: Observed<{ TargetBucket?: string; TargetPrefix?: string } | null>;
  website: Observed<Record<string, unknown>>;
  cors: Observed<Array<Record<string, unknown>>>;
  objectLock: Observed<Record<string, unknown>>;
  lifecycle: Observed<Array<Record<string, unknown>>>;
  replication: Observed<Record<string, unknown>>;
  notifications: Observed<Record<string, unknown>>;
  tagging: Observed<Array<{ Key: string; Value: string }>>;
  /**
   * What is known of the bucket's objects: a bounded listing, to which an S3 Inventory report
   * adds the keys the checks look for (truncated then says the sample is not every object).
   */
  objects: Observed<{ sample: ObjectSummary[]; truncated: boolean; inventory?: InventorySummary }>;
  objectAcls: Observed<Record<string, AccessControlList>>;
  objectSamples: Observed<ObjectSample[]>;
}

export interface AccountInventory {
  accountId: string;
  partition: string;
  callerIdentity: Observed<{ Account?: string; Arn?: string; UserId?: string }>;
  publicAccessBlock: Observed<PublicAccessBlock>;
}

export interface Inventory {
  account: AccountInventory;
  buckets: BucketInventory[];
  /** Where this inventory came from: collector and time, for the report. */
  collectedAt?: string;
  collector?: string;
}

/** True only when the listing was read, is complete, and holds no object. */
export const isKnownEmpty = (b: BucketInventory): boolean =>
  b.objects.kind === 'value' && b.objects.value.sample.length === 0 && !b.objects.value.truncated;
