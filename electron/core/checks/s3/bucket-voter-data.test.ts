import { describe, expect, it } from 'vitest';
import { bucket, ctx, denied, v } from '../../../../tests/helpers/inventory';
import { voterCorpus } from '../../../../tests/helpers/voter-corpus';
import { tableEvidence } from '../../discovery/voter-file';
import { bucketVoterData } from './bucket-voter-data';

const run = (b: ReturnType<typeof bucket>) => bucketVoterData.evaluate(b, ctx());
const voterHeader = ['VOTER_ID', 'LAST_NAME', 'FIRST_NAME', 'RES_ADDRESS', 'RES_CITY', 'DATE_OF_BIRTH', 'REGISTRATION_DATE', 'PARTY', 'PRECINCT', 'VOTER_STATUS'];

describe('s3.bucket.voter-data', () => {
  it('fails on a sampled voter extract header, naming the columns, the closest layout and the row estimate', () => {
    const r = run(
      bucket('b', {
        objects: v({ sample: [{ key: 'extract.csv', size: 9_000_000 }], truncated: false }),
        objectSamples: v([{ key: 'extract.csv', header: voterHeader, rowBytes: 150 }]),
      }),
    );
    expect(r.status).toBe('fail');
    const [o] = (r.evidence as { objects: { columns: string[]; layout?: { state: string }; rowEstimate?: number }[] }).objects;
    expect(o.columns).toEqual(expect.arrayContaining(['VOTER_ID', 'REGISTRATION_DATE', 'DATE_OF_BIRTH']));
    expect(o.layout?.state).toMatch(/^[A-Z]{2}$/);
    expect(o.rowEstimate).toBe(60_000);
    expect(r.detail).toContain('about 60,000 rows');
  });

  // What live collection stores for header-less files (tab-delimited Florida, fixed-width Michigan): shapes only.
  const corpus = voterCorpus();
  it.each(['fl-voters-noheader.tsv', 'mi-voters-fixed-noheader.lst'])('fails on the row shapes of a header-less extract (%s), and no value reaches the finding', (name) => {
    const f = corpus.find((c) => c.name === name)!;
    const t = tableEvidence(f.bytes, f.bytes.length)!;
    const sample = { key: name, rowShapes: t.rowShapes.slice(0, 5), ...(t.lineLength ? { lineLength: t.lineLength } : {}) };
    const r = run(bucket('b', { objects: v({ sample: [{ key: name, size: f.bytes.length }], truncated: false }), objectSamples: v([sample]) }));
    expect(r.status).toBe('fail');
    expect(r.detail).toContain(f.kind);
    const out = JSON.stringify(r);
    for (const value of f.values) expect(out).not.toContain(value);
  });
  it('passes a poll-worker roster (names and addresses, no voter id or registration)', () => {
    const r = run(bucket('b', { objects: v({ sample: [{ key: 'staff.csv', size: 900 }], truncated: false }), objectSamples: v([{ key: 'staff.csv', header: ['EMPLOYEE_ID', 'LAST_NAME', 'FIRST_NAME', 'ADDRESS', 'CITY', 'PHONE', 'ASSIGNMENT'] }]) }));
    expect(r.status).toBe('pass');
  });
  it('passes a roster whose COUNTY_ID is a jurisdiction code, not a voter id', () => {
    const header = ['COUNTY_ID', 'LAST_NAME', 'FIRST_NAME', 'ADDRESS', 'CITY', 'ZIP', 'PRECINCT'];
    const r = run(bucket('b', { objects: v({ sample: [{ key: 'roster.csv', size: 900 }], truncated: false }), objectSamples: v([{ key: 'roster.csv', header }]) }));
    expect(r.status).toBe('pass');
  });
  it('still knows a state voter id column', () => {
    const header = ['STATE_VOTER_ID', 'LAST_NAME', 'FIRST_NAME', 'RES_ADDRESS', 'REGISTRATION_DATE'];
    const r = run(bucket('b', { objects: v({ sample: [{ key: 'x.csv', size: 900 }], truncated: false }), objectSamples: v([{ key: 'x.csv', header }]) }));
    expect(r.status).toBe('fail');
  });
  it('fails on object names that point to voter data', () => {
    const r = run(bucket('b', { objects: v({ sample: [{ key: 'exports/voter-registration-2026.zip', size: 1 }], truncated: false }) }));
    expect(r.status).toBe('fail');
  });
  it('is unknown when the object list was denied', () => {
    expect(run(bucket('b', { objects: denied('list-objects-v2') })).status).toBe('unknown');
  });
});
