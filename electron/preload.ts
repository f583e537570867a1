import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, type CallResult } from './ipc/contract';
import { buildBridge } from './ipc/bridge';

// Bundled into one file by esbuild: a sandboxed preload cannot require other files.
contextBridge.exposeInMainWorld(
  'canvass',
  buildBridge({
    invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input) as Promise<CallResult<unknown>>,
    subscribe(listener) {
      const handler = (_e: unknown, event: string, payload: unknown) => listener(event, payload);
      ipcRenderer.on(EVENT_CHANNEL, handler);
      return () => {
        ipcRenderer.removeListener(EVENT_CHANNEL, handler);
      };
    },
  }),
);
