import { describe, expect, it } from 'vitest';
import { readVoterLayouts, recordWidth, voterLayoutSchema } from './voter-layouts';

const valid = {
  state: 'ZZ',
  name: 'Test layout',
  source: { title: 'A published layout', url: 'https://example.org/layout' },
  delimiter: 'fixed',
  header: false,
  quoted: false,
  dateFormat: 'yyyymmdd',
  notes: '',
  columns: [
    { name: 'VOTER_ID', kind: 'voterId', start: 1, width: 9 },
    { name: 'LAST', kind: 'lastName', start: 10, width: 20 },
    { name: 'FIRST', kind: 'firstName', start: 30, width: 20 },
    { name: 'DOB', kind: 'birthDate', start: 50, width: 8 },
    { name: 'REG', kind: 'registrationDate', start: 58, width: 8 },
  ],
};

describe('voter-file layouts (resources/voter-layouts)', () => {
  const layouts = readVoterLayouts();

  it('ships at least eight states, each a valid layout with its source', () => {
    expect(new Set(layouts.map((l) => l.state)).size).toBeGreaterThanOrEqual(8);
    for (const l of layouts) expect(l.source.url).toMatch(/^https?:\/\//);
  });

  it('has header-less, fixed-width and tab-delimited layouts among them', () => {
    expect(layouts.filter((l) => !l.header).map((l) => l.state)).toEqual(expect.arrayContaining(['FL', 'PA', 'MI']));
    expect(layouts.filter((l) => l.delimiter === 'fixed').map((l) => [l.state, recordWidth(l)])).toEqual(expect.arrayContaining([['MI', 520], ['TX', 685]]));
  });

  it('accepts a well-formed layout and rejects gaps, overlaps, missing positions, unknown kinds and a layout without a voter id', () => {
    expect(voterLayoutSchema.safeParse(valid).success).toBe(true);
    const cols = valid.columns;
    const bad = [
      { ...valid, columns: cols.map((c, i) => (i === 2 ? { ...c, start: 31 } : c)) },
      { ...valid, columns: cols.map((c, i) => (i === 2 ? { ...c, start: 29 } : c)) },
      { ...valid, columns: cols.map(({ name, kind }) => ({ name, kind })) },
      { ...valid, delimiter: ',', columns: cols },
      { ...valid, columns: cols.map((c, i) => (i === 3 ? { ...c, kind: 'shoeSize' } : c)) },
      { ...valid, columns: cols.slice(1).map((c, i) => ({ ...c, start: i === 0 ? 1 : c.start - 9 })) },
      { ...valid, state: 'Ohio' },
      { ...valid, columns: [...cols, { ...cols[0], start: 66 }] },
    ];
    for (const b of bad) expect(voterLayoutSchema.safeParse(b).success, JSON.stringify(b).slice(0, 80)).toBe(false);
  });
});
