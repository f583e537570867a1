import type { CredentialHit } from './scanner';

/**
 * What a detector sees: the text around one anchor (one line, or up to RUN_MAX characters
 * either side of the anchor on a longer line), and where it reports. Offsets are within
 * `text`. An edge that is not a real line boundary was clipped: a match touching it would be
 * a fragment, and the scanner drops it (the whole match is seen from another window).
 */
export interface Window {
  text: string;
  /** The file's base name, lower case (".aws/credentials" is recognised by it). */
  fileName: string;
  /** The 1-based line of an INI section header ("[default]", "[profile x]") above offset, if one is near. */
  sectionLineAbove(offset: number): number | undefined;
  /**
   * The whole lines from a few above the window's to a few below it (within RUN_MAX of the
   * anchor); offset is where they start relative to `text` (zero or negative).
   */
  near(): { text: string; offset: number };
}

/** Clues that only make a finding together with others in the file (a key id and its secret nearby, a profile section, a service-account key file). */
export type Clue =
  | { kind: 'key-id'; id: string; section?: number }
  | { kind: 'secret'; fingerprint: string; named: 'aws' | 'other' | 'bare'; section?: number }
  | { kind: 'gcp-type' }
  | { kind: 'gcp-private-key'; fingerprint: string }
  | { kind: 'gcp-key-id'; id: string }
  | { kind: 'gcp-email'; email: string };

export interface Emitter {
  /** A finding complete in itself (everything but its line). */
  hit(start: number, end: number, hit: Omit<CredentialHit, 'line'>): void;
  clue(start: number, end: number, clue: Clue): void;
}

/**
 * The longest credential text parsed (a presigned URL carrying a session token is 2 to 3 KB;
 * a service-account private key about 1.7 KB). Longer runs are not credentials of these kinds.
 */
export const RUN_MAX = 8 * 1024;

/** Lines either side of a key id searched for its secret (.env files, scripts and Terraform blocks keep them within a few lines), and of a service-account key for its id and e-mail. */
export const NEAR_LINES = 5;
