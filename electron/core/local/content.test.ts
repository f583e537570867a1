import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../tests/helpers/seeded-random';
import { looksTabular, sniffContent, textDecoder } from './content';

const LE_MARK = Buffer.from([0xff, 0xfe]);
const BE_MARK = Buffer.from([0xfe, 0xff]);
const KEY_LINE = 'aws_access_key_id = AKIAQX4TNW7RBJ3LPZ5K\n';
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
/** The text as the scan reads it: decoded as sniffContent says. */
const readAs = (bytes: Buffer) => {
  const kind = sniffContent(bytes);
  if (kind === 'zip' || kind === 'binary') return kind;
  const d = textDecoder(kind);
  return d(bytes) + d();
};

describe('sniffContent', () => {
  it('tells zip, UTF-16 with a byte-order mark, binary and text apart', () => {
    expect(sniffContent(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('zip');
    expect(sniffContent(Buffer.from([0xff, 0xfe, 0x41, 0]))).toBe('utf16le');
    expect(sniffContent(Buffer.from([0xfe, 0xff, 0, 0x41]))).toBe('utf16be');
    expect(sniffContent(Buffer.from('MZ\0\0text'))).toBe('binary');
    expect(sniffContent(Buffer.from(Array.from({ length: 100 }, (_, i) => (i % 3 ? 65 : 2))))).toBe('binary');
    expect(sniffContent(Buffer.from('caf\xe9 \xff latin-1 is still text\n', 'latin1'))).toBe('utf8');
  });

  it('takes UTF-16 with its mark as before: tab-separated (Excel Unicode Text), other scripts, an odd last byte, a pair cut at the end', () => {
    const tsv = 'VOTER_ID\tLAST_NAME\tFIRST_NAME\r\n000123456\tNguyễn\tThị\r\n';
    expect(sniffContent(Buffer.concat([LE_MARK, Buffer.from(tsv, 'utf16le')]))).toBe('utf16le');
    expect(sniffContent(Buffer.concat([BE_MARK, utf16be(tsv)]))).toBe('utf16be');
    expect(sniffContent(Buffer.concat([LE_MARK, Buffer.from('选民登记册 2024\r\n投票站\t第三区\r\n', 'utf16le')]))).toBe('utf16le');
    expect(sniffContent(Buffer.concat([LE_MARK, Buffer.from('notes 📋 ', 'utf16le'), Buffer.from([0x3d])]))).toBe('utf16le');
    expect(sniffContent(Buffer.concat([LE_MARK, Buffer.from('notes 📋', 'utf16le').subarray(0, -2)]))).toBe('utf16le');
    // UTF-32's mark starts with UTF-16's: its text is no UTF-16.
    expect(sniffContent(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0, 0x42, 0, 0, 0]))).toBe('binary');
  });

  // Read as UTF-16, these would be CJK characters, and a key in them unseen.
  it('reads ASCII text after FF FE or FE FF as UTF-8, its key found', () => {
    const ascii = Buffer.concat([LE_MARK, Buffer.from(`[default]\n${KEY_LINE}`)]);
    expect(sniffContent(ascii)).toBe('utf8');
    expect(readAs(ascii)).toContain(KEY_LINE);
    expect(readAs(Buffer.concat([BE_MARK, Buffer.from(KEY_LINE)]))).toContain(KEY_LINE);
  });

  it('reads invalid UTF-8 after FF FE as text, as without the mark', () => {
    const latin1 = Buffer.concat([LE_MARK, Buffer.from(`caf\xe9 cr\xe8me \xc3\x28 ${KEY_LINE}`, 'latin1')]);
    expect(sniffContent(latin1)).toBe('utf8');
    expect(readAs(latin1)).toContain(KEY_LINE);
  });

  it('takes random bytes after FF FE or FE FF for binary', () => {
    const random = seededRandom(7);
    const noise = Buffer.from(Array.from({ length: 4096 }, () => Math.floor(random() * 256)));
    expect(sniffContent(Buffer.concat([LE_MARK, noise]))).toBe('binary');
    expect(sniffContent(Buffer.concat([BE_MARK, noise]))).toBe('binary');
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
