import { GetBucketLocationCommand, GetObjectAclCommand, ListBucketsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { setMaxListeners } from 'node:events';
import type { z } from 'zod';
import { CancelledError } from '../../errors';
import { canvassVersion } from '../../version';
import { EVIDENCE_FORMAT } from '../evidence-bundle';
import { bucketCalls, callerIdentitySchema, listBucketsSchema, pabSchema, type BucketCall } from '../evidence-schemas';
import { BUCKET_CONFIG_COMMANDS } from './bucket-commands';
import { callError, credentialOrNetworkProblem, listBucketsProblem, notS3, type CallError, type StartContext } from './call-errors';
import { cliBucketLocation, cliListObjectsV2, cliOutput } from './cli-output';
import { openLiveClients, type LiveClients } from './clients';
import { limiter } from './limiter';
import { LIVE_DEFAULTS, liveSourceName, type LiveOptions } from './live-options';
import { MAGIC_SAMPLE, magicKeys, sampleMagic, sampleTable, spreadKeys, tableKeys, type ListedObject } from './object-sampling';

export interface LiveProgress {
  bucketsFound: number;
  bucketsDone: number;
  callsDone: number;
  /** The bucket just finished. */
  bucket?: string;
}

export interface LiveRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: LiveProgress) => void;
}

/** A live read, as the files of a canvass-evidence/1 bundle (what the AWS CLI v2 would have printed). */
export interface LiveEvidence {
  files: Map<string, string>;
  /** The endpoint, or "aws REGION". */
  source: string;
  identityArn?: string;
  accountId?: string;
  bucketCount: number;
  calls: number;
  failedCalls: number;
}

type Answer<T> = { ok: true; output: T } | { ok: false; error: CallError; thrown: unknown };

/** Object reads that found nothing to sample: the object went away, or it is empty. */
const NOTHING_TO_SAMPLE = new Set(['NoSuchKey', 'InvalidRange']);

/** The region a LocationConstraint names: none is us-east-1, the legacy "EU" is eu-west-1. */
const regionOf = (lc: string | null | undefined) => (!lc ? 'us-east-1' : lc === 'EU' ? 'eu-west-1' : lc);

/** Object-level evidence is one file per bucket: one failed read (other than nothing to sample) makes it an error file. */
const firstFailure = <T>(answers: Array<Answer<T>>) => answers.find((a) => !a.ok && !NOTHING_TO_SAMPLE.has(a.error.code));

const isJson = (s: string) => {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
};

/**
 * Reads an account live through the read-only clients and returns the files of an evidence
 * bundle. The scan reads those files with the same reader as an offline bundle, so a live
 * scan and an offline scan of the same account give the same findings.
 */
export async function readLiveEvidence(o: LiveOptions, run: LiveRunOptions = {}): Promise<LiveEvidence> {
  // Every call in flight listens to the cancel signal: a signal of our own, without the
  // default limit of ten listeners, follows the caller's.
  const cancel = new AbortController();
  setMaxListeners(0, cancel.signal);
  const follow = () => cancel.abort();
  if (run.signal?.aborted) cancel.abort();
  run.signal?.addEventListener('abort', follow, { once: true });
  const clients = await openLiveClients(o);
  try {
    return await new LiveRead(o, clients, { ...run, signal: cancel.signal }).read();
  } finally {
    run.signal?.removeEventListener('abort', follow);
    clients.destroy();
  }
}

class LiveRead {
  private readonly files = new Map<string, string>();
  private readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  private readonly ctx: StartContext;
  private calls = 0;
  private failed = 0;
  private bucketsFound = 0;
  private bucketsDone = 0;

  constructor(
    private readonly o: LiveOptions,
    private readonly clients: LiveClients,
    private readonly run: LiveRunOptions,
  ) {
    this.limit = limiter(o.concurrency ?? LIVE_DEFAULTS.concurrency);
    this.ctx = { profile: o.profile, endpoint: o.endpoint, region: clients.region, audience: o.audience };
  }

  async read(): Promise<LiveEvidence> {
    const collectedAt = new Date().toISOString();
    const identity = await this.identity();
    const buckets = await this.listBuckets();
    const accountId = identity?.Account && /^\d{12}$/.test(identity.Account) ? identity.Account : undefined;
    if (accountId) await this.accountPublicAccessBlock(accountId);
    await this.eachBucket(buckets);
    const partition = /^arn:([^:]+):/.exec(identity?.Arn ?? '')?.[1] ?? 'aws';
    this.write('manifest.json', {
      format: EVIDENCE_FORMAT,
      collectedAt,
      collector: `canvass ${canvassVersion()}`,
      ...(accountId ? { accountId } : {}),
      partition,
    });
    return {
      files: this.files,
      source: liveSourceName(this.o, this.clients.region),
      identityArn: identity?.Arn,
      accountId,
      bucketCount: buckets.length,
      calls: this.calls,
      failedCalls: this.failed,
    };
  }

  /** One call through the limiter: its answer or its error; a cancel ends the whole read. */
  private attempt<T>(send: (signal?: AbortSignal) => Promise<T>): Promise<Answer<T>> {
    const { signal } = this.run;
    return this.limit(async () => {
      if (signal?.aborted) throw new CancelledError();
      let answer: Answer<T>;
      try {
        answer = { ok: true, output: await send(signal) };
      } catch (e) {
        if (signal?.aborted) throw new CancelledError();
        answer = { ok: false, error: callError(e, (s) => this.clients.scrubber.scrub(s)), thrown: e };
      }
      this.calls++;
      return answer;
    });
  }

  private write(rel: string, data: unknown): void {
    this.files.set(rel, `${JSON.stringify(data, null, 4)}\n`);
  }

  /**
   * Writes CALL.json with what the CLI would print, or CALL.error.json. An answer without the
   * shape the reader needs is recorded as a failed call, so a live read never breaks the reader.
   */
  private record<S extends z.ZodType>(
    rel: string,
    answer: Answer<unknown>,
    schema: S,
    print: (o: never) => unknown = cliOutput,
    check?: (printed: Record<string, unknown>) => string | undefined,
  ): z.infer<S> | undefined {
    if (!answer.ok) {
      this.failed++;
      this.write(`${rel}.error.json`, answer.error);
      return undefined;
    }
    const printed = print(answer.output as never);
    const parsed = schema.safeParse(printed);
    const problem = parsed.success
      ? check?.(printed as Record<string, unknown>)
      : `unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
    if (problem !== undefined) {
      this.failed++;
      this.write(`${rel}.error.json`, { code: 'MalformedResponse', message: `the answer could not be read (${problem})` });
      return undefined;
    }
    this.write(`${rel}.json`, printed);
    return parsed.data as z.infer<S>;
  }

  private progress(bucket?: string): void {
    this.run.onProgress?.({ bucketsFound: this.bucketsFound, bucketsDone: this.bucketsDone, callsDone: this.calls, bucket });
  }

  private async identity() {
    const answer = await this.attempt((s) => this.clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal: s }));
    if (!answer.ok) {
      const fatal = credentialOrNetworkProblem(answer.thrown, answer.error, this.ctx);
      if (fatal) throw fatal;
    }
    const identity = this.record('account/caller-identity', answer, callerIdentitySchema);
    this.ctx.identity = identity?.Arn;
    return identity;
  }

  /** Every page of ListBuckets, as the CLI prints it after following the pages. */
  private async listBuckets() {
    const s3 = this.clients.s3(this.clients.region);
    const all: object[] = [];
    let first: object | undefined;
    let token: string | undefined;
    do {
      const page = await this.attempt((s) => s3.send(new ListBucketsCommand({ ContinuationToken: token }), { abortSignal: s }));
      if (!page.ok) throw listBucketsProblem(page.thrown, page.error, this.ctx);
      if (!page.output.Owner && !page.output.Buckets) throw notS3(this.ctx, 'no owner and no bucket list in its answer to ListBuckets');
      first ??= page.output;
      all.push(...(page.output.Buckets ?? []).filter((b) => !this.o.onlyBuckets || this.o.onlyBuckets.includes(b.Name ?? '')));
      token = page.output.ContinuationToken;
    } while (token);
    const list = this.record('buckets/list-buckets', { ok: true, output: { ...first, Buckets: all, ContinuationToken: undefined } }, listBucketsSchema);
    if (!list) throw notS3(this.ctx, 'a bucket list Canvass cannot read');
    this.bucketsFound = list.Buckets.length;
    this.progress();
    return list.Buckets;
  }

  private async accountPublicAccessBlock(AccountId: string) {
    const answer = await this.attempt((s) =>
      this.clients.s3Control.send(new GetAccountPublicAccessBlockCommand({ AccountId }), { abortSignal: s }),
    );
    this.record('account/public-access-block', answer, pabSchema);
  }

  /** Buckets read side by side (the limiter bounds the calls in flight); none is dropped. */
  private async eachBucket(buckets: Array<{ Name: string; BucketRegion?: string }>) {
    let next = 0;
    const worker = async () => {
      while (next < buckets.length) {
        const b = buckets[next++];
        await this.bucket(b.Name, b.BucketRegion);
        this.bucketsDone++;
        this.progress(b.Name);
      }
    };
    const workers = Math.min(buckets.length, this.o.concurrency ?? LIVE_DEFAULTS.concurrency);
    await Promise.all(Array.from({ length: workers }, worker));
  }

  private async bucket(Bucket: string, listedRegion?: string) {
    const dir = `buckets/${Bucket}`;
    const home = this.clients.s3(this.clients.region);
    const location = this.record(
      `${dir}/get-bucket-location`,
      await this.attempt((s) => home.send(new GetBucketLocationCommand({ Bucket }), { abortSignal: s })),
      bucketCalls['get-bucket-location'].schema,
      cliBucketLocation,
    );
    // A bucket whose location cannot be read is still read, in the region ListBuckets gave or the default one.
    const client = this.clients.s3(location ? regionOf(location.LocationConstraint) : (listedRegion ?? this.clients.region));
    await Promise.all(
      Object.entries(BUCKET_CONFIG_COMMANDS).map(async ([call, send]) => {
        const answer = await this.attempt((s) => send(client, Bucket, s));
        const check =
          call === 'get-bucket-policy'
            ? (p: Record<string, unknown>) => (typeof p.Policy === 'string' && isJson(p.Policy) ? undefined : 'the Policy string is not valid JSON')
            : undefined;
        this.record(`${dir}/${call}`, answer, bucketCalls[call as BucketCall].schema, cliOutput, check);
      }),
    );
    await this.objects(client, Bucket, dir);
  }

  /** A bounded listing, the ACLs of a few listed objects, the shapes of a few tables and the kinds of a few unnamed files. */
  private async objects(client: S3Client, Bucket: string, dir: string) {
    const listing = this.record(
      `${dir}/list-objects-v2`,
      await this.attempt((s) =>
        client.send(
          new ListObjectsV2Command({ Bucket, MaxKeys: this.o.objectSample ?? LIVE_DEFAULTS.objectSample, EncodingType: 'url' }),
          { abortSignal: s },
        ),
      ),
      bucketCalls['list-objects-v2'].schema,
      cliListObjectsV2,
    );
    if (!listing) return;
    const objects: ListedObject[] = listing.Contents ?? [];

    const aclKeys = spreadKeys(objects, this.o.objectAclSample ?? LIVE_DEFAULTS.objectAclSample);
    const acls = await Promise.all(
      aclKeys.map((Key) => this.attempt((s) => client.send(new GetObjectAclCommand({ Bucket, Key }), { abortSignal: s }))),
    );
    const byKey = Object.fromEntries(aclKeys.flatMap((key, i) => (acls[i].ok ? [[key, acls[i].output]] : [])));
    this.record(`${dir}/get-object-acl`, firstFailure(acls) ?? { ok: true, output: byKey }, bucketCalls['get-object-acl'].schema);

    const tables = tableKeys(objects, this.o.tableSample ?? LIVE_DEFAULTS.tableSample);
    // Objects whose name does not say what they are: their first bytes may show a dump or a key.
    const unnamed = magicKeys(objects, MAGIC_SAMPLE);
    const samples = await Promise.all([
      ...tables.map((Key) => this.attempt((s) => sampleTable(client, Bucket, Key, s))),
      ...unnamed.map((Key) => this.attempt((s) => sampleMagic(client, Bucket, Key, s))),
    ]);
    const shapes = samples.flatMap((a) => (a.ok && a.output ? [a.output] : []));
    this.record(`${dir}/object-samples`, firstFailure(samples) ?? { ok: true, output: shapes }, bucketCalls['object-samples'].schema, (x) => x);
  }
}
