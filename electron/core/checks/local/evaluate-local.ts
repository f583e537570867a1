import type { LocalInventory } from '../../local/local-inventory';
import { findingOf } from '../engine';
import { CHECKS } from '../registry';
import type { Check, Finding, Verdict } from '../types';

/** Runs the folder checks on a local scan: one finding per (check, file), and each check's verdict on the folder. */
export function evaluateLocal(local: LocalInventory, checks: readonly Check[] = CHECKS): Finding[] {
  const findings: Finding[] = [];
  for (const c of checks) {
    if (c.kind !== 'files') continue;
    try {
      for (const r of c.evaluate(local)) findings.push(findingOf(c, r.resource, r.verdict));
    } catch (e) {
      // A check that cannot evaluate what it was given says so; it never passes by accident.
      const verdict: Verdict = { status: 'unknown', detail: `The check could not evaluate the scan of ${local.root}: ${(e as Error).message}`, evidence: {} };
      findings.push(findingOf(c, { type: 'file', id: local.root, name: local.root }, verdict));
    }
  }
  return findings;
}
