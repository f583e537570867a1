import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { voterCorpus } from '../../../../tests/helpers/voter-corpus';
import { tableShapes } from '../../discovery/table-shapes';
import { magicKeys, sampleMagic, sampleTable, spreadKeys, tableKeys } from './object-sampling';

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

describe('sampleTable', () => {
  const corpus = voterCorpus();
  /** An S3 client that answers a ranged GET with the object's first 64 KB, as S3 does. */
  const client = (bytes: Buffer) =>
    ({
      send: async () => ({
        ContentRange: `bytes 0-${Math.min(bytes.length, 65536) - 1}/${bytes.length}`,
        Body: (async function* () {
          yield bytes.subarray(0, 65536);
        })(),
      }),
    }) as unknown as S3Client;

  it('keeps what tableShapes keeps of delimited text, plus the average row size', async () => {
    const f = corpus.find((c) => c.name === 'oh-voters.csv')!;
    const s = await sampleTable(client(f.bytes), 'b', f.name);
    expect(s).toMatchObject({ key: f.name, ...tableShapes(f.bytes, true) });
    const headerBytes = f.bytes.indexOf('\n') + 1;
    expect(s!.rowBytes).toBeCloseTo((f.bytes.length - headerBytes) / 40, 0);
  });

  it('keeps the line length and the layout-cut shapes of fixed-width text, never a value', async () => {
    const f = corpus.find((c) => c.name === 'mi-voters-fixed-noheader.lst')!;
    const s = (await sampleTable(client(f.bytes), 'b', f.name))!;
    expect(s.lineLength).toBe(520);
    expect(s.header).toBeUndefined();
    expect(s.rowShapes).toHaveLength(5);
    expect(s.rowShapes![0]).toHaveLength(38);
    const out = JSON.stringify(s);
    for (const value of f.values) expect(out).not.toContain(value);
  });
});

describe('sampleMagic', () => {
  it('picks unnamed files in listing order, never tables or empty objects, at most n', () => {
    const list = [...objects(['data.bin', 'voters.csv', 'exports/blob', 'report.pdf', 'x.dat', 'b.bak']), { Key: 'empty.bin', Size: 0 }];
    expect(magicKeys(list, 10)).toEqual(['data.bin', 'exports/blob', 'b.bak']);
    expect(magicKeys(list, 2)).toEqual(['data.bin', 'exports/blob']);
  });

  it('asks for the first 512 bytes, reads no more even from a server that ignores the range, and keeps the kind only', async () => {
    const asked: unknown[] = [];
    const dump = Buffer.concat([Buffer.from('PGDMP\x01\x0e'), Buffer.alloc(100_000, 0x41)]);
    const client = {
      send: async (cmd: { input: unknown }) => {
        asked.push(cmd.input);
        return { Body: (async function* () { for (let i = 0; i < dump.length; i += 1000) yield dump.subarray(i, i + 1000); })() };
      },
    } as unknown as S3Client;
    expect(await sampleMagic(client, 'b', 'data.bin')).toEqual({ key: 'data.bin', magic: 'pgdump' });
    expect(asked).toEqual([{ Bucket: 'b', Key: 'data.bin', Range: 'bytes=0-511' }]);
  });

  it('keeps nothing of a file whose first bytes show no known kind', async () => {
    const client = { send: async () => ({ Body: (async function* () { yield Buffer.from('%PDF-1.7'); })() }) } as unknown as S3Client;
    expect(await sampleMagic(client, 'b', 'blob')).toBeUndefined();
  });
});
