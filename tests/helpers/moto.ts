import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import { testTools } from './test-tools';

/**
 * moto's server mode (an S3, S3 Control, STS and IAM API server) on 127.0.0.1, from the
 * project-local virtualenv that scripts/test-prereqs.mjs makes. Werkzeug logs one line per
 * request on stderr; the helper keeps them, so a test can prove what reached the server.
 */

export const MOTO_ACCOUNT = '123456789012';
/** moto accepts any key while IAM is not enforced; these only have to look like keys. */
export const MOTO_ROOT_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

export interface MotoServer {
  endpoint: string;
  port: number;
  /** Request lines as moto logged them so far, e.g. 'PUT /bucket/key HTTP/1.1'. */
  requests(): string[];
  /** Resolves once a logged request line matches. */
  waitForRequest(match: RegExp): Promise<void>;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /**
   * Turns IAM enforcement on after this many requests (moto's INITIAL_NO_AUTH_ACTION_COUNT).
   * Every HTTP request counts, which is why the port is awaited with a TCP connect.
   */
  initialNoAuthActionCount?: number;
}

const RUNNING_ON = /Running on http:\/\/127\.0\.0\.1:(\d+)/;
const REQUEST_LINE = /"([A-Z]+ \S+ HTTP\/[\d.]+)" \d{3}/;

export async function startMoto(opts: MotoOptions = {}): Promise<MotoServer> {
  const server = testTools().motoServer;
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`node scripts/test-prereqs.mjs\` first`);
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1' };
  if (opts.initialNoAuthActionCount !== undefined) env.INITIAL_NO_AUTH_ACTION_COUNT = String(opts.initialNoAuthActionCount);
  // Port 0: the system picks a free port and werkzeug prints it, so no two test files race for one.
  const child = spawn(server, ['-H', '127.0.0.1', '-p', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: string[] = [];
  const waiters: Array<{ match: RegExp; resolve: () => void }> = [];
  let buffered = '';
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`moto_server exited with ${code} before it listened:\n${output}`)));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      if (output.length < 10_000) output += chunk;
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const colored of parts) {
        // Werkzeug colours the request lines of some statuses, even into a pipe.
        const line = colored.replace(/\x1b\[[0-9;]*m/g, '');
        const started = RUNNING_ON.exec(line);
        if (started) resolve(Number(started[1]));
        const req = REQUEST_LINE.exec(line);
        if (req) {
          lines.push(req[1]);
          for (const w of [...waiters]) {
            if (w.match.test(req[1])) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
          }
        }
      }
    });
  });
  child.removeAllListeners('exit');
  await waitForPort(port, child);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    requests: () => [...lines],
    waitForRequest: (match) =>
      lines.some((l) => match.test(l)) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, resolve })),
    stop: () => stopChild(child),
  };
}

/** A TCP connect, not an HTTP request: with IAM enforcement every request counts. */
async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
