import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { layoutProblems, readVoterLayouts, recordWidth } from './voter-layouts';

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
    expect(layoutProblems(valid)).toEqual([]);
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
      { ...valid, columns: cols.map((c, i) => (i === 1 ? { ...c, widht: 20 } : c)) },
      { ...valid, columns: cols.map((c, i) => (i === 4 ? { ...c, width: 0 } : c)) },
      { ...valid, columns: cols.slice(0, 4) },
      { ...valid, source: { title: 'A layout', url: 'ftp://example.org/layout' } },
      { ...valid, source: { title: 'A layout', url: 'https://example.org/layout', seen: true } },
      { ...valid, dateFormat: 'dd.mm.yyyy' },
      { ...valid, delimiter: ':' },
      { ...valid, header: 'yes' },
      { ...valid, colour: 'blue' },
      [valid],
    ];
    for (const b of bad) expect(layoutProblems(b), JSON.stringify(b).slice(0, 80)).not.toEqual([]);
    expect(layoutProblems({ ...valid, columns: cols.map((c, i) => (i === 1 ? { ...c, widht: 20 } : c)) })).toEqual(['LAST: unknown field "widht"']);
  });

  it('refuses a folder holding a malformed layout with a message naming the file and what is wrong', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-layouts-'));
    try {
      writeFileSync(path.join(dir, 'a.json'), JSON.stringify(valid));
      writeFileSync(path.join(dir, 'b.json'), JSON.stringify({ ...valid, state: 'Ohio' }));
      expect(() => readVoterLayouts(dir)).toThrow(/^voter layout b\.json: state: a two-letter postal code/);
      writeFileSync(path.join(dir, 'b.json'), '{"state": "OH",');
      expect(() => readVoterLayouts(dir)).toThrow(/^voter layout b\.json: not readable as JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
