import { useState } from 'react';

/**
 * The blanks of a finding's checklist (<LOG_BUCKET> and the like) as typed on its screen.
 * Kept in sessionStorage per finding, so they survive going to the board and back, but never
 * sent to be saved: they are not secrets, but they are not part of the audit either.
 */
export type Blanks = Record<string, string>;

const storageKey = (auditId: string, seq: number) => `canvass.blanks:${auditId}:${seq}`;

function readStored(key: string): Blanks {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(key) ?? '{}');
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function useStoredBlanks(auditId: string, seq: number): [Blanks, (name: string, value: string) => void] {
  const key = storageKey(auditId, seq);
  const [blanks, setBlanks] = useState(() => readStored(key));
  const set = (name: string, value: string) => {
    const next = { ...blanks, [name]: value };
    setBlanks(next);
    try {
      sessionStorage.setItem(key, JSON.stringify(next));
    } catch {
      // A full or disabled storage only means typing them again after leaving the screen.
    }
  };
  return [blanks, set];
}

/** What the core fills in: each value trimmed (a pasted name often brings a space along), empty ones left blank. */
export function filledBlanks(blanks: Blanks): Blanks {
  return Object.fromEntries(
    Object.entries(blanks)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v !== ''),
  );
}

/** The blank a refusal from the core is about: its messages name it as <NAME>. */
export function blankRefused(message: string, names: string[]): string | undefined {
  return names.find((n) => message.includes(`<${n}>`));
}
