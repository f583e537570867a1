import { z } from 'zod';
import { CancelledError, InputError, NotFoundError } from '../core/errors';
import { ConflictError } from '../core/remediation/work';
import {
  contract,
  events,
  type CallError,
  type CallResult,
  type EventName,
  type EventPayload,
  type Input,
  type MethodName,
  type Output,
} from './contract';

/** Per-call context: where events for this caller go. */
export interface CallContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof contract)[M]['input']>, ctx: CallContext) => Promise<Output<M>> | Output<M>;
};

export interface Router {
  handle(method: unknown, input: unknown, ctx: CallContext): Promise<CallResult<unknown>>;
}

const isMethod = (m: unknown): m is MethodName => typeof m === 'string' && Object.prototype.hasOwnProperty.call(contract, m);

function zodMessage(e: z.ZodError): string {
  const i = e.issues[0];
  return `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`;
}

export function toCallError(e: unknown): CallError {
  // Before InputError, which it extends: the page reloads on a conflict instead of asking for a correction.
  if (e instanceof ConflictError) return { code: 'conflict', message: e.message };
  if (e instanceof InputError) return { code: 'bad_input', message: e.message };
  if (e instanceof NotFoundError) return { code: 'not_found', message: e.message };
  if (e instanceof CancelledError) return { code: 'cancelled', message: e.message };
  // Internal errors may carry paths or request details: the page gets a generic message.
  return { code: 'internal', message: 'Canvass hit an internal error; the details are in its log.' };
}

/**
 * Validates every call against the contract before any handler runs, and every event
 * before it leaves. A malformed call gets a typed error and changes nothing.
 */
export function createRouter(handlers: Handlers, log: (msg: string) => void = () => {}): Router {
  return {
    async handle(method, input, ctx) {
      if (!isMethod(method)) return { ok: false, error: { code: 'invalid_input', message: `unknown method ${String(method).slice(0, 80)}` } };
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: `${method}: ${zodMessage(parsed.error)}` } };
      const safeCtx: CallContext = {
        emit(event, payload) {
          const p = events[event].safeParse(payload);
          if (!p.success) {
            log(`dropped malformed ${event} event: ${zodMessage(p.error)}`);
            return;
          }
          ctx.emit(event, p.data as EventPayload<typeof event>);
        },
      };
      try {
        const handler = handlers[method] as (i: unknown, c: CallContext) => Promise<unknown> | unknown;
        const value = await handler(parsed.data, safeCtx);
        const out = contract[method].output.safeParse(value);
        if (!out.success) {
          log(`${method} returned a value outside its schema: ${zodMessage(out.error)}`);
          return { ok: false, error: { code: 'internal', message: 'Canvass hit an internal error; the details are in its log.' } };
        }
        return { ok: true, value: out.data };
      } catch (e) {
        const err = toCallError(e);
        if (err.code === 'internal') log(`${method} failed: ${(e as Error)?.stack ?? String(e)}`);
        return { ok: false, error: err };
      }
    },
  };
}

export type { Input, MethodName };
