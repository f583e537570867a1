import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const BIN = path.resolve(__dirname, '../../bin/canvass');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a child process without blocking the event loop, so that a moto
 * server started by the same test keeps having its request log read meanwhile.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The machine's environment without any AWS setting of its own: no keys, no profile, no
 * config or credentials file, no instance metadata lookups (which would leave the machine),
 * and a fresh Canvass data folder. The test adds what it means to give.
 */
export function isolatedAwsEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(path.join(os.tmpdir(), 'canvass-home-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    CANVASS_DATA_DIR: path.join(home, 'canvass-data'),
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}
