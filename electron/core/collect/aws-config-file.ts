import { promises as fs } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../errors';

/**
 * Reading an AWS Config file: a configuration snapshot or history file as AWS Config
 * delivers it to S3 (`{"fileVersion", "configSnapshotId", "configurationItems": [...]}`,
 * usually gzipped), or a list of configuration items as the AWS CLI prints them:
 * `get-resource-config-history` (`{"configurationItems": [...]}`),
 * `batch-get-resource-config` (`{"baseConfigurationItems": [...]}`), or a bare JSON array.
 */

/** One configuration item, as untrusted JSON: only its identity is read here. */
export interface ConfigItem {
  resourceType: string;
  raw: Record<string, unknown>;
}

export interface ConfigFile {
  label: string;
  items: ConfigItem[];
  /** The snapshot's id, when the file is a delivered snapshot. */
  snapshotId?: string;
}

/** A county's Config snapshot is a few megabytes; anything past this is not one. */
const MAX_CONFIG_BYTES = 256 * 1024 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

async function readBytes(p: string): Promise<Buffer> {
  let st;
  try {
    st = await fs.stat(p);
  } catch {
    throw new InputError(`${p}: no such file`);
  }
  if (!st.isFile()) throw new InputError(`${p}: not a file`);
  if (st.size > MAX_CONFIG_BYTES) throw new InputError(`${p}: too large for an AWS Config file (over ${MAX_CONFIG_BYTES / 1024 / 1024} MB)`);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(p);
  } catch (e) {
    throw new InputError(`${p}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // AWS Config delivers .json.gz; a renamed file is recognized by its bytes, not its name.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_CONFIG_BYTES });
  } catch (e) {
    const tooLarge = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new InputError(`${p}: ${tooLarge ? 'expands to more than an AWS Config file can hold' : `not a readable gzip file (${(e as Error).message})`}`);
  }
}

/** Where the items are, in each shape AWS prints them. */
function itemList(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (!isRecord(data)) return undefined;
  if (Array.isArray(data.configurationItems)) return data.configurationItems;
  if (Array.isArray(data.baseConfigurationItems)) return data.baseConfigurationItems;
  return undefined;
}

export function noBucketItems(label: string, why: string): InputError {
  return new InputError(`${label} holds no AWS::S3::Bucket configuration items (${why})`);
}

export function parseConfigFile(label: string, bytes: Buffer): ConfigFile {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${label}: not valid JSON (${(e as Error).message})`);
  }
  const list = itemList(data);
  if (!list) {
    const bundle = isRecord(data) && typeof data.format === 'string' && data.format.startsWith('canvass-evidence');
    throw noBucketItems(
      label,
      bundle
        ? 'it is the manifest of an evidence bundle: choose the bundle\'s folder or .zip instead'
        : 'it is neither an AWS Config snapshot nor a list of configuration items',
    );
  }
  const items = list.map((raw, i): ConfigItem => {
    if (!isRecord(raw) || typeof raw.resourceType !== 'string') {
      throw new InputError(`${label}: item ${i + 1} is not an AWS Config configuration item (it has no resourceType)`);
    }
    return { resourceType: raw.resourceType, raw };
  });
  const snapshotId = isRecord(data) && typeof data.configSnapshotId === 'string' ? data.configSnapshotId : undefined;
  return { label, items, snapshotId };
}

export async function readConfigFile(p: string): Promise<ConfigFile> {
  return parseConfigFile(p, await readBytes(p));
}
