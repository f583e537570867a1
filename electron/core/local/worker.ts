/**
 * A local-scan worker thread: reads the files the main thread sends, one at a time (they
 * share one read buffer), and answers with what it found. Started by pool.ts from the built
 * file beside it (dist/electron/core/local/worker.js, inside app.asar when packaged).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type AnalyzeContext } from './analyze';
import { zeroCounters } from './file-report';
import type { LocalLimits } from './limits';
import type { FileJob, FileResult } from './pool';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');
const limits = (workerData as { limits: LocalLimits }).limits;
const scratch = Buffer.allocUnsafe(limits.chunkBytes);

let queue = Promise.resolve();
port.on('message', (job: FileJob) => {
  queue = queue.then(async () => {
    const ctx: AnalyzeContext = { limits, counters: zeroCounters(), reports: [], scratch };
    await analyzeFile(job.path, job.rel, ctx);
    const result: FileResult = { seq: job.seq, reports: ctx.reports, counters: ctx.counters };
    port.postMessage(result);
  });
});
