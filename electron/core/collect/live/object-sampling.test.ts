import { describe, expect, it } from 'vitest';
import { spreadKeys, tableKeys } from './object-sampling';

const objects = (keys: string[]) => keys.map((Key) => ({ Key, Size: 10 }));

describe('object sampling', () => {
  it('spreads the ACL sample over the listing: first, last and between', () => {
    const list = objects(Array.from({ length: 100 }, (_, i) => `k${i}`));
    expect(spreadKeys(list, 3)).toEqual(['k0', 'k50', 'k99']);
    expect(spreadKeys(objects(['a', 'b']), 3)).toEqual(['a', 'b']);
    expect(spreadKeys(list, 0)).toEqual([]);
  });

  it('samples tables, those named like voter data first, never empty objects', () => {
    const list = [...objects(['readme.txt', 'photos/a.jpg', 'results/precinct.csv', 'voter-rolls/extract-2026.csv']), { Key: 'empty.csv', Size: 0 }];
    expect(tableKeys(list, 2)).toEqual(['voter-rolls/extract-2026.csv', 'readme.txt']);
    expect(tableKeys(list, 10)).toEqual(['voter-rolls/extract-2026.csv', 'readme.txt', 'results/precinct.csv']);
  });
});
