import type { z } from 'zod';
import { CancelledError, InputError } from '../errors';
import { openBundleFiles, type BundleFiles } from './bundle-files';
import { bundleStreams, inventoryFolders, memoryStreams, readBundleInventory, withInventory, type StreamOpener } from './bundle-inventory';
import {
  bucketCalls,
  callerIdentitySchema,
  errorFileSchema,
  listBucketsSchema,
  manifestSchema,
  pabSchema,
  type BucketCall,
} from './evidence-schemas';
import type { AccessControlList, BucketInventory, Inventory, PublicAccessBlock } from './inventory';
import type { Observed } from './observed';

export const EVIDENCE_FORMAT = 'canvass-evidence/1';

const YIELD_EVERY = 20;

/** S3 bucket names as AWS allows them (legacy us-east-1 names may hold upper case and underscores). */
export const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/;

export interface ReadProgress {
  done: number;
  total: number;
  bucket?: string;
}
export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
}

export interface BundleSummary {
  accountId: string;
  collectedAt?: string;
  collector?: string;
  bucketCount: number;
}

function parseJson(files: BundleFiles, rel: string, bytes: Buffer): unknown {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  // The AWS CLI prints nothing at all for some calls with nothing configured
  // (get-bucket-versioning, get-bucket-logging on a fresh bucket).
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${files.label}/${rel}: not valid JSON (${(e as Error).message})`);
  }
}

function validate<S extends z.ZodType>(files: BundleFiles, rel: string, schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new InputError(`${files.label}/${rel}: unexpected shape${where}: ${issue.message}`);
}

/** The bundle's file list, so that absent files are known without trying to open them. */
type Present = ReadonlySet<string>;

async function readJson<S extends z.ZodType>(
  files: BundleFiles,
  rel: string,
  schema: S,
  present?: Present,
): Promise<z.infer<S> | undefined> {
  if (present && !present.has(rel)) return undefined;
  const bytes = await files.read(rel);
  if (bytes === undefined) return undefined;
  return validate(files, rel, schema, parseJson(files, rel, bytes));
}

/** Reads CALL.json or CALL.error.json; neither means the call was not collected. */
async function readCall<S extends z.ZodType>(
  files: BundleFiles,
  present: Present,
  dir: string,
  call: string,
  schema: S,
  noneCodes: readonly string[],
): Promise<Observed<z.infer<S>>> {
  const ok = await readJson(files, `${dir}/${call}.json`, schema, present);
  if (ok !== undefined) return { kind: 'value', value: ok };
  const err = await readJson(files, `${dir}/${call}.error.json`, errorFileSchema, present);
  if (err === undefined) return { kind: 'missing', call };
  if (noneCodes.includes(err.code)) return { kind: 'none', call, code: err.code };
  return { kind: 'error', call, code: err.code, message: err.message };
}

function mapObserved<A, B>(o: Observed<A>, f: (a: A) => B): Observed<B> {
  return o.kind === 'value' ? { kind: 'value', value: f(o.value) } : o;
}

function pab(v: z.infer<typeof pabSchema>): PublicAccessBlock {
  const c = v.PublicAccessBlockConfiguration;
  return {
    BlockPublicAcls: c.BlockPublicAcls === true,
    IgnorePublicAcls: c.IgnorePublicAcls === true,
    BlockPublicPolicy: c.BlockPublicPolicy === true,
    RestrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

async function readManifest(files: BundleFiles) {
  const bytes = await files.read('manifest.json');
  if (bytes === undefined) {
    throw new InputError(`${files.label}: not a Canvass evidence bundle (no manifest.json)`);
  }
  const manifest = validate(files, 'manifest.json', manifestSchema, parseJson(files, 'manifest.json', bytes));
  if (manifest.format !== EVIDENCE_FORMAT) {
    throw new InputError(
      `${files.label}/manifest.json: format "${manifest.format}" is not supported (this version of Canvass reads ${EVIDENCE_FORMAT})`,
    );
  }
  return manifest;
}

async function readBucketList(files: BundleFiles, all: string[]) {
  const list = await readJson(files, 'buckets/list-buckets.json', listBucketsSchema, new Set(all));
  if (list === undefined) {
    const hasBucketDirs = all.some((f) => f.startsWith('buckets/'));
    throw new InputError(
      hasBucketDirs
        ? `${files.label}/buckets/list-buckets.json is missing: the bundle has bucket folders but no list of buckets`
        : `${files.label}: the bundle has no buckets/list-buckets.json`,
    );
  }
  const names = new Set<string>();
  for (const b of list.Buckets) {
    if (!BUCKET_NAME.test(b.Name) || b.Name.includes('..')) {
      throw new InputError(`${files.label}/buckets/list-buckets.json: "${b.Name}" is not a valid bucket name`);
    }
    if (names.has(b.Name)) throw new InputError(`${files.label}/buckets/list-buckets.json: bucket "${b.Name}" is listed twice`);
    names.add(b.Name);
  }
  for (const f of all) {
    const m = /^buckets\/([^/]+)\//.exec(f);
    if (m && !names.has(m[1])) {
      throw new InputError(`${files.label}/buckets/${m[1]}/ is not in buckets/list-buckets.json`);
    }
  }
  return list;
}

/** Checks that a path holds a readable bundle and says what is in it, without reading every bucket. */
export async function inspectEvidenceBundle(p: string): Promise<BundleSummary> {
  const files = await openBundleFiles(p);
  const manifest = await readManifest(files);
  const list = await readBucketList(files, await files.list());
  return {
    accountId: manifest.accountId ?? 'unknown',
    collectedAt: manifest.collectedAt,
    collector: manifest.collector,
    bucketCount: list.Buckets.length,
  };
}

export async function readEvidenceBundle(p: string, opts: ReadOptions = {}): Promise<Inventory> {
  const files = await openBundleFiles(p);
  return readEvidenceFiles(files, opts, bundleStreams(p, files));
}

/** Reads a bundle from any file source: a folder, a .zip, or the files of a live read held in memory. */
export async function readEvidenceFiles(files: BundleFiles, opts: ReadOptions = {}, stream: StreamOpener = memoryStreams(files)): Promise<Inventory> {
  const manifest = await readManifest(files);
  const all = await files.list();
  const list = await readBucketList(files, all);

  const present: Present = new Set(all);
  const inventories = inventoryFolders(all);
  const identity = await readCall(files, present, 'account', 'caller-identity', callerIdentitySchema, []);
  const accountPab = await readCall(files, present, 'account', 'public-access-block', pabSchema, [
    'NoSuchPublicAccessBlockConfiguration',
  ]);
  const accountId =
    manifest.accountId ?? (identity.kind === 'value' ? identity.value.Account : undefined) ?? 'unknown';

  const total = list.Buckets.length;
  const buckets: BucketInventory[] = new Array(total);
  opts.onProgress?.({ done: 0, total });
  for (const [i, b] of list.Buckets.entries()) {
    if (opts.signal?.aborted) throw new CancelledError();
    buckets[i] = await readBucket(files, present, b.Name, b.CreationDate, b.BucketRegion);
    // An S3 Inventory report, for a bucket too large to list, adds the keys the checks look for.
    const report = await readBundleInventory(files, inventories.get(b.Name), b.Name, stream);
    if (report) buckets[i].objects = withInventory(buckets[i].objects, report);
    opts.onProgress?.({ done: i + 1, total, bucket: b.Name });
    // Let progress events and a cancel click through.
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((r) => setImmediate(r));
  }
  return {
    account: {
      accountId,
      partition: manifest.partition ?? 'aws',
      callerIdentity: identity,
      publicAccessBlock: mapObserved(accountPab, pab),
    },
    buckets,
    collectedAt: manifest.collectedAt,
    collector: manifest.collector,
  };
}

async function readBucket(
  files: BundleFiles,
  present: Present,
  name: string,
  creationDate?: string,
  listedRegion?: string,
): Promise<BucketInventory> {
  const dir = `buckets/${name}`;
  const call = <C extends BucketCall>(c: C) =>
    readCall(files, present, dir, c, bucketCalls[c].schema, bucketCalls[c].none) as Promise<
      Observed<z.infer<(typeof bucketCalls)[C]['schema']>>
    >;

  const [location, policy, policyStatus, acl, bucketPab, ownership, encryption, versioning, logging, website, cors] =
    await Promise.all([
      call('get-bucket-location'),
      call('get-bucket-policy'),
      call('get-bucket-policy-status'),
      call('get-bucket-acl'),
      call('get-public-access-block'),
      call('get-bucket-ownership-controls'),
      call('get-bucket-encryption'),
      call('get-bucket-versioning'),
      call('get-bucket-logging'),
      call('get-bucket-website'),
      call('get-bucket-cors'),
    ]);
  const [objectLock, lifecycle, replication, notifications, tagging, objects, objectAcls, objectSamples] =
    await Promise.all([
      call('get-object-lock-configuration'),
      call('get-bucket-lifecycle-configuration'),
      call('get-bucket-replication'),
      call('get-bucket-notification-configuration'),
      call('get-bucket-tagging'),
      call('list-objects-v2'),
      call('get-object-acl'),
      call('object-samples'),
    ]);

  let region: Observed<string> = mapObserved(location, (l) => l.LocationConstraint || 'us-east-1');
  if (region.kind !== 'value' && listedRegion) region = { kind: 'value', value: listedRegion };

  return {
    name,
    creationDate,
    region,
    policy: mapObserved(policy, (p) => {
      try {
        return JSON.parse(p.Policy) as unknown;
      } catch {
        throw new InputError(`${files.label}/${dir}/get-bucket-policy.json: the Policy string is not valid JSON`);
      }
    }),
    policyStatus: mapObserved(policyStatus, (s) => s.PolicyStatus),
    acl: acl as Observed<AccessControlList>,
    publicAccessBlock: mapObserved(bucketPab, pab),
    ownership: mapObserved(ownership, (o) => o.OwnershipControls.Rules[0]?.ObjectOwnership ?? 'ObjectWriter'),
    encryption: mapObserved(encryption, (e) =>
      e.ServerSideEncryptionConfiguration.Rules.flatMap((r) =>
        r.ApplyServerSideEncryptionByDefault
          ? [{ ...r.ApplyServerSideEncryptionByDefault, BucketKeyEnabled: r.BucketKeyEnabled }]
          : [],
      ),
    ),
    versioning,
    logging: mapObserved(logging, (l) => l.LoggingEnabled ?? null),
    website,
    cors: mapObserved(cors, (c) => c.CORSRules),
    objectLock: mapObserved(objectLock, (o) => o.ObjectLockConfiguration),
    lifecycle: mapObserved(lifecycle, (l) => l.Rules),
    replication: mapObserved(replication, (r) => r.ReplicationConfiguration),
    notifications,
    tagging: mapObserved(tagging, (t) => t.TagSet),
    objects: mapObserved(objects, (o) => ({
      sample: (o.Contents ?? []).map((c) => ({ key: c.Key, size: c.Size ?? 0, lastModified: c.LastModified })),
      truncated: o.IsTruncated === true,
    })),
    objectAcls: objectAcls as Observed<Record<string, AccessControlList>>,
    objectSamples,
  };
}
