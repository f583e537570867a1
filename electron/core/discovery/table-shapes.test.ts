import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findResourcesDir } from '../paths';
import { findHeader, parseRows, tableShapes, valueShape } from './table-shapes';

describe('valueShape', () => {
  it.each([
    ['836792451', 'digits:9'],
    ['00041', 'digits:5'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['10/18/1963', 'date'],
    ['2026-11-02', 'date'],
    ['2026-11-02T10:00:00Z', 'date'],
    ['10/18/1963 12:00:00 AM', 'date'],
    ['10/18/1963 14:05', 'date'],
    ['OH', 'upper:2'],
    ['DEM', 'upper:3'],
    ['J', 'upper:1'],
    ['ZULSEVQUIST', 'alpha'],
    ["O'Brien", 'alpha'],
    ['Mary Ann', 'alpha'],
    ['HC-101', 'alnum'],
    ['P12', 'alnum'],
    ['4036 VESPERFALL AVE', 'mixed'],
    ['pat@example.org', 'mixed'],
    ['555-123-4567', 'mixed'],
  ])('%j is %s', (v, shape) => expect(valueShape(v)).toBe(shape));
});

describe('tableShapes', () => {
  const sample = readFileSync(path.join(findResourcesDir(), 'demo', 'local', 'harlow-voter-extract-2026-10-sample.csv'), 'utf8');

  it('keeps the column names and the shapes of five rows, and no value', () => {
    const t = tableShapes(sample, true)!;
    expect(t.header?.slice(0, 3)).toEqual(['VOTER_ID', 'LAST_NAME', 'FIRST_NAME']);
    expect(t.rowShapes).toHaveLength(5);
    expect(t.rowShapes[0].slice(0, 3)).toEqual(['digits:9', 'alpha', 'alpha']);
    const values = sample.split('\n').slice(1, 6).join(',').split(',').filter((v) => v.length > 3);
    const out = JSON.stringify(t);
    for (const v of values) expect(out).not.toContain(v);
  });

  it('drops a last row cut off by the end of the chunk', () => {
    const t = tableShapes('ID,NAME\n123,Ann\n456,Bo', false)!;
    expect(t.rowShapes).toEqual([['digits:3', 'alpha']]);
    expect(tableShapes('ID,NAME\n123,Ann\n456,Bo', true)!.rowShapes).toHaveLength(2);
  });

  it('handles quotes, embedded delimiters and newlines, tabs and CRLF', () => {
    const t = tableShapes('"VOTER_ID"\t"ADDRESS"\r\n"123"\t"1 Main St,\nApt 2"\r\n', true)!;
    expect(t).toEqual({ header: ['VOTER_ID', 'ADDRESS'], rowShapes: [['digits:3', 'mixed']] });
  });

  it('splits fields as RFC 4180 does: doubled quotes, a quote after blanks, a quote inside a field, text after a closing quote', () => {
    const ends: number[] = [];
    const text = '"A ""B""",  "C",D"E,"F"G\r\n\r\n"x\ny",2\n,\nlast';
    expect(parseRows(text, ',', true, Infinity, ends)).toEqual([['A "B"', 'C', 'D"E', 'FG'], ['x\ny', '2'], ['', ''], ['last']]);
    expect(ends).toEqual([26, 36, 38, 42]);
    // Cut off by the chunk's end: the last row is dropped, an open quote keeps its newlines.
    expect(parseRows(text, ',', false, Infinity)).toHaveLength(3);
    expect(parseRows('"a\nb', ',', true)).toEqual([['a\nb']]);
    expect(parseRows('a|b\nc|d\ne|f\n', '|', true, 1)).toEqual([['a', 'b'], ['c', 'd']]);
    // Old Mac line ends; a second quoted part after a closed one is text; an empty quoted field.
    const crEnds: number[] = [];
    expect(parseRows('a,b\rc,d\r', ',', true, Infinity, crEnds)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(crEnds).toEqual([4, 8]);
    expect(parseRows('"a" "b",c\n', ',', true)).toEqual([['a "b"', 'c']]);
    expect(parseRows('x;"y""z";\r\n"";w', ';', true)).toEqual([['x', 'y"z', ''], ['', 'w']]);
  });

  it('keeps no header when the first line could be a row of names', () => {
    const t = tableShapes('SMITH,JOHN\nDOE,JANE\n', true)!;
    expect(t.header).toBeUndefined();
    expect(t.rowShapes).toEqual([['alpha', 'alpha'], ['upper:3', 'alpha']]);
  });

  it('keeps no header when the first line holds values', () => {
    expect(tableShapes('836792451,ZULSEVQUIST,10/18/1963\n602871067,CASNYQUIST,06/01/1996\n', true)!.header).toBeUndefined();
  });

  it.each([
    ['a line ending in its delimiter', 'VOTER_ID,LAST_NAME,ZIP,\n123,ANN,43001,\n', ['VOTER_ID', 'LAST_NAME', 'ZIP']],
    ['names with + and a comma', '"VOTER_ID","Zip+4","Name (Last, First)"\n"123","4321","ZULSEV, ANN"\n', ['VOTER_ID', 'Zip+4', 'Name (Last, First)']],
    ['quoted fields after ", "', '"VOTER_ID", "LAST_NAME"\n"123", "ANN"\n', ['VOTER_ID', 'LAST_NAME']],
    ['a repeated name', 'VOTER_ID,DISTRICT,DISTRICT \n123,1,2\n', ['VOTER_ID', 'DISTRICT', 'DISTRICT']],
    ['names beyond ASCII', 'Número,Dirección\n123,CALLE 1\n', ['Número', 'Dirección']],
  ])('reads the column names of %s', (_, text, header) => {
    const t = tableShapes(text, true)!;
    expect(t.header).toEqual(header);
    expect(t.rowShapes[0][0]).toBe('digits:3');
  });

  it('finds the column names below a title line, and keeps the title out (findHeader, for local files); a bucket sample reads its first line only, as the collection script does', () => {
    const rows = parseRows('Voter list as of 01/05/2024,,\nVOTER_ID,LAST_NAME,DOB\n123,ANN,01/02/1990\n', ',', true);
    expect(findHeader(rows)).toEqual({ header: ['VOTER_ID', 'LAST_NAME', 'DOB'], start: 2 });
    expect(tableShapes('Voter list as of 01/05/2024,,\nVOTER_ID,LAST_NAME,DOB\n123,ANN,01/02/1990\n', true)!.header).toBeUndefined();
  });

  it('says nothing of binary or single-column text', () => {
    expect(tableShapes(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x2c]), false)).toBeUndefined();
    expect(tableShapes('just some prose\nand more prose\n', true)).toBeUndefined();
  });
});
