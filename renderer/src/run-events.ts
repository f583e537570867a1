import { useSyncExternalStore } from 'react';
import { on, type CollectFinished, type CollectProgress, type ScanFinished, type ScanProgress } from './api';

/**
 * Scan and collection events, kept per run id from the moment the app starts. scan.start and
 * collect.start answer with the run's id while it is already running, so its first events (or,
 * for a small account, its finished event) can arrive before the page knows which run they
 * belong to.
 */
export interface RunState<P, F> {
  progress: P | null;
  finished: F | null;
}

function runStore<P, F>() {
  const runs = new Map<string, RunState<P, F>>();
  const listeners = new Set<() => void>();
  const empty: RunState<P, F> = { progress: null, finished: null };
  const update = (id: string, patch: Partial<RunState<P, F>>) => {
    runs.set(id, { ...(runs.get(id) ?? empty), ...patch });
    for (const l of listeners) l();
  };
  return {
    progress(id: string, progress: P) {
      if (!runs.get(id)?.finished) update(id, { progress });
    },
    finished(id: string, finished: F) {
      update(id, { finished });
    },
    use(id: string): RunState<P, F> {
      return useSyncExternalStore(
        (l) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
        () => runs.get(id) ?? empty,
      );
    },
  };
}

const scans = runStore<ScanProgress, ScanFinished>();
const collects = runStore<CollectProgress, CollectFinished>();
let started = false;

/** Subscribes once, before any run can start. */
export function startRunEvents(): void {
  if (started) return;
  started = true;
  on('scan.progress', (p) => scans.progress(p.scanId, p));
  on('scan.finished', (f) => scans.finished(f.scanId, f));
  on('collect.progress', (p) => collects.progress(p.collectId, p));
  on('collect.finished', (f) => collects.finished(f.collectId, f));
}

export const useScan = (scanId: string) => scans.use(scanId);
export const useCollect = (collectId: string) => collects.use(collectId);
