/**
 * The voter-file classifier's precision and recall on the generated corpus
 * (tests/helpers/voter-corpus.ts), per format and per kind, over several seeds and file sizes
 * (a few rows, a head's worth, and files far larger than the 64 KB head), with the row
 * estimate's error and the classifier's speed on 64 KB heads.
 */
import { classifyTableHead } from '../electron/core/discovery/voter-file';
import { classifyCorpusFile, COUNTY_EXPORT, voterCorpus } from '../tests/helpers/voter-corpus';

export interface VoterBenchRow {
  by: 'format' | 'kind';
  name: string;
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  precision?: number;
  recall?: number;
  /** Positives of a published layout, and those whose best layout is their own state's. */
  layoutTotal: number;
  layoutRight: number;
}

export interface VoterBench {
  rows: VoterBenchRow[];
  files: number;
  /** Median and worst relative error of the row estimate, on files larger than the head. */
  estimate: { files: number; median: number; worst: number };
  /** 64 KB heads classified per second (text files), single thread. */
  headsPerSecond: number;
}

const SEEDS = [1, 2, 3];
const SIZES = [3, 40, 1500];
const HEAD = 64 * 1024;

export async function voterBench(): Promise<VoterBench> {
  const tally = new Map<string, VoterBenchRow>();
  const row = (by: VoterBenchRow['by'], name: string) => {
    const key = `${by}:${name}`;
    if (!tally.has(key)) tally.set(key, { by, name, tp: 0, fn: 0, fp: 0, tn: 0, layoutTotal: 0, layoutRight: 0 });
    return tally.get(key)!;
  };
  const errors: number[] = [];
  const heads: Buffer[] = [];
  let files = 0;
  for (const seed of SEEDS) {
    for (const rows of SIZES) {
      for (const f of voterCorpus({ seed, rows })) {
        files++;
        const v = await classifyCorpusFile(f);
        const said = !!v?.isVoterFile;
        const format = `${f.format}${f.name.includes('-bom.') ? ', UTF-8 BOM' : ''}${f.header ? '' : ' (no header)'}`;
        for (const r of [row('format', format), row('kind', f.positive ? `voters: ${f.kind}` : f.kind)]) {
          if (f.positive) said ? r.tp++ : r.fn++;
          else said ? r.fp++ : r.tn++;
          if (f.positive && f.kind !== COUNTY_EXPORT) {
            r.layoutTotal++;
            if (v?.layout?.state === f.kind) r.layoutRight++;
          }
        }
        if (f.bytes.length > HEAD && f.format !== 'zip' && v?.rowEstimate !== undefined) {
          errors.push(Math.abs(v.rowEstimate - rows) / rows);
        }
        if (seed === 1 && rows === 1500 && f.format !== 'xlsx' && f.format !== 'zip') heads.push(f.bytes.subarray(0, HEAD));
      }
    }
  }
  const t0 = process.hrtime.bigint();
  let n = 0;
  while (process.hrtime.bigint() - t0 < 2_000_000_000n) {
    for (const h of heads) classifyTableHead(h, { name: 'x', totalBytes: 10 * HEAD });
    n += heads.length;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  errors.sort((a, b) => a - b);
  return {
    rows: [...tally.values()].map((r) => ({
      ...r,
      ...(r.tp + r.fp ? { precision: r.tp / (r.tp + r.fp) } : {}),
      ...(r.tp + r.fn ? { recall: r.tp / (r.tp + r.fn) } : {}),
    })),
    files,
    estimate: { files: errors.length, median: errors[Math.floor(errors.length / 2)] ?? 0, worst: errors[errors.length - 1] ?? 0 },
    headsPerSecond: n / seconds,
  };
}

const pct = (x?: number) => (x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);

export function voterBenchMarkdown(b: VoterBench): string {
  const table = (by: VoterBenchRow['by']) =>
    [
      `| ${by} | voter files | found | missed | other tables | false alarms | precision | recall | right state layout |`,
      '|---|---|---|---|---|---|---|---|---|',
      ...b.rows
        .filter((r) => r.by === by)
        .map((r) => `| ${r.name} | ${r.tp + r.fn} | ${r.tp} | ${r.fn} | ${r.fp + r.tn} | ${r.fp} | ${pct(r.precision)} | ${pct(r.recall)} | ${r.layoutTotal ? pct(r.layoutRight / r.layoutTotal) : '—'} |`),
    ].join('\n');
  return [
    `Voter-file classifier: ${b.files} generated files (seeds ${SEEDS.join(', ')}; ${SIZES.join(', ')} rows each).`,
    '',
    table('format'),
    '',
    table('kind'),
    '',
    `Row estimate on the ${b.estimate.files} files larger than the 64 KB head: median error ${pct(b.estimate.median)}, worst ${pct(b.estimate.worst)}.`,
    `Speed: ${Math.round(b.headsPerSecond).toLocaleString('en-US')} heads of 64 KB classified per second (${((b.headsPerSecond * HEAD) / 2 ** 20).toFixed(0)} MiB/s of heads), one thread.`,
  ].join('\n');
}

export async function printVoterBench(): Promise<void> {
  console.log(voterBenchMarkdown(await voterBench()));
}
