import { describe, expect, it } from 'vitest';
import { localFile, localInventory, voterVerdict } from '../../../../tests/helpers/local-inventory';
import { localVoterFile } from './voter-file';

describe('local.voter-file', () => {
  it('fails a voter extract with its columns, layout and row estimate, passes a table that is not one', () => {
    const out = localVoterFile.evaluate(localInventory([localFile('vr.csv', { voter: voterVerdict }), localFile('staff.csv', { voter: { ...voterVerdict, isVoterFile: false, reason: 'a staff list' } })]));
    expect(out.map((o) => [o.resource.name, o.verdict.status])).toEqual([
      ['vr.csv', 'fail'],
      ['staff.csv', 'pass'],
    ]);
    expect(out[0].verdict.evidence).toMatchObject({ columns: ['VOTER_ID', 'LAST_NAME'], layout: voterVerdict.layout, rowEstimate: 1200, format: 'csv' });
  });

  it('keeps the folder unknown when a large file was only read at its head, naming why', () => {
    const problem = 'is larger than 512 MB: only its first 64 KB were read (for voter-file columns), it was not searched for credentials';
    const out = localVoterFile.evaluate(localInventory([localFile('big.csv', { voter: voterVerdict, problem })]));
    expect(out.map((o) => [o.resource.name, o.verdict.status])).toEqual([
      ['big.csv', 'fail'],
      ['/county/share', 'unknown'],
    ]);
    expect(out[0].verdict.evidence).toMatchObject({ problem });
  });

  it('names the closest state layout, and does not call a county export that shares a few column names with it that state\'s file', () => {
    const detail = (score: number) => localVoterFile.evaluate(localInventory([localFile('vr.csv', { voter: { ...voterVerdict, layout: { state: 'OH', name: 'Statewide voter file (SWVF)', score } } })]))[0].verdict.detail;
    expect(detail(0.83)).toContain('; closest state layout: OH Statewide voter file (SWVF) (similarity 0.83).');
    expect(detail(0.18)).toContain("; not a state's published layout (the closest, OH Statewide voter file (SWVF), has similarity 0.18).");
  });
});
