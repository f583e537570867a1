import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../electron/core/checks/engine';
import { CHECKS } from '../../electron/core/checks/registry';
import { STATUSES, type Finding, type Status } from '../../electron/core/checks/types';
import { readEvidenceBundle } from '../../electron/core/collect/evidence-bundle';
import { findResourcesDir } from '../../electron/core/paths';
import { summarize } from '../../electron/core/scan/summary';

const short = (n: string) => n.replace('harlow-county-', '').replace(/^AWS account/, 'account');
let findings: Finding[];
/** The checks that run on the evidence bundle; the local folder's checks are in tests/cli/local-scan.test.ts. */
const CLOUD_CHECKS = CHECKS.filter((c) => c.kind !== 'files');

const README = readFileSync(path.join(findResourcesDir(), 'demo', 'README.md'), 'utf8');
const COLUMNS = ['fail', 'pass', 'unknown', 'not_applicable'] as const;
const LETTER: Record<string, Status> = { F: 'fail', P: 'pass', U: 'unknown', N: 'not_applicable' };

/** The table under a README.md heading: its header and body rows, as trimmed cells. */
function table(heading: string): { header: string[]; rows: string[][] } {
  const section = README.slice(README.indexOf(`## ${heading}`)).split('\n## ')[0];
  const [header, ...rows] = section
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('|---'))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  return { header, rows };
}
const list = (cell: string) => (cell === '—' ? [] : cell.split(',').map((x) => x.trim()).sort());

/** One status per (check, bucket): an object's finding counts for its bucket, the worst one winning. */
function verdicts(check: string): Map<string, Status> {
  const worst = new Map<string, Status>();
  for (const f of findings.filter((x) => x.checkId === check)) {
    const where = short(f.resource.name).split('/')[0];
    const prev = worst.get(where);
    if (prev === undefined || STATUSES.indexOf(f.status) < STATUSES.indexOf(prev)) worst.set(where, f.status);
  }
  return worst;
}
const withStatus = (v: Map<string, Status>, s: Status) => [...v].filter(([, st]) => st === s).map(([r]) => r).sort();

beforeAll(async () => {
  findings = evaluate(await readEvidenceBundle(path.join(findResourcesDir(), 'demo', 'evidence')));
});

/** The verdicts resources/demo/README.md promises, for every check Canvass runs. */
describe('the embedded demo county', () => {
  const perCheck = new Map(table('Expected verdicts per check').rows.map(([id, ...cells]) => [id, cells.map(list)]));

  it('documents every check in README.md', () => {
    expect(table('Expected verdicts per check').header).toEqual(['check', 'fail', 'pass', 'unknown', 'not applicable']);
    expect([...perCheck.keys()].sort()).toEqual(CLOUD_CHECKS.map((c) => c.meta.id).sort());
  });
  it.each(CLOUD_CHECKS.map((c) => c.meta.id))('%s gives the verdicts README.md documents', (id) => {
    const got = verdicts(id);
    COLUMNS.forEach((s, i) => expect(withStatus(got, s), `${id}: ${s}`).toEqual(perCheck.get(id)?.[i]));
  });
  it('gives the verdicts of the per-bucket table of README.md, cell by cell', () => {
    const legend = new Map([...README.matchAll(/(\w+) = `([a-z0-9.-]+)`/g)].map((m) => [m[1], m[2]]));
    const { header, rows } = table('The same, per bucket');
    const ids = header.slice(1).map((code) => legend.get(code) ?? code);
    expect(ids.sort()).toEqual(CLOUD_CHECKS.filter((c) => c.kind !== 'account').map((c) => c.meta.id).sort());
    expect(rows).toHaveLength(15);
    for (const [b, ...letters] of rows) {
      letters.forEach((l, i) => expect(verdicts(legend.get(header[i + 1]) ?? '').get(b), `${b}, ${header[i + 1]}`).toBe(LETTER[l]));
    }
  });

  it('makes every bucket check both pass and fail somewhere', () => {
    for (const c of CLOUD_CHECKS.filter((c) => c.kind !== 'account')) {
      expect(withStatus(verdicts(c.meta.id), 'pass').length, `${c.meta.id} passes somewhere`).toBeGreaterThan(0);
      // The cross-check of Canvass's policy reading against AWS's IsPublic has no honest failing case to plant.
      if (c.meta.id === 's3.bucket.policy-status-disagrees') continue;
      expect(withStatus(verdicts(c.meta.id), 'fail').length, `${c.meta.id} fails somewhere`).toBeGreaterThan(0);
    }
  });

  it('reports public object ACLs per object, and says when Block Public Access neutralizes one', () => {
    const acl = findings.filter((f) => f.checkId === 's3.object.public-acl');
    const failed = acl.find((f) => f.status === 'fail');
    expect(failed?.resource).toEqual({
      type: 'object',
      id: 'arn:aws:s3:::harlow-county-gis-precincts/precincts/precinct-boundaries-2026.geojson',
      name: 'harlow-county-gis-precincts/precincts/precinct-boundaries-2026.geojson',
    });
    const dashboard = acl.find((f) => f.resource.name === 'harlow-county-internal-reports/reports/turnout-dashboard.html');
    expect(dashboard?.status).toBe('pass');
    expect(dashboard?.detail).toContain('IgnorePublicAcls');
  });

  it('names the deleted role left in the cloudtrail-logs policy, which AWS and Canvass agree is not public', () => {
    const at = (check: string) => findings.find((x) => x.checkId === check && x.resource.name === 'harlow-county-cloudtrail-logs');
    expect(at('s3.bucket.cross-account')?.detail).toContain('AROATDMKQ7HW4PXV2NBQE');
    expect(at('s3.bucket.policy-status-disagrees')?.status).toBe('pass');
    expect(at('s3.bucket.public-read')?.status).toBe('pass');
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
