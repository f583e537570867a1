import { useCallback, useSyncExternalStore } from 'react';

/**
 * Who is at the keyboard: recorded with every change to a finding and in the audit trail.
 * Kept in localStorage so the clerk types it once per workstation, and shared by every
 * screen that is open (the storage event carries a change from another window).
 */
const KEY = 'canvass.workingAs';
const listeners = new Set<() => void>();

function read(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useActor(): [string, (name: string) => void] {
  const actor = useSyncExternalStore(subscribe, read);
  const set = useCallback((name: string) => {
    try {
      localStorage.setItem(KEY, name);
    } catch {
      // A full or disabled storage only means asking again next time.
    }
    for (const l of listeners) l();
  }, []);
  return [actor, set];
}
