import { describe, expect, it } from 'vitest';
import { CHECKS } from './registry';

const RANK = { exposure: 0, data: 1, protection: 2, hygiene: 3 };

describe('the check catalogue', () => {
  it('has unique ids following the scheme', () => {
    const ids = CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(s3\.(account|bucket|object)|creds\.[a-z-]+|local(\.credential)?)\.[a-z-]+$/);
  });
  it('lists exposure first, then data, protection and hygiene', () => {
    const ranks = CHECKS.map((c) => RANK[c.meta.category]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
  it('keeps hygiene low or informational, so it never crowds the summary', () => {
    for (const c of CHECKS.filter((c) => c.meta.category === 'hygiene')) expect(['low', 'info'], c.meta.id).toContain(c.meta.severity);
  });
  it('explains every check to a clerk and cites NIST SP 800-53', () => {
    for (const { meta } of CHECKS) {
      expect(meta.whatItMeans.length, meta.id).toBeGreaterThan(40);
      expect(meta.whyItMatters.length, meta.id).toBeGreaterThan(40);
      expect(meta.references.some((r) => r.startsWith('NIST SP 800-53 ')), meta.id).toBe(true);
    }
  });
});
