import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The tools scripts/test-prereqs.mjs found or installed, as it recorded them in .cache/test-tools.json. */
export interface TestTools {
  awsCli: string;
  motoServer: string;
}

/** The record, found above this file: from tests/helpers/ in the tests, from dist/ in the bundled benchmark. */
function recordPath(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, '.cache', 'test-tools.json');
    if (existsSync(candidate) || path.dirname(dir) === dir) return candidate;
  }
}

export function testTools(): TestTools {
  try {
    return JSON.parse(readFileSync(recordPath(), 'utf8')) as TestTools;
  } catch {
    throw new Error('.cache/test-tools.json is missing: run `node scripts/test-prereqs.mjs` first (npm test does)');
  }
}

/** The AWS CLI v2 recorded by test-prereqs, after checking that it is version 2. */
export function awsCliV2(): string {
  const aws = testTools().awsCli;
  const version = execFileSync(aws, ['--version'], { encoding: 'utf8' });
  if (!version.startsWith('aws-cli/2.')) throw new Error(`${aws} is not the AWS CLI v2 (${version.trim()})`);
  return aws;
}

/**
 * The Python that runs the AWS CLI v2 (the interpreter of /usr/bin/aws's #! line): tests drive
 * its code in-process, without a process per command.
 */
export function awsCliPython(): string {
  const aws = awsCliV2();
  const python = /^#!\s*(\S+)/.exec(readFileSync(aws, 'utf8'))?.[1];
  if (!python) throw new Error(`${aws} does not start with a #! line naming its Python`);
  return python;
}
