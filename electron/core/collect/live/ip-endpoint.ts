import { isIP } from 'node:net';
import type { EndpointV2 } from '@smithy/types';

/**
 * S3 Control's endpoint rules put the account id in front of the endpoint's host name
 * ("123456789012.127.0.0.1"). Against an IP address or localhost that name is not a host:
 * the SDK cannot even parse it, and resolving it would send a DNS query off the machine.
 * For such an endpoint, S3 Control is given the endpoint exactly as the user wrote it.
 */
export function ipEndpointProvider(endpoint: string): (() => EndpointV2) | undefined {
  const url = new URL(endpoint);
  if (!isIP(url.hostname.replace(/^\[|\]$/g, '')) && url.hostname !== 'localhost') return undefined;
  return () => ({ url: new URL(url.href) });
}
