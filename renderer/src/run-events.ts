import { useSyncExternalStore } from 'react';
import { on, type ScanFinished, type ScanProgress } from './api';

/**
 * Scan events, kept per scan id from the moment the app starts. scan.start answers with the
 * scan id while the scan is already running, so its first events (or, for a small bundle, its
 * scan.finished) can arrive before the page knows which scan they belong to.
 */
export interface ScanState {
  progress: ScanProgress | null;
  finished: ScanFinished | null;
}

const scans = new Map<string, ScanState>();
const listeners = new Set<() => void>();
let started = false;

function update(scanId: string, patch: Partial<ScanState>) {
  const prev = scans.get(scanId) ?? { progress: null, finished: null };
  scans.set(scanId, { ...prev, ...patch });
  for (const l of listeners) l();
}

/** Subscribes once, before any scan can start. */
export function startScanEvents(): void {
  if (started) return;
  started = true;
  on('scan.progress', (p) => {
    if (!scans.get(p.scanId)?.finished) update(p.scanId, { progress: p });
  });
  on('scan.finished', (f) => update(f.scanId, { finished: f }));
}

const empty: ScanState = { progress: null, finished: null };

export function useScan(scanId: string): ScanState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => scans.get(scanId) ?? empty,
  );
}
