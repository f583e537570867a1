import { execFile } from 'node:child_process';
import { awsCliPython } from './test-tools';

export interface AwsCliAnswer {
  /** What the CLI printed, parsed (the CLI prints nothing for an empty document: {}). */
  json?: unknown;
  /** The code and message of "An error occurred (CODE) when calling the OP operation: MESSAGE". */
  error?: { code: string; message: string };
}

/**
 * Runs many AWS CLI v2 commands in one Python process, through one CLI driver: the same
 * code /usr/bin/aws runs (awscli.clidriver, under the interpreter of its #! line), without
 * paying the CLI's start-up (about 0.8 s of CPU on this machine) once per command.
 */
const BATCH = `
import contextlib, io, json, sys
import awscli.clidriver
driver = awscli.clidriver.create_clidriver()
results = []
for argv in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = driver.main(argv)
        except SystemExit as e:
            rc = e.code
    results.append({"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()})
json.dump(results, sys.__stdout__)
`;

export async function awsCliBatch(commands: string[][], env: NodeJS.ProcessEnv): Promise<AwsCliAnswer[]> {
  const python = awsCliPython();
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(python, ['-c', BATCH], { env, maxBuffer: 64 * 1024 * 1024 }, (err, out) => (err ? reject(err) : resolve(out)));
    child.stdin!.end(JSON.stringify(commands.map((c) => [...c, '--output', 'json'])));
  });
  return (JSON.parse(stdout) as Array<{ rc: number; stdout: string; stderr: string }>).map((r) => {
    if (r.rc === 0) return { json: r.stdout.trim() ? JSON.parse(r.stdout) : {} };
    const m = /An error occurred \(([^)]+)\) when calling the \w+ operation: (.*)/.exec(r.stderr);
    if (!m) throw new Error(`aws ${r.rc}: ${r.stderr}`);
    return { error: { code: m[1], message: m[2].trim() } };
  });
}
