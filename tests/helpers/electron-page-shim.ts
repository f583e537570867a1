/**
 * Stands in for the 'electron' module when the real preload.ts is bundled for a plain
 * Chromium page: contextBridge puts the API on window, ipcRenderer goes through a
 * Playwright binding to the real router in the test process.
 */
type Handler = (e: unknown, ...args: unknown[]) => void;
const listeners = new Map<string, Set<Handler>>();
const w = window as unknown as Record<string, unknown>;

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    Object.defineProperty(window, key, { value: api, writable: false, configurable: false });
  },
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]) {
    return (w.__canvassInvoke as (c: string, ...a: unknown[]) => Promise<unknown>)(channel, ...args);
  },
  on(channel: string, h: Handler) {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    listeners.get(channel)!.add(h);
  },
  removeListener(channel: string, h: Handler) {
    listeners.get(channel)?.delete(h);
  },
};

w.__canvassDeliver = (channel: string, ...args: unknown[]) => {
  for (const h of listeners.get(channel) ?? []) h({}, ...args);
};
