import { describe, expect, it } from 'vitest';
import { classifyCorpusFile, COUNTY_EXPORT, voterCorpus, type CorpusFile } from '../../../tests/helpers/voter-corpus';
import { zipFiles } from '../../../tests/helpers/zip-writer';
import { looksTabular } from '../local/content';
import { readVoterLayouts } from './voter-layouts';
import { classifyTable, classifyTableHead, classifyXlsx, classifyZip } from './voter-file';
import { openZip } from './zip-archive';

const corpus = voterCorpus();
const verdicts = new Map<CorpusFile, Awaited<ReturnType<typeof classifyCorpusFile>>>();

describe('the voter-file classifier on the generated corpus', async () => {
  for (const f of corpus) verdicts.set(f, await classifyCorpusFile(f));

  it('covers every layout and every format, with and without a header, and every kind of close negative', () => {
    const states = readVoterLayouts().map((l) => l.state);
    for (const s of states) {
      const formats = new Set(corpus.filter((f) => f.kind === s).map((f) => `${f.format}:${f.header}`));
      for (const fmt of ['csv', 'tsv', 'pipe', 'semicolon', 'xlsx']) for (const h of [true, false]) expect(formats).toContain(`${fmt}:${h}`);
      expect(formats).toContain('fixed-width:true');
    }
    expect(new Set(corpus.filter((f) => !f.positive).map((f) => f.kind))).toEqual(
      new Set(['employee list', 'poll-worker roster', 'polling-place list', 'candidate list', 'student roster', 'customer mailing list', 'jury pool list', 'campaign donor list', 'precinct results']),
    );
  });

  /**
   * The accepted misses: a county's own export without a header. Header-less rows are matched
   * only against the published layouts (column count and value shapes); rows of names,
   * addresses and dates alone cannot be told from a staff or customer list without a header,
   * so they are not taken for voter data. No false alarm is accepted. (A fixed-width file
   * without a header is generated only for the layouts that publish positions, MI and TX, as
   * no other can be cut.)
   */
  const acceptedMiss = (f: CorpusFile) => f.kind === COUNTY_EXPORT && !f.header;

  it('misses only the accepted ones', () => {
    const missed = corpus.filter((f) => f.positive && !verdicts.get(f)?.isVoterFile);
    expect(missed.map((f) => f.name).sort()).toEqual(corpus.filter(acceptedMiss).map((f) => f.name).sort());
    expect(missed.length).toBe(15);
  });

  it.each(corpus.map((f) => [f.name, f] as const))('%s', (_, f) => {
    const v = verdicts.get(f);
    expect(v, 'a table').not.toBeNull();
    expect(v!.isVoterFile).toBe(f.positive && !acceptedMiss(f));
    if (v!.isVoterFile && f.kind !== COUNTY_EXPORT) {
      expect(v!.layout?.state).toBe(f.kind);
      expect(v!.columns.length).toBeGreaterThanOrEqual(3);
    }
    const out = JSON.stringify(v);
    for (const value of f.values) expect(out).not.toContain(value);
  });
});

describe('classifyTableHead', () => {
  const layout = readVoterLayouts().find((l) => l.state === 'OH')!;
  const header = layout.columns.map((c) => c.name).join(',');
  const row = (i: number) => layout.columns.map((c) => (c.kind === 'voterId' ? `OH${String(i).padStart(10, '0')}` : c.kind === 'birthDate' ? '1961-04-12' : 'X')).join(',');

  it('estimates the rows of a file larger than its head from the bytes per row', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => row(i));
    const text = Buffer.from(`${header}\n${rows.join('\n')}\n`);
    const v = classifyTableHead(text.subarray(0, 64 * 1024), { name: 'SWVF_1_22.txt', totalBytes: text.length })!;
    expect(v.isVoterFile).toBe(true);
    expect(v.rowEstimate).toBeGreaterThan(4900);
    expect(v.rowEstimate).toBeLessThan(5100);
  });

  it('counts the rows exactly when the head is the whole file', () => {
    const text = Buffer.from(`${header}\n${[1, 2, 3].map(row).join('\n')}\n`);
    expect(classifyTableHead(text, { name: 'x.csv', totalBytes: text.length })!.rowEstimate).toBe(3);
  });

  it('counts every record of a whole file larger than the rows scanned, quoted line breaks included, with or without a header', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${row(i)},"${i} MAIN ST\nAPT ${i}"`);
    const text = Buffer.from(`${header},MAILING\n${rows.join('\n')}\n`);
    expect(text.length).toBeLessThan(64 * 1024);
    const v = classifyTableHead(text, { name: 'x.csv', totalBytes: text.length })!;
    expect(v.rowEstimate).toBe(300);
    expect(JSON.stringify(v)).not.toContain('MAIN ST');
    const bare = Buffer.from(`${rows.join('\n')}\n`);
    expect(classifyTableHead(bare, { name: 'x.csv', totalBytes: bare.length })!.rowEstimate).toBe(300);
  });

  it("reads a Michigan entire-state file (.lst, fixed width, no header) as the local scan does", () => {
    const mi = readVoterLayouts().find((l) => l.state === 'MI')!;
    const record = (i: number) =>
      mi.columns.map((c) => ({ voterId: String(100000000 + i), lastName: 'ZULSEV', firstName: 'ANNA', birthYear: '1961', registrationDate: '01021990' } as Record<string, string>)[c.kind] ?? '').map((x, j) => x.padEnd(mi.columns[j].width!)).join('');
    const text = Buffer.from(`${[1, 2, 3].map(record).join('\r\n')}\r\n`);
    expect(looksTabular('EntireStateVoters.lst', text)).toBe(true);
    expect(classifyTableHead(text, { name: 'EntireStateVoters.lst', totalBytes: text.length })).toMatchObject({ isVoterFile: true, layout: { state: 'MI' } });
    // Blank lines first, and a head that ends inside a record: the first line judged is the first full one.
    const padded = Buffer.from(`\r\n  \r\n${[1, 2, 3, 4].map(record).join('\r\n')}`);
    expect(classifyTableHead(padded.subarray(0, padded.length - 20), { name: 'EntireStateVoters.lst', totalBytes: padded.length })).toMatchObject({ isVoterFile: true, layout: { state: 'MI' } });
    // Prose is not fixed-width, even with records below it (every line of a fixed-width file has its padding).
    const prose = Buffer.concat([Buffer.from('Voter file, as exported\r\n'), text]);
    expect(classifyTableHead(prose, { name: 'EntireStateVoters.lst', totalBytes: prose.length })).toBeNull();
  });

  it('finds a header below title lines (a report name, a run date), and counts the rows below it', () => {
    const text = Buffer.from(`Franklin County Board of Elections - Voter List\r\nRun Date:,01/05/2024\r\n${header}\r\n${[1, 2, 3].map(row).join('\r\n')}\r\n`);
    const v = classifyTableHead(text, { name: 'x.csv', totalBytes: text.length })!;
    expect(v).toMatchObject({ isVoterFile: true, layout: { state: 'OH' }, rowEstimate: 3 });
    expect(JSON.stringify(v)).not.toContain('Franklin');
  });

  it.each([
    ['blank in every row', () => ''],
    ['filled in a few rows', (i: number) => (i % 10 ? '' : 'CASNY')],
  ])('matches Texas rows whose Former_Last_Name is %s', (_, former) => {
    const tx = readVoterLayouts().find((l) => l.state === 'TX')!;
    const values: Record<string, string> = { VUID: '1034567890', Last_Name: 'ZULSEV', First_Name: 'ANNA', Middle_Name: 'J', Gender: 'F', Date_of_Birth: '19610412', Effective_Date_of_Registration: '19900102' };
    const record = (i: number) => tx.columns.map((c) => (c.name === 'Former_Last_Name' ? former(i) : (values[c.name] ?? '')).padEnd(c.width!)).join('');
    const text = Buffer.from(`${Array.from({ length: 20 }, (_, i) => record(i)).join('\n')}\n`);
    expect(classifyTableHead(text, { name: 'TRAVIS_VR_0001.txt', totalBytes: text.length })).toMatchObject({ isVoterFile: true, layout: { state: 'TX' } });
  });

  it('is null for binary, UTF-16 and prose, and says nothing of a lone header', () => {
    const info = { name: 'f', totalBytes: 100 };
    expect(classifyTableHead(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2]), info)).toBeNull();
    expect(classifyTableHead(Buffer.from('\ufeffVOTER_ID,LAST_NAME\n', 'utf16le'), info)).toBeNull();
    expect(classifyTableHead(Buffer.from('Dear clerk,\nthe files are on the share.\nRegards\n'), info)).toBeNull();
  });

  it('does not take a poll-worker roster for voter data even with a voter id column; the reason names the column, never a value', () => {
    const roster = 'WORKER_ID,VOTER_ID,LAST_NAME,FIRST_NAME,ADDRESS,PARTY,ASSIGNED_PRECINCT,ROLE\n1234,836792451,ZULSEV,ANNA,1 MAIN ST,DEM,P12,JUDGE\n';
    const v = classifyTableHead(Buffer.from(roster), { name: 'roster.csv', totalBytes: roster.length })!;
    expect(v.isVoterFile).toBe(false);
    expect(v.reason).toContain('ROLE');
    expect(v.reason).not.toContain('ZULSEV');
  });

  it('reads the same verdict from a bucket sample (header and row shapes only)', () => {
    const v = classifyTable({ format: 'csv', header: header.split(','), rowShapes: [], rowBytes: 100 }, { name: 'k', totalBytes: 1_000_000 });
    expect(v).toMatchObject({ isVoterFile: true, layout: { state: 'OH' } });
    expect(v.rowEstimate).toBeGreaterThan(9000);
  });
});

describe('classifyXlsx', () => {
  const names = ['VOTER_ID', 'LAST_NAME', 'FIRST_NAME', 'DATE_OF_BIRTH', 'REGISTRATION_DATE', 'PARTY', 'PRECINCT'];
  const voter = (i: number) => [String(100000000 + i), 'ZULSEV', 'ANNA', '04/12/1961', '01/02/1990', 'DEM', 'P12'];
  const cell = (ref: string, text: string) => (text ? `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>` : '');
  const row = (r: number, values: string[]) => `<row r="${r}">${values.map((x, i) => cell(`${String.fromCharCode(65 + i)}${r}`, x)).join('')}</row>`;
  /** A workbook of one sheet holding `rows` from row 1, with or without a <dimension>. */
  const book = (rows: string[][], dimension: boolean) =>
    zipFiles([
      { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: `<worksheet>${dimension ? `<dimension ref="A1:G${rows.length}"/>` : ''}<sheetData>${rows.map((r, i) => row(i + 1, r)).join('')}</sheetData></worksheet>` },
    ]);
  const voters = Array.from({ length: 300 }, (_, i) => voter(i));

  it('estimates the rows of a sheet without a <dimension> from the bytes of the rows read', async () => {
    const xlsx = book([names, ...voters], false);
    const v = (await classifyXlsx(xlsx, { name: 'voters.xlsx', totalBytes: xlsx.length }))!;
    expect(v.isVoterFile).toBe(true);
    expect(v.rowEstimate).toBeGreaterThan(290);
    expect(v.rowEstimate).toBeLessThan(310);
  });

  it('finds voters on a sheet after a cover sheet, in the workbook\'s order of sheets', async () => {
    const sheet = (rows: string[][]) => `<worksheet><sheetData>${rows.map((r, i) => row(i + 1, r)).join('')}</sheetData></worksheet>`;
    const workbook = (order: string[]) =>
      zipFiles([
        { name: 'xl/workbook.xml', data: `<workbook><sheets>${order.map((id, i) => `<sheet name="s${i}" sheetId="${i + 1}" r:id="${id}"/>`).join('')}</sheets></workbook>` },
        { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rCover" Target="worksheets/sheet1.xml"/><Relationship Id="rVoters" Target="worksheets/sheet2.xml"/></Relationships>' },
        { name: 'xl/worksheets/sheet1.xml', data: sheet([['Field', 'Meaning'], ['VOTER_ID', 'State voter number'], ['PARTY', 'Party of record']]) },
        { name: 'xl/worksheets/sheet2.xml', data: sheet([names, ...voters]) },
      ]);
    for (const order of [['rCover', 'rVoters'], ['rVoters', 'rCover']]) {
      const xlsx = workbook(order);
      const v = (await classifyXlsx(xlsx, { name: 'export.xlsx', totalBytes: xlsx.length }))!;
      expect(v.isVoterFile, order.join()).toBe(true);
      expect(Math.abs(v.rowEstimate! - 300), order.join()).toBeLessThan(10);
    }
    const cover = zipFiles([
      { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="a" sheetId="1" r:id="rCover"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rCover" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: sheet([['Field', 'Meaning'], ['VOTER_ID', 'State voter number']]) },
    ]);
    expect((await classifyXlsx(cover, { name: 'notes.xlsx', totalBytes: cover.length }))?.isVoterFile ?? false).toBe(false);
  });

  it('reads a character reference past U+10FFFF in a cell as any odd character, not as damage', async () => {
    const xlsx = book([names, ...voters.map((v, i) => (i === 3 ? [v[0], '&#x110000;', ...v.slice(2)] : v))], true);
    expect(await classifyXlsx(xlsx, { name: 'voters.xlsx', totalBytes: xlsx.length })).toMatchObject({ isVoterFile: true, rowEstimate: 300 });
  });

  it('finds a header below title rows, and counts the rows below it', async () => {
    const xlsx = book([['Franklin County Board of Elections'], ['Active voters as of 01/05/2024'], names, ...voters], true);
    const v = (await classifyXlsx(xlsx, { name: 'voters.xlsx', totalBytes: xlsx.length }))!;
    expect(v).toMatchObject({ isVoterFile: true, rowEstimate: 300 });
    expect(JSON.stringify(v)).not.toContain('Franklin');
  });
});

describe('classifyXlsx and classifyZip on bad input', () => {
  it('rejects a corrupt workbook and a file that is not a zip, with an error naming no content', async () => {
    await expect(classifyXlsx(Buffer.from('not a zip at all'), { name: 'x.xlsx', totalBytes: 16 })).rejects.toThrow();
    const good = corpus.find((f) => f.format === 'xlsx' && f.positive)!.bytes;
    const broken = Buffer.from(good);
    broken.fill(0x41, 200, 600);
    await expect(classifyXlsx(broken, { name: 'x.xlsx', totalBytes: broken.length })).rejects.toThrow();
  });

  it('reads a bounded part of a bomb-like sheet (a huge first row)', async () => {
    const huge = `<worksheet><sheetData><row r="1">${'<c t="inlineStr"><is><t>AAAAAAAA</t></is></c>'.repeat(400_000)}</row></sheetData></worksheet>`;
    const bomb = zipFiles([
      { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: huge },
    ]);
    expect(bomb.length).toBeLessThan(huge.length / 50);
    // The sheet's bytes the reader takes from the archive, counted.
    const zip = await openZip(bomb);
    let read = 0;
    const open = zip.open.bind(zip);
    zip.open = async (e) => (await open(e)).on('data', (c: Buffer) => (read += c.length));
    try {
      expect(await classifyXlsx(zip, { name: 'bomb.xlsx', totalBytes: bomb.length }, { maxSheetBytes: 1 << 20 })).toBeNull();
    } finally {
      zip.close();
    }
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(2 << 20);
  });

  it('lists the tabular entries of an archive, and skips the rest', async () => {
    const zip = zipFiles([
      { name: 'notes.md', data: '# notes\n' },
      { name: 'staff.csv', data: 'EMPLOYEE_ID,LAST_NAME,FIRST_NAME,DEPARTMENT\n1,A,B,C\n' },
    ]);
    const out = await classifyZip(zip, { name: 'a.zip', totalBytes: zip.length });
    expect(out.map((e) => [e.entry, e.verdict.isVoterFile])).toEqual([['staff.csv', false]]);
  });
});
