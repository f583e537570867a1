import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import { analyzeFile } from './analyze';
import { zeroCounters, type FileReport, type LocalCounters } from './file-report';
import type { LocalLimits } from './limits';

export interface FileJob {
  seq: number;
  path: string;
  rel: string;
}
export interface FileResult {
  seq: number;
  reports: FileReport[];
  counters: LocalCounters;
}

/**
 * A worker's young generation starts this large (each of its two halves): the text read one
 * byte per character for the anchors' regex is most of a worker's garbage, and from V8's
 * default start (1 MB, grown as it sees fit) a scan of the 1 GB bench tree ran 238
 * collections of it, 110 from here: a quarter less time collecting, for about 8 MB more
 * resident memory per worker.
 */
const MIN_SEMI_SPACE_MB = 16;

/** Files queued per worker: enough to keep it busy while the walker finds the next ones. */
const PER_WORKER = 4;

/**
 * The reader's script (build:worker), dist/electron/core/local/worker.js: beside this module as
 * tsc builds it (inside app.asar when packaged), or below the command line's bundle
 * (build:cli, dist/electron/cli.js), where every module's __dirname is dist/electron.
 */
export const WORKER_FILE = path.basename(__dirname) === 'local' ? path.join(__dirname, 'worker.js') : path.join(__dirname, 'core', 'local', 'worker.js');

interface Slot {
  worker: Worker;
  pending: Map<number, FileJob>;
}

/**
 * Reads files on worker threads (or in this thread with size 0, for tests of the logic).
 * submit() waits while every worker has PER_WORKER files queued, so a walk of a million
 * files never holds more than a few dozen paths; results arrive through onResult.
 */
export class FilePool {
  private readonly slots: Slot[] = [];
  private seq = 0;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private closing = false;
  private readonly inline?: { scratch: Buffer };

  constructor(
    private readonly opts: { size: number; limits: LocalLimits; onResult: (r: FileResult) => void; workerFile?: string },
  ) {
    if (opts.size <= 0) this.inline = { scratch: Buffer.allocUnsafe(opts.limits.chunkBytes) };
    // Without its script every worker would die at once and be started again, and every file
    // would be reported unreadable: an incomplete build must fail the scan, not pass for findings.
    const file = opts.workerFile ?? WORKER_FILE;
    if (opts.size > 0 && !existsSync(file)) throw new Error(`the local scan's reader ${file} is missing: this build of Canvass is incomplete`);
    if (opts.size > 0) setFlagsFromString(`--min-semi-space-size=${MIN_SEMI_SPACE_MB}`);
    for (let i = 0; i < opts.size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.workerFile ?? WORKER_FILE, { workerData: { limits: this.opts.limits } });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (r: FileResult) => {
      slot.pending.delete(r.seq);
      this.settle(r);
    });
    // A worker that dies takes its queued files with it: report them, and start another.
    const died = (why: string) => {
      if (this.closing) return;
      const lost = [...slot.pending.values()];
      slot.pending.clear();
      const i = this.slots.indexOf(slot);
      if (i !== -1) this.slots[i] = this.spawn();
      for (const job of lost) {
        this.settle({
          seq: job.seq,
          reports: [{ id: job.path, name: job.rel, bytes: 0, hits: [], problem: `could not be read: the reader stopped (${why})` }],
          counters: zeroCounters(),
        });
      }
    };
    worker.on('error', (e) => died(e.name));
    worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  private settle(r: FileResult): void {
    this.inFlight--;
    this.opts.onResult(r);
    this.waiters.shift()?.();
  }

  /** Hands a file to the least busy worker; resolves once it is queued. */
  async submit(p: string, rel: string): Promise<void> {
    while (this.inFlight >= Math.max(1, this.slots.length) * PER_WORKER) {
      if (this.closing) return;
      await new Promise<void>((r) => this.waiters.push(r));
    }
    const job: FileJob = { seq: this.seq++, path: p, rel };
    this.inFlight++;
    if (this.inline) {
      const ctx = { limits: this.opts.limits, counters: zeroCounters(), reports: [] as FileReport[], scratch: this.inline.scratch };
      await analyzeFile(p, rel, ctx);
      this.settle({ seq: job.seq, reports: ctx.reports, counters: ctx.counters });
      return;
    }
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    slot.pending.set(job.seq, job);
    slot.worker.postMessage(job);
  }

  /** Resolves when every submitted file has its result. */
  async drain(): Promise<void> {
    while (this.inFlight > 0 && !this.closing) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Stops the workers at once (a cancel does not wait for the file being read). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    for (const w of this.waiters.splice(0)) w();
  }
}
