import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../tests/helpers/seeded-random';
import { officeXmlText } from './office-xml-text';

/** The converter's text for xml given in chunks of `size` bytes. */
const convert = (xml: string | Buffer, size = Infinity) => {
  const bytes = Buffer.isBuffer(xml) ? xml : Buffer.from(xml, 'utf8');
  const conv = officeXmlText();
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += Math.min(size, bytes.length)) out.push(Buffer.from(conv(bytes.subarray(i, i + size))));
  out.push(Buffer.from(conv()));
  return Buffer.concat(out).toString('utf8');
};

/**
 * The string implementation officeXmlText replaced, as a reference: the whole part decoded,
 * three regex replacements, entities, encoded again.
 */
const endTag = (names: string) => new RegExp(`<(?:\\/(?:${names})(?![\\w:.-])[^>]*|(?:${names})(?![\\w:.-])[^>]*\\/)>`, 'g');
const NEWLINE_TAG = endTag('w:p|a:p|si|row|w:br|w:cr');
const TAB_TAG = endTag('c|w:tab');
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function reference(xml: Uint8Array): Buffer {
  // TextDecoder drops a leading byte-order mark.
  const s = new TextDecoder('utf-8').decode(xml);
  const text = s
    .replace(NEWLINE_TAG, '\n')
    .replace(TAB_TAG, '\t')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (_, name: string) => {
      if (name[0] !== '#') return NAMED[name] ?? '';
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
    });
  return Buffer.from(text, 'utf8');
}

/**
 * Feeds `chunks` to a new converter, then ends it; each result is copied at once (it is valid
 * until the next call). With `scribble`, each chunk is handed over as a view into a scratch
 * buffer (at an offset in a larger ArrayBuffer, not a Buffer) that is overwritten after every
 * call: the converter must not keep a reference to a caller's chunk.
 */
function run(chunks: Uint8Array[], scribble = false): Buffer {
  const conv = officeXmlText();
  const out: Buffer[] = [];
  const largest = chunks.reduce((n, c) => Math.max(n, c.length), 0);
  const scratch = new Uint8Array(new ArrayBuffer(largest + 16), 7, largest);
  for (const c of chunks) {
    if (!scribble) out.push(Buffer.from(conv(c)));
    else {
      scratch.set(c);
      out.push(Buffer.from(conv(scratch.subarray(0, c.length))));
      scratch.fill(0x3c); // "<": a kept chunk would now read as an unclosed tag
    }
  }
  out.push(Buffer.from(conv()));
  return Buffer.concat(out);
}

/** `bytes` cut into chunks of the lengths `next` gives (0 is an empty chunk). */
function cut(bytes: Uint8Array, next: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = next();
    chunks.push(bytes.subarray(i, i + n));
    i += n;
  }
  return chunks;
}

/** Where two outputs first differ, shown with some context; undefined when they are the same. */
function difference(got: Buffer, want: Buffer): string | undefined {
  if (got.equals(want)) return undefined;
  let i = 0;
  while (i < got.length && i < want.length && got[i] === want[i]) i++;
  const show = (b: Buffer) => JSON.stringify(b.subarray(Math.max(0, i - 30), i + 30).toString('utf8'));
  return `first difference at byte ${i} of ${got.length} (want ${want.length}): got ${show(got)}, want ${show(want)}`;
}

const bytes = (s: string) => Buffer.from(s, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('officeXmlText', () => {
  it("joins Word's runs, decodes entities, one line per paragraph, across any chunking", () => {
    const xml = '<w:p><w:r><w:t>AKIA</w:t></w:r><w:r><w:t>QX4T</w:t></w:r></w:p><w:p><w:r><w:t>sv=1&amp;sig=abc</w:t></w:r></w:p>';
    for (const size of [1, 2, 3, 7, xml.length]) expect(convert(xml, size), `chunks of ${size}`).toBe('AKIAQX4T\nsv=1&sig=abc\n');
  });

  it('ends a line only at the end of a paragraph, string, row or break, and a cell with a tab, by the whole tag name', () => {
    const xml = '<w:p><w:pPr><w:tabs/></w:pPr><w:r><w:t>a</w:t><w:br w:type="page"/><w:t>b</w:t></w:r></w:p ><row r="1"><c r="A1"><v>1</v></c><c r="B1"/></row><si><t>x &lt; y &#65;&#x42;&bogus;</t></si></ c>';
    expect(convert(xml)).toBe('a\nb\n1\t\t\nx < y AB\n');
  });

  it('a closing or self-closing tag of w:p, a:p, si, row, w:br, w:cr is a newline, of c and w:tab a tab; an opening tag nothing', () => {
    for (const [name, out] of [
      ['w:p', '\n'],
      ['a:p', '\n'],
      ['si', '\n'],
      ['row', '\n'],
      ['w:br', '\n'],
      ['w:cr', '\n'],
      ['c', '\t'],
      ['w:tab', '\t'],
    ] as const) {
      for (const tag of [`</${name}>`, `</${name} >`, `</${name}\r\n>`, `<${name}/>`, `<${name} />`, `<${name} a="1" b='/'/>`, `<${name}\r\n  r="A1"\r\n/>`]) {
        for (const size of [1, 2, 3, Infinity]) expect(convert(`x${tag}y`, size), `${tag} in chunks of ${size}`).toBe(`x${out}y`);
      }
      for (const tag of [`<${name}>`, `<${name} a="1">`, `<${name} a="x/">`, `< ${name}/>`, `</ ${name}>`]) expect(convert(`x${tag}y`), tag).toBe('xy');
    }
  });

  it('by the whole name only: a longer name, another prefix or another case is no such tag', () => {
    const names = ['w:pPr', 'w:pStyle', 'w:p.x', 'w:p-x', 'w:p_x', 'w:p1', 'w:p:x', 'ww:p', 'W:P', 'w:P', 'a:pPr', 'a:pp', 'sig', 'sis', 'si1', 'rows', 'row-x', 'rowBreaks', 'w:brk', 'w:br.x', 'w:crs', 'col', 'cols', 'c:v', 'c:chart', 'c.x', 'c-x', 'c_x', 'cx', 'c1', 'C', 'w:tabs', 'w:tab2', 'w:tab.x', 'p', 'w', 'br', 'tab'];
    for (const name of names) {
      for (const tag of [`</${name}>`, `<${name}/>`, `<${name} a="b"/>`, `</${name} >`]) {
        const xml = `x${tag}y`;
        expect(convert(xml), tag).toBe('xy');
        expect(convert(xml, 1), tag).toBe('xy');
        expect(Buffer.from(convert(xml)).equals(reference(bytes(xml))), tag).toBe(true);
      }
    }
  });

  it('decodes the five named entities and numeric ones; drops other lower-case names; anything else with "&" is text', () => {
    const cases: [string, string][] = [
      ['&amp;&lt;&gt;&quot;&apos;', '&<>"\''],
      ['a&nbsp;b&copy;c&bogus;d', 'abcd'],
      ['&#65;&#x42;&#x4a;&#x4A;&#00067;&#x0044;', 'ABJJCD'],
      ['&#233;&#x20AC;&#x1F600;&#128512;', 'é€😀😀'],
      ['&#60;w:p/&#62; &lt;/w:p&gt;', '<w:p/> </w:p>'],
      ['&AMP; &Amp; &#X41; &#x; &#; & &; &#12a; &ab1; &#xG1; &am p; &#-1; &#1 ; &', '&AMP; &Amp; &#X41; &#x; &#; & &; &#12a; &ab1; &#xG1; &am p; &#-1; &#1 ; &'],
      ['&&amp;&&#65;', '&&&A'],
    ];
    for (const [xml, out] of cases) {
      for (const size of [1, 2, 3, 5, Infinity]) expect(convert(xml, size), `${xml} in chunks of ${size}`).toBe(out);
      expect(reference(bytes(xml)).toString('utf8'), xml).toBe(out);
    }
  });

  it('&#0;, a surrogate, a code point past U+10FFFF, and a huge number give what the reference gives', () => {
    const cases: [string, number[]][] = [
      ['&#0;', [0x00]],
      ['&#x0;', [0x00]],
      ['&#xD800;', [0xef, 0xbf, 0xbd]],
      ['&#xdfff;', [0xef, 0xbf, 0xbd]],
      ['&#55296;', [0xef, 0xbf, 0xbd]],
      ['&#xD7FF;', [0xed, 0x9f, 0xbf]],
      ['&#xE000;', [0xee, 0x80, 0x80]],
      ['&#1114111;', [0xf4, 0x8f, 0xbf, 0xbf]],
      ['&#x10FFFF;', [0xf4, 0x8f, 0xbf, 0xbf]],
      ['&#1114112;', [0xef, 0xbf, 0xbd]],
      ['&#x110000;', [0xef, 0xbf, 0xbd]],
      ['&#99999999999999999999;', [0xef, 0xbf, 0xbd]],
      ['&#xFFFFFFFFFFFFFFFFFFFF;', [0xef, 0xbf, 0xbd]],
      ['&#127;&#128;&#2047;&#2048;&#65535;&#65536;', [0x7f, 0xc2, 0x80, 0xdf, 0xbf, 0xe0, 0xa0, 0x80, 0xef, 0xbf, 0xbf, 0xf0, 0x90, 0x80, 0x80]],
    ];
    for (const [xml, want] of cases) {
      expect(reference(bytes(xml)).equals(Buffer.from(want)), `reference ${xml}`).toBe(true);
      for (const size of [1, 2, 4, Infinity]) {
        const got = run(cut(bytes(xml), () => size));
        expect([...got], `${xml} in chunks of ${size}`).toEqual(want);
      }
    }
  });

  it('&AMP; and &#X41; stay as text', () => {
    for (const size of [1, 2, 3, Infinity]) {
      expect(convert('&AMP;', size)).toBe('&AMP;');
      expect(convert('&#X41;', size)).toBe('&#X41;');
      expect(convert('<w:t>a&AMP;b&#X41;c</w:t>', size)).toBe('a&AMP;b&#X41;c');
    }
  });

  it('an entity up to 65 bytes long decodes however it is cut', () => {
    const xml = `a&#${'0'.repeat(60)}65;b&${'q'.repeat(63)};c&#x${'0'.repeat(56)}1F600;d`;
    const want = 'aAbc😀d';
    expect(reference(bytes(xml)).toString('utf8')).toBe(want);
    const b = bytes(xml);
    for (let at = 0; at <= b.length; at++) {
      const got = run([b.subarray(0, at), b.subarray(at)]);
      expect(got.toString('utf8'), `cut at ${at}`).toBe(want);
    }
    for (const size of [1, 2, 3, 64, 65, 66]) expect(run(cut(b, () => size)).toString('utf8'), `chunks of ${size}`).toBe(want);
  });

  it('drops a leading byte-order mark only, however the first bytes come', () => {
    const xml = Buffer.concat([BOM, bytes('<w:p>a\uFEFFb</w:p>')]);
    const want = 'a\uFEFFb\n';
    expect(reference(xml).toString('utf8')).toBe(want);
    for (const size of [1, 2, 3, 4, 5, Infinity]) expect(run(cut(xml, () => size)).toString('utf8'), `chunks of ${size}`).toBe(want);
    for (const first of [0, 1, 2, 3, 4]) {
      for (const second of [0, 1, 2, 3]) {
        const chunks = [xml.subarray(0, first), xml.subarray(first, first + second), xml.subarray(first + second)];
        expect(run(chunks).toString('utf8'), `${first}, ${second}, rest`).toBe(want);
        expect(run(chunks, true).toString('utf8'), `${first}, ${second}, rest (scribbled)`).toBe(want);
      }
    }
    // Empty chunks first, then the mark a byte at a time.
    expect(run([new Uint8Array(0), new Uint8Array(0), ...cut(xml, () => 1)]).toString('utf8')).toBe(want);
    // One mark only.
    const two = Buffer.concat([BOM, BOM, bytes('x')]);
    expect(reference(two).toString('utf8')).toBe('\uFEFFx');
    for (const size of [1, 2, 3, Infinity]) expect(run(cut(two, () => size)).toString('utf8'), `two marks in chunks of ${size}`).toBe('\uFEFFx');
    // Not at the start: text.
    for (const size of [1, 2, 3, Infinity]) {
      expect(run(cut(Buffer.concat([bytes('x'), BOM]), () => size)).toString('utf8')).toBe('x\uFEFF');
      expect(run(cut(Buffer.concat([bytes('<w:p/>'), BOM, bytes('y')]), () => size)).toString('utf8')).toBe('\n\uFEFFy');
    }
    // The mark alone, and parts shorter than a mark.
    for (const size of [1, 2, 3]) expect(run(cut(BOM, () => size)).length).toBe(0);
    for (const s of ['', 'a', 'ab', 'é', '&', '<']) {
      for (const size of [1, 2]) expect(run(cut(bytes(s), () => size)).toString('utf8'), JSON.stringify(s)).toBe(s);
    }
    expect(run([]).length).toBe(0);
  });

  it('a "<" with no ">" is text: followed by 100 KB of text, given whole or in chunks', () => {
    const xml = `<w:p><w:t>ok</w:t></w:p><${'a'.repeat(50_000)}&amp;${'é'.repeat(25_000)} &#65;`;
    const want = `ok\n<${'a'.repeat(50_000)}&${'é'.repeat(25_000)} A`;
    const b = bytes(xml);
    expect(reference(b).toString('utf8')).toBe(want);
    const random = seededRandom(7);
    for (const [label, next] of [
      ['whole', () => b.length],
      ['1000', () => 1000],
      ['4096', () => 4096],
      ['65536', () => 65_536],
      ['65537', () => 65_537],
      ['random', () => 1 + Math.floor(random() * 20_000)],
    ] as const) {
      expect(difference(run(cut(b, next)), Buffer.from(want)), label).toBeUndefined();
    }
  });

  it('an unclosed tag of 70 KB, in chunks, is text', () => {
    const tag = `<w:t w:val="${'x'.repeat(70_000)} &quot;`;
    const xml = bytes(`<w:p><w:t>before</w:t></w:p>${tag}`);
    const want = Buffer.from(`before\n<w:t w:val="${'x'.repeat(70_000)} "`);
    expect(difference(reference(xml), want)).toBeUndefined();
    for (const size of [1024, 10_000, 65_535, 65_536, 65_537, 69_999]) expect(difference(run(cut(xml, () => size)), want), `chunks of ${size}`).toBeUndefined();
  });

  it('a tag up to 65,537 bytes long is a tag however it is cut', () => {
    const head = '<c r="A1" x="';
    const tag = `${head}${'y'.repeat(65_537 - head.length - 3)}"/>`;
    expect(tag.length).toBe(65_537);
    const xml = bytes(`a${tag}b</w:p>`);
    const want = Buffer.from('a\tb\n');
    expect(difference(reference(xml), want)).toBeUndefined();
    for (const at of [1, 2, 1000, 32_768, 65_536, 65_537, 65_538, 65_539]) {
      expect(difference(run([xml.subarray(0, at), xml.subarray(at)]), want), `cut at ${at}`).toBeUndefined();
    }
    for (const size of [4096, 65_536]) expect(difference(run(cut(xml, () => size)), want), `chunks of ${size}`).toBeUndefined();
  });

  it('1 MB of "<" converts to 1 MB of "<", whole or in chunks', () => {
    const xml = Buffer.alloc(1_000_000, '<');
    for (const size of [xml.length, 65_536, 16_384]) {
      const got = run(cut(xml, () => size));
      expect(got.length, `chunks of ${size}`).toBe(xml.length);
      expect(got.equals(xml), `chunks of ${size}`).toBe(true);
    }
  });

  it('reuses its output buffer: a result is valid until the next call only, so callers copy it', () => {
    const conv = officeXmlText();
    const first = conv(bytes('<w:p>first one</w:p>'));
    const copy = Buffer.from(first);
    expect(copy.toString('utf8')).toBe('first one\n');
    const second = Buffer.from(conv(bytes('<w:p>other one</w:p>')));
    expect(second.toString('utf8')).toBe('other one\n');
    // The first result's memory now holds the second's text; the copy does not.
    expect(Buffer.from(first).equals(copy)).toBe(false);
    expect(copy.toString('utf8')).toBe('first one\n');
    expect(conv().length).toBe(0);
  });
});

/**
 * Random well-formed Office-like parts: Word, Excel sheets and shared strings, slides, with
 * paragraphs, runs, rows, cells, self-closing tags, attributes in both quotes, names that
 * almost match, entities of every kind, multi-byte text, emoji, ">" in text, CRLF.
 */
function officeDocument(random: () => number): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const chance = (p: number) => random() < p;
  const space = () => pick(['', '', '', '', '\r\n', '\n', '\r\n  ', ' ', '\t']);
  const ENTITIES = [
    '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&nbsp;', '&copy;', '&bogus;', '&a;', `&${'z'.repeat(63)};`,
    '&#65;', '&#0;', '&#9;', '&#10;', '&#13;', '&#60;', '&#62;', '&#38;', '&#127;', '&#128;', '&#233;', '&#2047;', '&#2048;', '&#8364;',
    '&#55295;', '&#55296;', '&#57343;', '&#57344;', '&#65279;', '&#65535;', '&#65536;', '&#128512;', '&#1114111;', '&#1114112;',
    '&#99999999999999999999;', '&#00065;', `&#${'0'.repeat(60)}66;`,
    '&#x41;', '&#x0;', '&#xe9;', '&#xE9;', '&#x20AC;', '&#x20ac;', '&#xD7FF;', '&#xD800;', '&#xdbff;', '&#xDC00;', '&#xDFFF;',
    '&#xE000;', '&#xFFFD;', '&#x1F600;', '&#x1f600;', '&#x10FFFF;', '&#x110000;', '&#xFFFFFFFF;', '&#x0000041;', '&#xFfFf;',
  ] as const;
  const NOT_ENTITIES = ['&AMP;', '&Amp;', '&#X41;', '&#x;', '&#;', '& ', '&;', '&#12a;', '&ab1;', '&#xG1;', '&am p;', '&#-1;', '&#1 ;'] as const;
  const WORDS = ['AKIA', 'QX4T', 'secret', 'voter', 'Smith', 'sv=2021-08-06', 'sig=abc%2B', 'the', 'a', '42', '3.14', 'x', 'ID|LAST|FIRST'] as const;
  const UNICODE = ['é', 'ß', 'Ω', 'ü', '中文', '₹', '€', '😀', '👩‍💻', '🇫🇷', '\u00a0', '\uFEFF', 'Ā', '\u2028', 'ﬀ'] as const;
  const PUNCT = [' ', ' ', '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '/', '\\', '|', '"', "'", '=', '+', '-', '*', '_', '#', '%', '$', '@', '^', '~', '`', '>', '>>', ']]>', '\t', '\r\n', '\n', '/>'] as const;
  const PROSE = 'Absentee ballots received after the deadline were logged and kept sealed; Sécrétaire 😀 '.repeat(40);
  const text = () => {
    let s = '';
    for (let n = int(10); n > 0; n--) {
      const r = random();
      // Now and then a long run of plain text (a Word paragraph), cut anywhere, even inside a character.
      s += chance(0.04) ? PROSE.slice(0, 20 + int(2500)) : r < 0.35 ? pick(WORDS) : r < 0.55 ? pick(PUNCT) : r < 0.7 ? pick(UNICODE) : r < 0.9 ? pick(ENTITIES) : pick(NOT_ENTITIES);
    }
    return s;
  };
  /** An attribute value: no "<", "&" only in entities; ">" and "/" now and then. */
  const value = (quote: string) => {
    let s = '';
    for (let n = int(5); n > 0; n--) {
      const r = random();
      s += r < 0.4 ? pick(WORDS) : r < 0.55 ? pick(UNICODE) : r < 0.7 ? pick(['&amp;', '&quot;', '&apos;', '&lt;', '&#65;', '&#x1F600;']) : r < 0.8 ? '/' : r < 0.83 ? '>' : r < 0.9 ? (quote === '"' ? "'" : '"') : ' ';
    }
    return s;
  };
  const attrs = () => {
    let s = '';
    for (let n = int(3); n > 0; n--) {
      const q = pick(['"', "'"]);
      s += `${pick([' ', ' ', '\r\n  ', '\t'])}${pick(['r', 'w:val', 'w:rsidR', 's', 't', 'xml:space', 'r:id', 'lang', 'spans'])}=${q}${value(q)}${q}`;
    }
    return s;
  };
  const empty = (name: string) => `<${name}${attrs()}${pick(['', ' ', '\r\n'])}/>`;
  const element = (name: string, inner: string) => (inner === '' && chance(0.3) ? empty(name) : `<${name}${attrs()}>${inner}</${name}${pick(['', '', ' ', '\r\n'])}>`);
  const ALMOST = ['w:pPr', 'w:pStyle', 'a:pPr', 'col', 'cols', 'c:v', 'c:chart', 'c.x', 'c-x', 'c_x', 'cx', 'c1', 'sig', 'sis', 'rows', 'row-x', 'w:brk', 'w:br.x', 'w:crs', 'w:tabs', 'w:tab2', 'W:P', 'ww:p', 'w:p:x', 'w:proofErr', 'w:bookmarkStart'] as const;
  const misc = () => {
    const r = random();
    if (r < 0.5) return element(pick(ALMOST), chance(0.5) ? text() : '');
    if (r < 0.7) return '<!-- a comment > with a gt -->';
    if (r < 0.85) return '<?mso-application progid="Excel.Sheet"?>';
    return `<mc:AlternateContent><mc:Choice Requires="wps">${text()}</mc:Choice><mc:Fallback/></mc:AlternateContent>`;
  };
  const many = (n: number, f: () => string) => Array.from({ length: int(n) }, () => space() + f()).join('') + space();

  const wordRun = () => {
    const parts = many(4, () => {
      const r = random();
      if (r < 0.5) return element('w:t', text());
      if (r < 0.6) return empty('w:tab');
      if (r < 0.7) return empty('w:br');
      if (r < 0.75) return empty('w:cr');
      if (r < 0.85) return element('w:rPr', many(3, () => empty(pick(['w:b', 'w:i', 'w:sz', 'w:color']))));
      return misc();
    });
    return element('w:r', parts);
  };
  const wordParagraph = (): string => {
    const pPr = chance(0.4) ? element('w:pPr', empty('w:pStyle') + element('w:tabs', many(3, () => empty('w:tab')))) : '';
    return element('w:p', pPr + many(5, () => (chance(0.15) ? element('w:hyperlink', wordRun()) : chance(0.1) ? misc() : wordRun())));
  };
  const wordTable = () => element('w:tbl', many(3, () => element('w:tr', many(3, () => element('w:tc', many(2, wordParagraph))))));
  const cell = () => {
    const r = random();
    if (r < 0.2) return empty('c');
    if (r < 0.6) return element('c', element('v', text()));
    if (r < 0.8) return element('c', element('is', element('t', text())));
    return element('c', element('f', 'SUM(A1:B1)&gt;0') + element('v', text()));
  };
  const row = () => (chance(0.1) ? empty('row') : element('row', many(6, cell)));
  const stringItem = () => {
    if (chance(0.1)) return empty('si');
    if (chance(0.5)) return element('si', element('t', text()));
    return element('si', many(4, () => element('r', element('rPr', empty('sz') + empty('rFont')) + element('t', text()))) + (chance(0.2) ? element('rPh', element('t', text())) : ''));
  };
  const slideParagraph = () => element('a:p', many(4, () => (chance(0.7) ? element('a:r', empty('a:rPr') + element('a:t', text())) : chance(0.5) ? empty('a:br') : misc())) + (chance(0.5) ? empty('a:endParaRPr') : ''));

  const declaration = chance(0.8) ? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${pick(['\r\n', '\n', ''])}` : '';
  let body: string;
  switch (int(4)) {
    case 0:
      body = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${many(12, () => (chance(0.1) ? wordTable() : wordParagraph()))}<w:sectPr><w:pgSz w:w="12240"/></w:sectPr></w:body></w:document>`;
      break;
    case 1:
      body = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><cols><col min="1" max="1" width="9.14"/></cols><sheetData>${many(15, row)}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`;
      break;
    case 2:
      body = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">${many(15, stringItem)}</sst>`;
      break;
    default:
      body = `<p:sld><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/>${many(10, slideParagraph)}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>`;
  }
  const xml = bytes(declaration + body);
  return chance(0.3) ? Buffer.concat([BOM, xml]) : xml;
}

describe('officeXmlText against the string implementation it replaced', () => {
  const DOCUMENTS = 300;
  const documents = Array.from({ length: DOCUMENTS }, (_, i) => officeDocument(seededRandom(1000 + i)));

  it('the generated documents are varied', () => {
    const all = Buffer.concat(documents).toString('utf8');
    for (const s of ['<w:p', '</w:p>', '<w:tab', '<w:br', '<w:cr', '<row', '<c ', '<c>', '<si>', '<a:p', '&amp;', '&#x', '&#', '&AMP;', '😀', '\r\n', '"/>', "'/>", '</w:pPr>', '<col']) expect(all, s).toContain(s);
    expect(documents.filter((d) => d.subarray(0, 3).equals(BOM)).length).toBeGreaterThan(30);
    // Text runs with no "<" or "&" for longer than the converter looks at byte by byte, and far longer.
    const runs = all.split(/[<&]/).map((r) => Buffer.byteLength(r));
    expect(runs.filter((n) => n > 24 && n < 100).length).toBeGreaterThan(50);
    expect(runs.filter((n) => n > 1000).length).toBeGreaterThan(50);
    const total = documents.reduce((n, d) => n + d.length, 0);
    expect(total).toBeGreaterThan(300_000);
  });

  it('gives the same text, whole and in chunks of 1, 2, 3, 7, 64 bytes and of random sizes', () => {
    for (let d = 0; d < documents.length; d++) {
      const xml = documents[d];
      const want = reference(xml);
      const random = seededRandom(5000 + d);
      const chunkings: [string, () => number][] = [
        ['whole', () => xml.length],
        ['1', () => 1],
        ['2', () => 2],
        ['3', () => 3],
        ['7', () => 7],
        ['64', () => 64],
        ['random 0-8', () => int(random, 9)],
        ['random 1-100', () => 1 + int(random, 100)],
        ['random 1-5000', () => 1 + int(random, 5000)],
      ];
      for (const [c, [label, next]] of chunkings.entries()) {
        const got = run(cut(xml, next), (c + d) % 2 === 1);
        expect(difference(got, want), `document ${d}, chunks ${label}`).toBeUndefined();
      }
    }
  });

  it('gives the same text cut in two at every byte, and with a short chunk at every byte', () => {
    const short = documents.filter((x) => x.length < 1500).slice(0, 40);
    expect(short.length).toBeGreaterThan(10);
    for (const [d, xml] of short.entries()) {
      const want = reference(xml);
      for (let at = 0; at <= xml.length; at++) {
        expect(difference(run([xml.subarray(0, at), xml.subarray(at)], at % 2 === 0), want), `document ${d}, cut at ${at}`).toBeUndefined();
        const len = 1 + (at % 3);
        expect(difference(run([xml.subarray(0, at), xml.subarray(at, at + len), xml.subarray(at + len)]), want), `document ${d}, ${len} bytes at ${at}`).toBeUndefined();
      }
    }
  });
});

function int(random: () => number, n: number): number {
  return Math.floor(random() * n);
}
