/**
 * A local-scan worker thread: reads the files the main thread sends, one at a time (they
 * share one read buffer), and answers with what it found, a few files at a time. Started by
 * pool.ts from the built file beside it (dist/electron/core/local/worker.js, bundled by
 * build:worker; inside app.asar when packaged).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeFile, type AnalyzeContext } from './analyze';
import { zeroCounters } from './file-report';
import type { LocalLimits } from './limits';
import { RESULTS_PER_MESSAGE, type FileJob, type FileResult } from './pool';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');
const limits = (workerData as { limits: LocalLimits }).limits;
const scratch = Buffer.allocUnsafe(limits.chunkBytes);

let queue = Promise.resolve();
let waiting = 0;
let answers: FileResult[] = [];
port.on('message', (job: FileJob) => {
  waiting++;
  queue = queue.then(async () => {
    const ctx: AnalyzeContext = { limits, counters: zeroCounters(), reports: [], scratch };
    await analyzeFile(job.path, job.rel, ctx);
    answers.push({ seq: job.seq, reports: ctx.reports, counters: ctx.counters });
    // With no file waiting, the main thread is waiting for these to send more.
    if (--waiting === 0 || answers.length >= RESULTS_PER_MESSAGE) {
      port.postMessage(answers);
      answers = [];
    }
  });
});
