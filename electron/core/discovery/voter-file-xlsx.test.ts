import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { zipFiles } from '../../../tests/helpers/zip-writer';
import { classifyXlsx, rowCells, tagMatches, withoutPhonetic } from './voter-file-xlsx';
import type { ZipArchive } from './zip-archive';

const names = ['VOTER_ID', 'LAST_NAME', 'FIRST_NAME', 'DATE_OF_BIRTH', 'REGISTRATION_DATE', 'PARTY', 'PRECINCT'];
const voter = (i: number) => [String(100000000 + i), 'ZULSEV', 'ANNA', '04/12/1961', '01/02/1990', 'DEM', 'P12'];
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const row = (r: number, values: string[]) => `<row r="${r}">${values.map((x, i) => cell(`${String.fromCharCode(65 + i)}${r}`, x)).join('')}</row>`;
const rows = [names, ...Array.from({ length: 30 }, (_, i) => voter(i))].map((r, i) => row(i + 1, r)).join('');
const WORKBOOK = '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS = '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET = `<worksheet><sheetData>${rows}</sheetData></worksheet>`;
const book = (parts: { workbook?: string; rels?: string; sheet?: string; shared?: string }) =>
  zipFiles([
    { name: 'xl/workbook.xml', data: parts.workbook ?? WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: parts.rels ?? RELS },
    { name: 'xl/worksheets/sheet1.xml', data: parts.sheet ?? SHEET },
    ...(parts.shared ? [{ name: 'xl/sharedStrings.xml', data: parts.shared }] : []),
  ]);
const classify = (xlsx: Buffer) => classifyXlsx(xlsx, { name: 'voters.xlsx', totalBytes: xlsx.length });
const MB = 1 << 20;

/** A small deterministic generator of random test input. */
function random(seed: number) {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) / (1 << 24);
  return <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
}
/** Strings of `tokens`, up to 24 of them, as many as `n`. */
const generated = (tokens: readonly string[], n: number, seed: number) => {
  const pick = random(seed);
  const lengths = Array.from({ length: 25 }, (_, i) => i);
  return Array.from({ length: n }, () => Array.from({ length: pick(lengths) }, () => pick(tokens)).join(''));
};

describe('classifyXlsx on parts built to make a regex backtrack (each took minutes or more before)', () => {
  it('reads a workbook whose relationships part is 1 MB of "<Relationship" with no ">"', { timeout: 20_000 }, async () => {
    // Before: about a minute (every "<Relationship" read the rest of the part); the sheets are then found by name.
    expect(await classify(book({ rels: '<Relationship'.repeat(MB / 13) }))).toMatchObject({ isVoterFile: true });
  });

  it('reads a workbook part of 1 MB of "<sheet " with no r:id', async () => {
    expect(await classify(book({ workbook: `<workbook><sheets>${'<sheet '.repeat(MB / 7)}></sheets></workbook>` }))).toMatchObject({ isVoterFile: true });
  });

  it('reads a sheet whose XML before the first row is 2 MB of "<dimension "', async () => {
    expect(await classify(book({ sheet: `<worksheet>${'<dimension '.repeat((2 * MB) / 11)}><sheetData>${rows}</sheetData></worksheet>` }))).toMatchObject({ isVoterFile: true });
  });

  it('reads a sheet whose first row is 2 MB of "<c>" with no "</c>"', async () => {
    expect(await classify(book({ sheet: `<worksheet><sheetData><row r="1">${'<c>'.repeat((2 * MB) / 3)}</row>${rows}</sheetData></worksheet>` }))).toMatchObject({ isVoterFile: true });
  });

  it('reads an inline string of 2 MB of "<rPh " with no "</rPh>"', async () => {
    expect(await classify(book({ sheet: `<worksheet><sheetData><row r="1"><c t="inlineStr"><is>${'<rPh '.repeat((2 * MB) / 5)}</is></c></row>${rows}</sheetData></worksheet>` }))).toMatchObject({ isVoterFile: true });
  });

  it('reads an inline string of 2 MB of "<t " and a shared string of 4 MB of them', async () => {
    const junk = '<t '.repeat((2 * MB) / 3);
    const inline = book({ sheet: `<worksheet><sheetData><row r="1"><c t="inlineStr"><is>${junk}</is></c></row>${rows}</sheetData></worksheet>` });
    expect(await classify(inline)).toMatchObject({ isVoterFile: true });
    const shared = book({ sheet: '<worksheet><sheetData><row r="1"><c t="s"><v>0</v></c><c t="s"><v>0</v></c></row></sheetData></worksheet>', shared: `<sst><si>${junk}${junk}</si></sst>` });
    expect(await classify(shared)).toBeNull();
  });
});

describe('tagMatches', () => {
  const cases: [string, RegExp][] = [
    ['t', /<t\b[^>]*>([^<]*)<\/t>/g],
    ['Relationship', /<Relationship\b[^>]*>/g],
    ['sheet', /<sheet\b[^>]*\br:id="([^"]+)"/g],
    ['dimension', /<dimension\b[^>]*\bref="[A-Z]+\d+:([A-Z]+)(\d+)"/g],
  ];
  it('finds what a global search of the regex finds, on generated XML', () => {
    for (const [tag, global] of cases) {
      const sticky = new RegExp(global.source, 'y');
      const tokens = [`<${tag}`, `<${tag} `, `<${tag}s`, `<${tag}>`, `</${tag}>`, '<t>', '</t>', '<', '>', '/>', ' ', 'x', 'A1', ':', 'B12', '"', ' r:id="rId1"', ' r:id=""', ' ref="A1:C9"', ' Id="r1" Target="a.xml"'];
      for (const xml of generated(tokens, 5_000, tag.length)) {
        const want = [...xml.matchAll(global)].map((m) => [m.index, ...m]);
        expect([...tagMatches(xml, tag, sticky)].map((m) => [m.index, ...m]), xml).toEqual(want);
      }
    }
  });
});

describe('rowCells', () => {
  it('reads the cells a global search of the old regex read, on generated rows', () => {
    const cell = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    const tokens = ['<c', '<c ', '<c>', '<c/>', '<col>', '</c>', '<', '>', '/>', '/', ' r="A1"', ' t="s"', '<v>1</v>', '<is><t>a</t></is>', 'x', ' '];
    for (const row of generated(tokens, 20_000, 7)) {
      const want = [...row.matchAll(cell)].map((m) => ({ attrs: m[1], ...(m[2] !== undefined ? { inner: m[2] } : {}) }));
      expect([...rowCells(row)], row).toEqual(want);
    }
  });
});

describe('withoutPhonetic', () => {
  it('leaves what the old regex left, on generated strings', () => {
    const tokens = ['<rPh', '<rPh>', '<rPh ', '<rPhx', '</rPh>', '</rPh', '<t>a</t>', '<', '>', 'x', ' '];
    for (const xml of generated(tokens, 20_000, 11)) expect(withoutPhonetic(xml), xml).toBe(xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, ''));
  });

  it('reads a shared string whose closing tag straddles two of the pieces the part is read in', async () => {
    // Read 16 KiB at a time: the last "</si>" of the part spans the first boundary.
    const tail = names.map((n) => `<si><t>${n}</t></si>`).join('');
    const shared = `<sst><si><t>${'J'.repeat(16_382 - 21 - (tail.length - 5))}</t></si>${tail}</sst>`;
    expect(shared.lastIndexOf('</si>')).toBe(16_382);
    const header = `<row r="1">${names.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i + 1}</v></c>`).join('')}</row>`;
    const body = rows.slice(rows.indexOf('</row>') + '</row>'.length);
    const verdict = await classify(book({ sheet: `<worksheet><sheetData>${header}${body}</sheetData></worksheet>`, shared }));
    expect(verdict).toMatchObject({ isVoterFile: true });
    expect(verdict?.columns).toEqual(expect.arrayContaining(['VOTER_ID', 'LAST_NAME', 'PRECINCT']));
  });

  it('reads the last row whose closing tag comes in three pieces, the middle one shorter than the tag', async () => {
    // A stream may give pieces of any size (zlib at its input's edges, a short read): "...</r" | "o" | "w>...".
    const xml = `<worksheet><sheetData>${[names, ...Array.from({ length: 9 }, (_, i) => voter(i))].map((r, i) => row(i + 1, r)).join('')}</sheetData></worksheet>`;
    const cut = xml.lastIndexOf('</row>') + 3;
    const sheet = (pieces: string[]) =>
      ({ entries: [{ fileName: 'xl/worksheets/sheet1.xml', uncompressedSize: xml.length }], open: async () => Readable.from(pieces.map((p) => Buffer.from(p))), close: () => undefined, settled: async () => undefined }) as unknown as ZipArchive;
    const info = { name: 'voters.xlsx', totalBytes: xml.length };
    const whole = await classifyXlsx(sheet([xml]), info);
    expect(whole?.rowEstimate).toBe(9);
    expect(await classifyXlsx(sheet([xml.slice(0, cut), xml.slice(cut, cut + 1), xml.slice(cut + 1)]), info)).toEqual(whole);
  });
});
