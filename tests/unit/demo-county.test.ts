import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../electron/core/checks/engine';
import { CHECKS } from '../../electron/core/checks/registry';
import type { Finding } from '../../electron/core/checks/types';
import { readEvidenceBundle } from '../../electron/core/collect/evidence-bundle';
import { findResourcesDir } from '../../electron/core/paths';
import { summarize } from '../../electron/core/scan/summary';

const short = (n: string) => n.replace('harlow-county-', '');
let findings: Finding[];
const names = (check: string, status: string) =>
  findings.filter((f) => f.checkId === check && f.status === status).map((f) => short(f.resource.name)).sort();

beforeAll(async () => {
  findings = evaluate(await readEvidenceBundle(path.join(findResourcesDir(), 'demo', 'evidence')));
});

/** The verdicts resources/demo/README.md promises, for the checks this version runs. */
describe('the embedded demo county', () => {
  const expected: Record<string, { fail: string[]; unknown: string[] }> = {
    's3.bucket.public-read': { fail: ['election-results-site', 'gis-precincts', 'internal-reports', 'voter-rolls-public'], unknown: ['epollbook-sync'] },
    's3.bucket.public-list': { fail: ['archive-2020', 'poll-worker-training'], unknown: ['epollbook-sync'] },
    's3.bucket.public-write': { fail: ['scratch'], unknown: ['epollbook-sync'] },
    's3.bucket.voter-data': { fail: ['absentee-ballot-scans', 'archive-2020', 'backups', 'epollbook-sync', 'vendor-exchange', 'voter-rolls-public'], unknown: [] },
    's3.bucket.block-public-access': {
      fail: ['absentee-ballot-scans', 'archive-2020', 'election-results-site', 'gis-precincts', 'internal-reports', 'poll-worker-training', 'sample-ballots', 'scratch', 'vendor-exchange', 'voter-rolls-public'],
      unknown: ['epollbook-sync'],
    },
  };
  it.each(Object.entries(expected))('%s gives the documented verdicts', (check, want) => {
    expect(names(check, 'fail')).toEqual(want.fail);
    expect(names(check, 'unknown')).toEqual(want.unknown);
  });

  it('makes every bucket check both pass and fail somewhere', () => {
    for (const c of CHECKS.filter((c) => c.kind === 'bucket')) {
      expect(names(c.meta.id, 'pass').length, `${c.meta.id} passes somewhere`).toBeGreaterThan(0);
      expect(names(c.meta.id, 'fail').length, `${c.meta.id} fails somewhere`).toBeGreaterThan(0);
    }
  });

  it('fails the account check (only BlockPublicAcls is on)', () => {
    expect(findings.find((f) => f.checkId === 's3.account.block-public-access')?.status).toBe('fail');
  });

  it('leads with the public voter-data bucket, raised to critical', () => {
    const s = summarize(findings);
    expect(s.publicVoterData).toEqual(['harlow-county-voter-rolls-public']);
    const pr = findings.find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === 'harlow-county-voter-rolls-public');
    expect(pr?.severity).toBe('critical');
  });

  it('counts a fixed aws:SourceIp range as not public, and neutralized grants as not public', () => {
    const read = Object.fromEntries(findings.filter((f) => f.checkId === 's3.bucket.public-read').map((f) => [short(f.resource.name), f]));
    expect(read['absentee-ballot-scans'].status).toBe('pass');
    expect(read['sample-ballots'].status).toBe('pass');
    expect(read['sample-ballots'].detail).toContain('RestrictPublicBuckets');
  });
});
