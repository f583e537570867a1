import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../electron/core/checks/engine';
import type { Finding } from '../../electron/core/checks/types';
import { readAwsConfig } from '../../electron/core/collect/aws-config';
import { readEvidenceBundle } from '../../electron/core/collect/evidence-bundle';
import { DEMO_EVIDENCE } from '../helpers/bundle';

/**
 * tests/fixtures/aws-config/harlow-county-snapshot.json is what AWS Config would deliver for
 * three buckets of the demo county (resources/demo) and its account: voter-rolls-public (a
 * public policy and no bucket Block Public Access, so its item carries no
 * PublicAccessBlockConfiguration), internal-reports and records-retention. Read through
 * AWS Config, the checks must agree with the bundle wherever Config carries the evidence,
 * and say unknown, naming what is missing, wherever it does not; never a different verdict.
 */

const SNAPSHOT = path.resolve(__dirname, '../fixtures/aws-config/harlow-county-snapshot.json');
const BUCKETS = ['harlow-county-voter-rolls-public', 'harlow-county-internal-reports', 'harlow-county-records-retention'];
const key = (f: Finding) => `${f.checkId} ${f.resource.id}`;

/** The checks whose evidence AWS Config carries for every bucket of the fixture. */
const INFORMED_EVERYWHERE = [
  's3.bucket.public-write',
  's3.bucket.public-list',
  's3.bucket.cross-account',
  's3.bucket.secure-transport',
  's3.bucket.versioning',
  's3.bucket.mfa-delete',
  's3.bucket.access-logging',
  's3.bucket.default-encryption',
  's3.bucket.event-notifications',
];
/** And those it carries where the item has the key they need. */
const INFORMED: Record<string, string[]> = {
  'harlow-county-voter-rolls-public': INFORMED_EVERYWHERE,
  'harlow-county-internal-reports': [...INFORMED_EVERYWHERE, 's3.bucket.public-read', 's3.bucket.block-public-access', 's3.bucket.authenticated-users'],
  'harlow-county-records-retention': [
    ...INFORMED_EVERYWHERE,
    's3.bucket.public-read',
    's3.bucket.block-public-access',
    's3.bucket.authenticated-users',
    's3.bucket.object-lock',
    's3.bucket.lifecycle',
    's3.bucket.replication',
  ],
};

describe('the demo county through AWS Config', async () => {
  const config = evaluate(await readAwsConfig(SNAPSHOT));
  const bundle = new Map(evaluate(await readEvidenceBundle(DEMO_EVIDENCE)).map((f) => [key(f), f]));

  it('reads the three buckets of the demo account', () => {
    expect([...new Set(config.filter((f) => f.resource.type === 'bucket').map((f) => f.resource.name))].sort()).toEqual([...BUCKETS].sort());
  });

  it('gives the bundle\'s verdict for every check Config can inform', () => {
    const account = config.find((f) => f.checkId === 's3.account.block-public-access');
    expect(account?.status).toBe('fail');
    expect(account?.status).toBe(bundle.get(key(account!))?.status);
    for (const [name, checks] of Object.entries(INFORMED)) {
      for (const checkId of checks) {
        const f = config.find((x) => x.checkId === checkId && x.resource.name === name);
        expect([checkId, name, f?.status]).toEqual([checkId, name, bundle.get(key(f!))?.status]);
      }
    }
  });

  it('otherwise says unknown and names what AWS Config does not carry; it never contradicts the bundle', () => {
    for (const f of config) {
      const b = bundle.get(key(f));
      if (!b || b.status === f.status) continue;
      expect([key(f), f.status]).toEqual([key(f), 'unknown']);
      expect((f.evidence.unreadable as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('finds the public voter rolls, as the bundle does: no Block Public Access key in the item means none is set', () => {
    const f = config.find((x) => x.checkId === 's3.bucket.public-read' && x.resource.name === 'harlow-county-voter-rolls-public');
    expect(bundle.get(key(f!))?.status).toBe('fail');
    expect(f?.status).toBe('fail');
  });
});
