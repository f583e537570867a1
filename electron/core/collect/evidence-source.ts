import { statSync } from 'node:fs';
import { inspectAwsConfig, readAwsConfig } from './aws-config';
import { inspectEvidenceBundle, readEvidenceBundle, type BundleSummary, type ReadOptions } from './evidence-bundle';
import type { Inventory } from './inventory';

/**
 * Offline evidence, whichever form it takes: a file ending .json or .json.gz is AWS Config
 * (a snapshot or a list of configuration items); a folder or a .zip is a canvass-evidence/1
 * bundle.
 */
export type EvidenceKind = 'aws-config' | 'evidence';

export function evidenceKind(p: string): EvidenceKind {
  if (!/\.json(\.gz)?$/i.test(p)) return 'evidence';
  try {
    return statSync(p).isDirectory() ? 'evidence' : 'aws-config';
  } catch {
    // Not there: the reader says so, in the words of the form the name announces.
    return 'aws-config';
  }
}

export function inspectEvidence(p: string): Promise<BundleSummary> {
  return evidenceKind(p) === 'aws-config' ? inspectAwsConfig(p) : inspectEvidenceBundle(p);
}

export function readEvidence(p: string, opts: ReadOptions = {}): Promise<Inventory> {
  return evidenceKind(p) === 'aws-config' ? readAwsConfig(p, opts) : readEvidenceBundle(p, opts);
}
