import { ListBucketsCommand, type ListBucketsCommandOutput } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, type GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import { callError, credentialOrNetworkProblem, listBucketsProblem, notS3, type StartContext } from './call-errors';
import { openLiveClients } from './clients';
import type { LiveOptions } from './live-options';

export interface Connection {
  /** The account and identity STS names; absent where the endpoint has no STS (some S3-compatible services). */
  accountId?: string;
  identityArn?: string;
  /** Permanent access keys: credentials without a session token (every temporary AWS credential has one). */
  longLivedKeys: boolean;
}

/**
 * "Test connection": what a live read does first (who am I, can I list the buckets) and
 * nothing more, so that each way a read cannot start gets the same one line before any audit
 * is begun. Throws a LiveSourceError with that line.
 */
export async function testConnection(o: LiveOptions): Promise<Connection> {
  const clients = await openLiveClients(o);
  const ctx: StartContext = { profile: o.profile, endpoint: o.endpoint, region: clients.region, audience: o.audience };
  const scrub = (s: string) => clients.scrubber.scrub(s);
  try {
    let identity: GetCallerIdentityCommandOutput | undefined;
    try {
      identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    } catch (e) {
      // As in a scan, an endpoint without STS can still be read; anything about credentials or the network cannot.
      const problem = credentialOrNetworkProblem(e, callError(e, scrub), ctx);
      if (problem) throw problem;
    }
    ctx.identity = identity?.Arn;
    let listed: ListBucketsCommandOutput;
    try {
      // One bucket is enough to know the identity may list them.
      listed = await clients.s3(clients.region).send(new ListBucketsCommand({ MaxBuckets: 1 }));
    } catch (e) {
      throw listBucketsProblem(e, callError(e, scrub), ctx);
    }
    if (!listed.Owner && !listed.Buckets) throw notS3(ctx, 'no owner and no bucket list in its answer to ListBuckets');
    // Resolved once already for the calls above; this reads the shared copy.
    const credentials = await clients.sts.config.credentials();
    return {
      accountId: identity?.Account && /^\d{12}$/.test(identity.Account) ? identity.Account : undefined,
      identityArn: identity?.Arn,
      longLivedKeys: !credentials.sessionToken,
    };
  } finally {
    clients.destroy();
  }
}
