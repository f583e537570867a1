import { CancelledError, InputError } from '../errors';
import { bucketSettings, configPabSchema, mapPab, notInConfig } from './aws-config-bucket';
import { noBucketItems, readConfigFile, type ConfigFile, type ConfigItem } from './aws-config-file';
import { configCall, decode, shapeProblem, unreadable } from './aws-config-values';
import { BUCKET_NAME, type BundleSummary, type ReadOptions } from './evidence-bundle';
import type { BucketInventory, Inventory, PublicAccessBlock } from './inventory';
import { missing, value, type Observed } from './observed';

/**
 * AWS Config (offline): AWS::S3::Bucket and AWS::S3::AccountPublicAccessBlock
 * configuration items read into the same inventory as an evidence bundle, so that the same
 * checks run on them. Items of other types are ignored. A history holds several items per
 * resource: the newest counts, and a resource whose newest item says it was deleted (or is
 * no longer recorded) is left out.
 */

const BUCKET_TYPE = 'AWS::S3::Bucket';
const ACCOUNT_PAB_TYPE = 'AWS::S3::AccountPublicAccessBlock';
/** Statuses of an item that describes the resource as it is (batch-get items may carry none). */
const CURRENT = new Set(['OK', 'ResourceDiscovered', undefined]);
const YIELD_EVERY = 20;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function captureTime(item: ConfigItem): number {
  const t = item.raw.configurationItemCaptureTime;
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : -Infinity;
}

/** The newest item per resource; on equal capture times, the first in the file. */
function newest(items: ConfigItem[], key: (i: ConfigItem) => string): ConfigItem[] {
  const by = new Map<string, ConfigItem>();
  for (const i of items) {
    const k = key(i);
    const seen = by.get(k);
    if (!seen || captureTime(i) > captureTime(seen)) by.set(k, i);
  }
  return [...by.values()];
}

const isCurrent = (i: ConfigItem) => CURRENT.has(str(i.raw.configurationItemStatus));

function bucketName(file: ConfigFile, i: ConfigItem): string {
  const name = str(i.raw.resourceName) ?? str(i.raw.resourceId);
  if (!name) throw new InputError(`${file.label}: an ${BUCKET_TYPE} item names no bucket (no resourceName or resourceId)`);
  if (!BUCKET_NAME.test(name)) throw new InputError(`${file.label}: "${name.slice(0, 80)}" is not a valid bucket name`);
  return name;
}

/** What a scan needs from the file: the account, the current buckets and the account's Block Public Access item. */
interface Selection {
  accountId: string;
  partition: string;
  buckets: Array<{ name: string; item: ConfigItem }>;
  accountPab?: ConfigItem;
  collectedAt?: string;
  collector: string;
}

function select(file: ConfigFile): Selection {
  const s3 = file.items.filter((i) => i.resourceType === BUCKET_TYPE || i.resourceType === ACCOUNT_PAB_TYPE);
  if (s3.length === 0) {
    const types = [...new Set(file.items.map((i) => i.resourceType))];
    throw noBucketItems(
      file.label,
      types.length ? `it holds ${file.items.length} item${file.items.length === 1 ? '' : 's'} of ${types.slice(0, 5).join(', ')}${types.length > 5 ? ' and other types' : ''}` : 'the list is empty',
    );
  }
  const accounts = [...new Set(s3.map((i) => str(i.raw.accountId) ?? str(i.raw.awsAccountId)).filter((a): a is string => a !== undefined))];
  if (accounts.length > 1) {
    throw new InputError(`${file.label} holds items of ${accounts.length} AWS accounts (${accounts.slice(0, 3).join(', ')}): give one file per account`);
  }
  const bucketItems = s3.filter((i) => i.resourceType === BUCKET_TYPE);
  const names = new Map(bucketItems.map((i) => [i, bucketName(file, i)]));
  const buckets = newest(bucketItems, (i) => names.get(i) ?? '')
    .filter(isCurrent)
    .map((item) => ({ name: names.get(item) ?? '', item }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const [accountPab] = newest(s3.filter((i) => i.resourceType === ACCOUNT_PAB_TYPE), () => ACCOUNT_PAB_TYPE);
  const used = [...buckets.map((b) => b.item), ...(accountPab ? [accountPab] : [])];
  const newestTime = used.reduce((t, i) => Math.max(t, captureTime(i)), -Infinity);
  const arn = s3.map((i) => str(i.raw.arn) ?? str(i.raw.ARN)).find(Boolean);
  return {
    accountId: accounts[0] ?? 'unknown',
    partition: (arn && /^arn:([a-z-]+):/.exec(arn)?.[1]) || 'aws',
    buckets,
    accountPab,
    // Items are captured when a resource changes: the newest capture is the least the file vouches for.
    collectedAt: Number.isFinite(newestTime) ? new Date(newestTime).toISOString() : undefined,
    collector: `AWS Config${file.snapshotId ? ` snapshot ${file.snapshotId}` : ''}`,
  };
}

function accountPab(item: ConfigItem | undefined): Observed<PublicAccessBlock> {
  const call = configCall(ACCOUNT_PAB_TYPE);
  // Deleting the account's setting (DeletePublicAccessBlock) is recorded as a deleted item.
  if (item && str(item.raw.configurationItemStatus) === 'ResourceDeleted') return { kind: 'none', call, code: 'NoSuchPublicAccessBlockConfiguration' };
  if (!item || !isCurrent(item)) return missing(call);
  const d = decode(item.raw.configuration);
  if (!d.ok) return unreadable(call, d.message);
  const r = configPabSchema.safeParse(d.value);
  return r.success ? mapPab(r.data) : unreadable(call, `unexpected shape: ${shapeProblem(r.error)}`);
}

function tagging(item: ConfigItem): BucketInventory['tagging'] {
  const tags = item.raw.tags;
  if (!isRecord(tags)) return missing('config:tags');
  const set = Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string');
  return set.length ? value(set.map(([Key, Value]) => ({ Key, Value }))) : { kind: 'none', call: 'config:tags', code: 'NoSuchTagSet' };
}

function readBucket(file: ConfigFile, name: string, item: ConfigItem): BucketInventory {
  const configuration = decode(item.raw.configuration);
  if (!configuration.ok) throw new InputError(`${file.label}: the configuration of bucket ${name} is ${configuration.message}`);
  const supplementary = decode(item.raw.supplementaryConfiguration ?? {});
  if (!supplementary.ok || !isRecord(supplementary.value)) {
    throw new InputError(`${file.label}: the supplementaryConfiguration of bucket ${name} is ${supplementary.ok ? 'not an object' : supplementary.message}`);
  }
  const settings = bucketSettings(supplementary.value);
  const created = isRecord(configuration.value) ? str(configuration.value.creationDate) : undefined;
  const region = str(item.raw.awsRegion);
  return {
    name,
    creationDate: created ?? str(item.raw.resourceCreationTime),
    region: region ? value(region) : missing('config:awsRegion'),
    ...settings,
    ...notInConfig(),
    tagging: tagging(item),
  };
}

/** Checks that a file holds AWS Config items of S3 and says what is in it. */
export async function inspectAwsConfig(p: string): Promise<BundleSummary> {
  const s = select(await readConfigFile(p));
  return { accountId: s.accountId, collectedAt: s.collectedAt, collector: s.collector, bucketCount: s.buckets.length };
}

export async function readAwsConfig(p: string, opts: ReadOptions = {}): Promise<Inventory> {
  return inventoryFromConfig(await readConfigFile(p), opts);
}

export async function inventoryFromConfig(file: ConfigFile, opts: ReadOptions = {}): Promise<Inventory> {
  const s = select(file);
  const total = s.buckets.length;
  const buckets: BucketInventory[] = [];
  opts.onProgress?.({ done: 0, total });
  for (const [i, b] of s.buckets.entries()) {
    if (opts.signal?.aborted) throw new CancelledError();
    buckets.push(readBucket(file, b.name, b.item));
    opts.onProgress?.({ done: i + 1, total, bucket: b.name });
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise<void>((r) => setImmediate(r));
  }
  return {
    account: {
      accountId: s.accountId,
      partition: s.partition,
      // Config items are recorded by AWS Config itself: no identity of Canvass's signed them.
      callerIdentity: missing('get-caller-identity'),
      publicAccessBlock: accountPab(s.accountPab),
    },
    buckets,
    collectedAt: s.collectedAt,
    collector: s.collector,
  };
}
