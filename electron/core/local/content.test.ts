import { describe, expect, it } from 'vitest';
import { looksTabular, sniffContent, textDecoder } from './content';

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
    expect(looksTabular('a/voters.CSV', Buffer.from('x'))).toBe(true);
    expect(looksTabular('export.json', Buffer.from('{"a": 1}\n'))).toBe(false);
    expect(looksTabular('export.out', Buffer.from('ID|LAST|FIRST\n1|A|B\n'))).toBe(true);
  });
});
