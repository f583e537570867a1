import { InputError } from '../../errors';

/** A failed call as a bundle records it (CALL.error.json). */
export interface CallError {
  code: string;
  message: string;
}

interface SdkError {
  name?: string;
  message?: string;
  /** S3's error code, from the XML body. */
  Code?: string;
  /** Node's network error code (ECONNREFUSED, ETIMEDOUT, ...). */
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Names the SDK gives an error when the answer carried no AWS error code. */
const NO_AWS_CODE = new Set(['Unknown', 'UnknownError', 'Error', 'NotFound', 'Forbidden', 'BadRequest']);

const MESSAGE_MAX = 500;

/** The code and message of a failed call, with any secret taken out of the message. */
export function callError(e: unknown, scrub: (s: string) => string): CallError {
  const err = (e ?? {}) as SdkError;
  const status = err.$metadata?.httpStatusCode;
  const message = scrub(String(err.message ?? e)).slice(0, MESSAGE_MAX);
  let code: string;
  if (typeof err.Code === 'string' && err.Code) code = err.Code;
  else if (err.$fault && err.name && !NO_AWS_CODE.has(err.name)) code = err.name;
  else if (typeof err.code === 'string' && err.code) code = err.code;
  else if (err.name === 'TimeoutError') code = 'TimeoutError';
  else if (/parse error|Deserialization error/i.test(message)) code = 'MalformedResponse';
  else if (err.name === 'NotFound' || err.name === 'Forbidden') code = err.name;
  else if (status) code = `HTTP${status}`;
  else code = err.name || 'Error';
  return { code, message };
}

/** A live read that cannot start: one clear line for the user, exit status 1 in the CLI. */
export class LiveSourceError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'LiveSourceError';
  }
}

export interface StartContext {
  profile?: string;
  endpoint?: string;
  region: string;
  /** The identity's ARN, once known. */
  identity?: string;
  /** Whose words the advice is in (LiveOptions.audience). */
  audience?: 'cli' | 'app';
}

const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'TimeoutError', 'EPROTO', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
const CLOCK = /RequestTimeTooSkewed|RequestExpired|Signature expired|Signature not yet current|difference between the request time and the current time/i;
const REFUSED_KEYS = new Set(['InvalidAccessKeyId', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException', 'AuthFailure']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);

const where = (c: StartContext) => c.endpoint ?? `AWS (${c.region})`;
/** The setting that names the endpoint, as the user gave it. */
const endpointSetting = (c: StartContext) => (c.audience === 'app' ? 'the endpoint URL under Advanced' : 'the --endpoint URL');

/**
 * The reasons a live read cannot even start, each as one line that says what to do: no
 * credentials, an expired SSO session or expired keys, refused keys, a clock off by more
 * than AWS allows, an endpoint that cannot be reached. Anything else is left to the caller.
 */
export function credentialOrNetworkProblem(e: unknown, err: CallError, c: StartContext): LiveSourceError | undefined {
  const name = (e as SdkError | undefined)?.name;
  const profile = c.profile ? ` --profile ${c.profile}` : '';
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    if (/sso/i.test(err.message)) {
      return new LiveSourceError(`the AWS SSO session${c.profile ? ` of profile ${c.profile}` : ''} has expired or was never started: run \`aws sso login${profile}\`, then try again`);
    }
    if (c.profile) return new LiveSourceError(`no usable credentials for profile ${c.profile} in ~/.aws/config or ~/.aws/credentials (${err.message})`);
    return new LiveSourceError(
      c.audience === 'app'
        ? 'no AWS credentials found on this computer: choose a profile of ~/.aws/config or ~/.aws/credentials, or type an access key'
        : 'no AWS credentials found: pass --profile NAME (a profile of ~/.aws/config or ~/.aws/credentials), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    );
  }
  if (CLOCK.test(`${err.code} ${err.message}`)) {
    return new LiveSourceError(`this computer's clock differs from ${where(c)}'s by more than AWS allows (${err.code}): set the date, time and time zone right, then try again`);
  }
  if (EXPIRED.has(err.code)) {
    return new LiveSourceError(`the AWS credentials have expired (${err.code}): sign in again${c.profile ? ` (aws sso login${profile}, or new keys for profile ${c.profile})` : ' or get new keys'}, then try again`);
  }
  if (REFUSED_KEYS.has(err.code)) {
    return new LiveSourceError(`${where(c)} refused the credentials (${err.code}): check the access key id and secret key${c.profile ? ` of profile ${c.profile}` : ''}`);
  }
  if (NETWORK.has(err.code)) {
    return new LiveSourceError(`cannot reach ${where(c)} (${err.code}): check the network${c.endpoint ? ` and ${endpointSetting(c)}` : ''}`);
  }
  return undefined;
}

/** Why ListBuckets failed, as one line: it is the call without which nothing can be found. */
export function listBucketsProblem(e: unknown, err: CallError, c: StartContext): LiveSourceError {
  const known = credentialOrNetworkProblem(e, err, c);
  if (known) return known;
  if (err.code === 'AccessDenied' || err.code === 'AllAccessDisabled') {
    return new LiveSourceError(
      `access denied on ListBuckets${c.identity ? ` for ${c.identity}` : ''}: the identity needs s3:ListAllMyBuckets to find the buckets (AccessDenied)`,
    );
  }
  if (/^HTTP\d+$|^NotFound$|^Forbidden$|^MalformedResponse$/.test(err.code)) {
    return notS3(c, `${err.code} to ListBuckets`);
  }
  return new LiveSourceError(`ListBuckets failed on ${where(c)} with ${err.code}: ${err.message}`);
}

/** An answer to ListBuckets that names no owner and no bucket list is not from S3 (a web page, a proxy). */
export function notS3(c: StartContext, what: string): LiveSourceError {
  return new LiveSourceError(`${where(c)} does not answer like an S3 service (${what})${c.endpoint ? `: check ${endpointSetting(c)}` : ''}`);
}
