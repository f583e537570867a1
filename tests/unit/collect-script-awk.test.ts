import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadKeys, tableKeys } from '../../electron/core/collect/live/object-sampling';
import { tableShapes } from '../../electron/core/discovery/table-shapes';
import { findResourcesDir } from '../../electron/core/paths';

/**
 * The bash collection script plans its object calls and turns a table's first bytes into
 * column names and row shapes with awk programs of its own. They must give what Canvass's
 * own collection gives (electron/core/collect/live and discovery/table-shapes.ts), or the two
 * would write different bundles: these tests run them, under every awk on this machine (mawk
 * is Debian's, macOS has a BWK awk like original-awk), against the TypeScript they mirror.
 */

const SCRIPT = readFileSync(path.join(findResourcesDir(), 'collect', 'collect-s3-evidence.sh'), 'utf8');

function awkProgram(name: string): string {
  const m = new RegExp(`^${name}_AWK=\\$\\(\\n  cat <<'AWK'\\n([\\s\\S]*?)\\nAWK\\n\\)`, 'm').exec(SCRIPT);
  if (!m) throw new Error(`no ${name}_AWK program in collect-s3-evidence.sh`);
  return m[1];
}
const SHAPES_AWK = awkProgram('SHAPES');
const PLAN_AWK = awkProgram('PLAN');

const AWKS = [
  ...new Map(
    ['awk', 'mawk', 'gawk', 'original-awk', 'nawk']
      .map((name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim())
      .filter((p) => p !== '')
      .map((p) => [realpathSync(p), p] as const),
  ).values(),
];

/** What the script's pipeline (`od -An -v -tu1 | awk`) makes of a table's first bytes. */
function awkShapes(awk: string, bytes: Buffer, complete: boolean): unknown {
  const r = spawnSync('sh', ['-c', `od -An -v -tu1 | LC_ALL=C "$AWK" -v complete=${complete ? 1 : 0} "$PROGRAM"`], {
    input: bytes,
    env: { ...process.env, AWK: awk, PROGRAM: SHAPES_AWK },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${awk}: ${r.stderr}`);
  const [count, fragment] = r.stdout.split('\n');
  expect(count).toBe(`bytes ${bytes.length}`);
  return fragment ? JSON.parse(`{${fragment}}`) : undefined;
}

const CELLS = [
  '836792451', '00041', '', '  ', '10/18/1963', '1/2/63', '2026-11-02', '2026-11-02T10:00:00Z', '2026-11-02 10:00:00.5+05:30',
  'OH', 'DEM', 'J', 'ZULSEVQUIST', "O'Brien", 'Mary Ann', 'HC-101', 'P12', '4036 VESPERFALL AVE', 'pat@example.org',
  '"quoted, field"', '"a ""b"" c"', '"multi\nline"', '"open', 'VOTER_ID', 'LAST_NAME', 'Name', 'name', 'PRECINCT #', 'A(1)/B',
  '\u00a0', '\u00a0x\u2003', '\u2028', '\ufeffX', 'é', 'ß9', 'Ünïcødé', 'x\ty', '\u0085', '-', '.', "'", '12ab', 'ab_12-x',
  'A'.repeat(64), 'A'.repeat(65),
];
const HEADERS = ['VOTER_ID', 'LAST_NAME', 'FIRST_NAME', 'DATE_OF_BIRTH', 'RES_ZIP', 'PRECINCT #', 'Name', 'name', 'A(1)/B', ' PARTY '];
const table = fc
  .record({
    bom: fc.boolean(),
    header: fc.option(fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 7 }), { nil: undefined }),
    delimiter: fc.constantFrom(',', '\t', '|', ';'),
    newline: fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
    rows: fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 9 }),
    end: fc.boolean(),
    cut: fc.option(fc.nat(), { nil: undefined }),
    complete: fc.boolean(),
  })
  .map((t) => {
    const rows = t.header ? [t.header, ...t.rows] : t.rows;
    const text = (t.bom ? '\ufeff' : '') + rows.map((r) => r.join(t.delimiter)).join(t.newline) + (t.end ? t.newline : '');
    const bytes = Buffer.from(text, 'utf8');
    // A chunk may end anywhere, even inside a character.
    return { bytes: t.cut === undefined ? bytes : bytes.subarray(0, t.cut % (bytes.length + 1)), complete: t.complete };
  });

describe.each(AWKS)('the table shapes of collect-s3-evidence.sh under %s', (awk) => {
  it('match tableShapes() on the demo county tables', () => {
    for (const file of ['harlow-voter-extract-2026-10-sample.csv']) {
      const bytes = readFileSync(path.join(findResourcesDir(), 'demo', 'local', file));
      expect(awkShapes(awk, bytes, true)).toEqual(tableShapes(bytes, true));
      expect(awkShapes(awk, bytes.subarray(0, 300), false)).toEqual(tableShapes(bytes.subarray(0, 300), false));
    }
  });

  it('match tableShapes() on generated tables, cut anywhere', () => {
    fc.assert(
      fc.property(table, ({ bytes, complete }) => {
        expect(awkShapes(awk, bytes, complete)).toEqual(tableShapes(bytes, complete));
      }),
      { numRuns: 200 },
    );
  });

  it('match tableShapes() on arbitrary bytes (binary files, broken UTF-8)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (raw, complete) => {
        const bytes = Buffer.from(raw);
        expect(awkShapes(awk, bytes, complete)).toEqual(tableShapes(bytes, complete));
      }),
      { numRuns: 60 },
    );
  });

  it('read 64 KB of one long line, as a sampled object may be', () => {
    expect(awkShapes(awk, Buffer.from('x'.repeat(64 * 1024)), false)).toBeUndefined();
  });
});

interface Listed {
  Key: string;
  Size: number;
}

/**
 * What the script's plan gives for a listing written as the AWS CLI v2 writes it
 * (json.dumps with four-space indents; `escapeAll` as with ensure_ascii), each key passed
 * through bash's `printf -v key '%b'` exactly as the script does.
 */
function awkPlan(awk: string, objects: Listed[], aclSample: number, escapeAll: boolean) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-plan-'));
  const listing = path.join(dir, 'list-objects-v2.json');
  let json = JSON.stringify(
    {
      IsTruncated: false,
      Contents: objects.map((o) => ({ Key: o.Key, LastModified: '2026-11-20T15:04:05+00:00', ETag: '"0f"', Size: o.Size, StorageClass: 'STANDARD' })),
      Name: 'cv-bucket',
      Prefix: '',
      MaxKeys: 100,
      EncodingType: 'url',
      KeyCount: objects.length,
    },
    null,
    4,
  );
  if (escapeAll) json = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(listing, json);
  const r = spawnSync(
    'bash',
    [
      '-c',
      `LC_ALL=C "$AWK" -v acl_n="$ACL" -v table_n=3 "$PROGRAM" "$LISTING" | while IFS=$'\\t' read -r kind size lit esc; do
         printf -v key '%b' "$esc"; printf '%s\\0%s\\0%s\\0%s\\0' "$kind" "$size" "$lit" "$key"; done`,
    ],
    { env: { ...process.env, AWK: awk, PROGRAM: PLAN_AWK, LISTING: listing, ACL: String(aclSample) } },
  );
  if (r.status !== 0) throw new Error(`${awk}: ${r.stderr.toString()}`);
  const fields = r.stdout.toString('utf8').split('\0').slice(0, -1);
  const lines: Array<{ kind: string; size: number; literal: string; key: string }> = [];
  for (let i = 0; i < fields.length; i += 4) lines.push({ kind: fields[i], size: Number(fields[i + 1]), literal: fields[i + 2], key: fields[i + 3] });
  return lines;
}

const KEY_PARTS = [
  'a', 'Z', '0', '-', '_', '.', '/', ' ', '"', '\\', '%', '%b', '\\n', '\\0101', '\t', '\n', '\u0001', '\u001f', '\u007f', 'é', '€', '😀',
  '\u2028', '~', '$', '`', '*', '?', '[', ']', "'", 'voter', 'roll', 'ROLL', 'enrollment', 'regist', 'Poll-Book', 'vr_db', 'absentee',
  '.csv', '.CSV', '.txt', '.tab', '.dat', '.gz', '.pdf', '--key',
];
const listingArb = fc.uniqueArray(
  fc.record({
    Key: fc.array(fc.constantFrom(...KEY_PARTS), { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
    Size: fc.oneof(fc.constant(0), fc.nat({ max: 200_000 })),
  }),
  { selector: (o) => o.Key, maxLength: 30 },
);

describe.each(AWKS)('the object plan of collect-s3-evidence.sh under %s', (awk) => {
  it('samples the ACLs and tables Canvass samples, and gives every key back to bash unchanged', () => {
    fc.assert(
      fc.property(listingArb, fc.nat({ max: 6 }), fc.boolean(), (objects, aclSample, escapeAll) => {
        const lines = awkPlan(awk, objects, aclSample, escapeAll);
        expect(lines.filter((l) => l.kind === 'acl').map((l) => l.key)).toEqual(spreadKeys(objects, aclSample));
        expect(lines.filter((l) => l.kind === 'table').map((l) => l.key)).toEqual(tableKeys(objects, 3));
        for (const l of lines) {
          expect(JSON.parse(l.literal)).toBe(l.key);
          expect(l.size).toBe(objects.find((o) => o.Key === l.key)!.Size);
        }
      }),
      { numRuns: 60 },
    );
  });
});
