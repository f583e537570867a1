import { describe, expect, it } from 'vitest';
import { looksTabular, sniffContent, textDecoder } from './content';
import { officeXmlText } from './office-xml-text';

describe('sniffContent', () => {
  it('tells zip, UTF-16 with a byte-order mark, binary and text apart', () => {
    expect(sniffContent(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('zip');
    expect(sniffContent(Buffer.from([0xff, 0xfe, 0x41, 0]))).toBe('utf16le');
    expect(sniffContent(Buffer.from([0xfe, 0xff, 0, 0x41]))).toBe('utf16be');
    expect(sniffContent(Buffer.from('MZ\0\0text'))).toBe('binary');
    expect(sniffContent(Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 ? 65 : 2))))).toBe('binary');
    expect(sniffContent(Buffer.from('caf\xe9 \xff latin-1 is still text\n', 'latin1'))).toBe('utf8');
  });
});

describe('textDecoder', () => {
  it('replaces invalid UTF-8 and joins a character split across chunks', () => {
    const d = textDecoder('utf8');
    const e = Buffer.from('é');
    expect(d(Buffer.from([0x61, 0xff, e[0]])) + d(Buffer.from([e[1], 0x62])) + d()).toBe('a\uFFFDéb');
  });
  it('drops the byte-order mark of UTF-16', () => {
    const d = textDecoder('utf16le');
    expect(d(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('key', 'utf16le')])) + d()).toBe('key');
  });
});

describe('looksTabular', () => {
  it('takes table extensions, and delimited first lines under other names', () => {
    expect(looksTabular('a/voters.CSV', Buffer.from('x'), 'utf8')).toBe(true);
    expect(looksTabular('export.json', Buffer.from('{"a": 1}\n'), 'utf8')).toBe(false);
    expect(looksTabular('export.out', Buffer.from('ID|LAST|FIRST\n1|A|B\n'), 'utf8')).toBe(true);
  });
});

describe('officeXmlText', () => {
  /** The converter's text for xml given in chunks of `size` bytes. */
  const convert = (xml: string | Buffer, size = Infinity) => {
    const bytes = Buffer.isBuffer(xml) ? xml : Buffer.from(xml, 'utf8');
    const conv = officeXmlText();
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += Math.min(size, bytes.length)) out.push(Buffer.from(conv(bytes.subarray(i, i + size))));
    out.push(Buffer.from(conv()));
    return Buffer.concat(out).toString('utf8');
  };

  it("joins Word's runs, decodes entities, one line per paragraph, across any chunking", () => {
    const xml = '<w:p><w:r><w:t>AKIA</w:t></w:r><w:r><w:t>QX4T</w:t></w:r></w:p><w:p><w:r><w:t>sv=1&amp;sig=abc</w:t></w:r></w:p>';
    for (const size of [1, 2, 3, 7, xml.length]) expect(convert(xml, size), `chunks of ${size}`).toBe('AKIAQX4T\nsv=1&sig=abc\n');
  });

  it('ends a line only at the end of a paragraph, string, row or break, and a cell with a tab, by the whole tag name', () => {
    const xml = '<w:p><w:pPr><w:tabs/></w:pPr><w:r><w:t>a</w:t><w:br w:type="page"/><w:t>b</w:t></w:r></w:p ><row r="1"><c r="A1"><v>1</v></c><c r="B1"/></row><si><t>x &lt; y &#65;&#x42;&bogus;</t></si></ c>';
    expect(convert(xml)).toBe('a\nb\n1\t\t\nx < y AB\n');
  });
});
