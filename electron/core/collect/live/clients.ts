import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import { InputError } from '../../errors';
import { ipEndpointProvider } from './ip-endpoint';
import { LIVE_DEFAULTS, type LiveOptions } from './live-options';
import { readOnlyGuard } from './read-only';
import { SecretScrubber } from './secret-scrubber';

/** The read-only clients of one live read, sharing one set of credentials. */
export interface LiveClients {
  /** The region of the account-wide calls. */
  region: string;
  sts: STSClient;
  s3Control: S3ControlClient;
  /** The S3 client for a bucket's region (one per region, made on first use). */
  s3(region: string): S3Client;
  scrubber: SecretScrubber;
  destroy(): void;
}

type CredentialsProvider = (props?: Record<string, unknown>) => Promise<AwsCredentialIdentity>;

/** Resolves once for every client (one SSO or role call, not one per region), again only near expiry. */
function sharedCredentials(provider: CredentialsProvider, scrubber: SecretScrubber): CredentialsProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt = Infinity;
  return (props) => {
    if (!current || Date.now() > expiresAt - 5 * 60_000) {
      current = provider(props).then((c) => {
        scrubber.remember(c);
        expiresAt = c.expiration ? c.expiration.getTime() : Infinity;
        return c;
      });
      current.catch(() => {
        current = undefined;
      });
    }
    return current;
  };
}

function credentialsProvider(o: LiveOptions): CredentialsProvider {
  if (o.credentials) {
    const typed = { ...o.credentials };
    return async () => typed;
  }
  // With a profile, the environment's keys do not win over it; without one, the standard chain.
  // The files are read afresh each time (the SDK caches them otherwise): the app stays open for
  // hours, and a profile added or fixed meanwhile must count at the next Test connection.
  return o.profile ? fromIni({ profile: o.profile, ignoreCache: true }) : fromNodeProviderChain({ ignoreCache: true });
}

/** The region given, else the profile's or the environment's, else us-east-1. */
async function resolveRegion(o: LiveOptions): Promise<string> {
  if (o.region) return o.region;
  // Only its configuration is read (the SDK's own region lookup); it never sends a request.
  const probe = new S3Client({ profile: o.profile });
  try {
    return (await probe.config.region()) || LIVE_DEFAULTS.region;
  } catch {
    return LIVE_DEFAULTS.region;
  } finally {
    probe.destroy();
  }
}

function checkEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InputError(`--endpoint ${endpoint} is not a URL (for example https://s3.example.org or http://127.0.0.1:9000)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError(`--endpoint ${endpoint} must start with https:// or http://`);
  if (url.username || url.password) throw new InputError('--endpoint must not hold a user name or password; give credentials through a profile or the environment');
}

export async function openLiveClients(o: LiveOptions): Promise<LiveClients> {
  if (o.endpoint) checkEndpoint(o.endpoint);
  const region = await resolveRegion(o);
  const scrubber = new SecretScrubber();
  const credentials = sharedCredentials(credentialsProvider(o), scrubber);
  const timeout = o.callTimeoutMs ?? LIVE_DEFAULTS.callTimeoutMs;
  const common = {
    credentials,
    endpoint: o.endpoint,
    retryMode: 'adaptive',
    maxAttempts: 5,
    // Without throwOnRequestTimeout the SDK only prints a warning when a call overruns.
    requestHandler: { requestTimeout: timeout, throwOnRequestTimeout: true, connectionTimeout: Math.min(timeout, 10_000) },
  } as const;
  const ipEndpoint = o.endpoint ? ipEndpointProvider(o.endpoint) : undefined;

  const sts = new STSClient({ ...common, region });
  const s3Control = new S3ControlClient({ ...common, region, ...(ipEndpoint ? { endpointProvider: ipEndpoint } : {}) });
  sts.middlewareStack.use(readOnlyGuard);
  s3Control.middlewareStack.use(readOnlyGuard);

  const byRegion = new Map<string, S3Client>();
  const s3 = (r: string) => {
    let c = byRegion.get(r);
    if (!c) {
      c = new S3Client({ ...common, region: r, forcePathStyle: o.pathStyle === true, followRegionRedirects: true });
      c.middlewareStack.use(readOnlyGuard);
      byRegion.set(r, c);
    }
    return c;
  };
  return {
    region,
    sts,
    s3Control,
    s3,
    scrubber,
    destroy() {
      sts.destroy();
      s3Control.destroy();
      for (const c of byRegion.values()) c.destroy();
    },
  };
}
