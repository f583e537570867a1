import { spawn } from 'node:child_process';
import * as readline from 'node:readline';
import { awsCliPython } from './test-tools';

export interface AwsCliResult {
  /** The exit code /usr/bin/aws would give: 0, 252 (the CLI refused the command), 254 (the service answered with an error), 255 ... */
  rc: number;
  stdout: string;
  stderr: string;
}

export interface AwsCliSession {
  /** Runs one command (argv without "aws") in folder cwd, where file:// and local paths resolve. */
  run(argv: string[], cwd: string): Promise<AwsCliResult>;
  close(): Promise<void>;
}

/**
 * One AWS CLI v2 driver (the code /usr/bin/aws runs, under the interpreter of its #! line)
 * that runs commands one at a time as they are sent, each in its own folder. Starting the CLI
 * costs about 0.8 s of CPU on this machine; a test that runs a hundred commands, with its own
 * steps between them, pays it once. No shell is involved: argv reaches the CLI as it is.
 *
 * Each command gets a driver of its own, as each run of /usr/bin/aws does: a driver keeps
 * what a command set (--profile, --no-sign-request, --output) for the commands after it. Only
 * the loader of the CLI's service models, which holds nothing but files read from disk, is
 * shared: that is what makes a new driver cost milliseconds instead of a second.
 */
const SESSION = `
import contextlib, io, json, os, sys
import awscli.clidriver
loader = None
for line in sys.stdin:
    req = json.loads(line)
    os.chdir(req["cwd"])
    driver = awscli.clidriver.create_clidriver()
    if loader is None:
        loader = driver.session.get_component("data_loader")
    else:
        driver.session.register_component("data_loader", loader)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = driver.main(req["argv"])
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 255)
    sys.__stdout__.write(json.dumps({"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}) + "\\n")
    sys.__stdout__.flush()
`;

export function startAwsCliSession(env: NodeJS.ProcessEnv): AwsCliSession {
  const python = awsCliPython();
  const child = spawn(python, ['-c', SESSION], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  const answers = readline.createInterface({ input: child.stdout });
  const waiting: Array<{ resolve: (r: AwsCliResult) => void; reject: (e: Error) => void }> = [];
  answers.on('line', (line) => waiting.shift()?.resolve(JSON.parse(line) as AwsCliResult));
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the AWS CLI session ended (${code}): ${stderr}`));
  });
  // One command at a time: each one changes the process's folder.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(argv, cwd) {
      const next = queue.then(
        () =>
          new Promise<AwsCliResult>((resolve, reject) => {
            waiting.push({ resolve, reject });
            child.stdin.write(`${JSON.stringify({ argv, cwd })}\n`);
          }),
      );
      queue = next.catch(() => undefined);
      return next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
