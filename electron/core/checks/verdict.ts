import { whyUnreadable, type Observed } from '../collect/observed';
import type { Verdict } from './types';

/** The "unknown" verdict for evidence that could not be read: names the call and the error. */
export function unknownFrom(what: string, ...obs: Observed<unknown>[]): Verdict {
  const reasons = obs.map(whyUnreadable).filter(Boolean);
  return {
    status: 'unknown',
    detail: `Cannot tell ${what}: ${reasons.join('; ')}.`,
    evidence: {
      unreadable: obs
        .filter((o) => o.kind === 'error' || o.kind === 'missing')
        .map((o) => (o.kind === 'error' ? { call: o.call, code: o.code, message: o.message } : { call: o.call, code: 'NotCollected' })),
    },
  };
}
