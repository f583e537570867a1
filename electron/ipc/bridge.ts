import {
  EVENT_NAMES,
  METHOD_NAMES,
  type CallResult,
  type CanvassApi,
  type EventName,
  type MethodName,
} from './contract';

export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<CallResult<unknown>>;
  /** Subscribes to every contract event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * window.canvass: the page's only door to the core. It forwards nothing but contract
 * method names and contract events, whatever the page passes.
 */
export function buildBridge(t: Transport): CanvassApi {
  const api = {
    call(method: MethodName, input: unknown) {
      if (!METHOD_NAMES.includes(method)) {
        return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `unknown method ${String(method)}` } });
      }
      return t.invoke(method, input);
    },
    on(event: EventName, listener: (payload: unknown) => void) {
      if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
      return t.subscribe((name, payload) => {
        if (name === event) listener(payload);
      });
    },
  };
  return Object.freeze(api) as CanvassApi;
}
