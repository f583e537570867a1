import { describe, expect, it } from 'vitest';
import { checklistSchema, describeIssues, formatPath, lexCommand, type Checklist } from './checklist-schema';

const good = (): Checklist => ({
  checkId: 's3.bucket.versioning',
  version: '1.0.0',
  title: 'Keep earlier versions in bucket {bucket}',
  meaning: 'Overwritten files in bucket {bucket} are gone for good.',
  whyItMatters: 'Election records must be kept for 22 months.',
  who: ['clerk', 'county IT'],
  inputs: [{ name: 'LOG_BUCKET', meaning: 'the log bucket', example: 'logs' }],
  files: [{ name: 'logging.json', about: 'logging', json: { LoggingEnabled: { TargetBucket: '<LOG_BUCKET>', TargetPrefix: '{bucket}/' } } }],
  steps: [
    { n: 1, title: 'Decide', do: 'The clerk decides.', who: ['clerk'], changes: false, manual: true },
    {
      n: 2,
      title: 'Turn it on',
      do: 'Enable versioning.',
      who: ['county IT'],
      changes: true,
      console: 'S3 > Buckets > {bucket} > Properties',
      cli: ['aws s3api put-bucket-versioning --bucket {bucket} --versioning-configuration Status=Enabled', 'aws s3api put-bucket-logging --bucket {bucket} --bucket-logging-status file://logging.json'],
    },
  ],
  verify: { do: 'Status is Enabled.', cli: ['aws s3api get-bucket-versioning --bucket {bucket}'], rescan: 'Re-scan with Canvass.' },
  references: ['NIST SP 800-53 CP-9'],
});

/** The one-line message for a checklist, or 'ok'. */
function verdict(c: unknown): string {
  const r = checklistSchema.safeParse(c);
  return r.success ? 'ok' : describeIssues(r.error.issues);
}
const change = (f: (c: Checklist) => void) => {
  const c = structuredClone(good());
  f(c);
  return verdict(c);
};

describe('the checklist schema', () => {
  it('accepts a good checklist', () => {
    expect(verdict(good())).toBe('ok');
  });

  it('requires every field of a step, and names it', () => {
    expect(change((c) => delete (c.steps[1] as Partial<Checklist['steps'][number]>).do)).toBe('steps[1].do: is missing');
    expect(change((c) => delete (c.steps[0] as Partial<Checklist['steps'][number]>).changes)).toBe('steps[0].changes: is missing');
    // Problems that follow from the first are counted, not repeated.
    expect(change((c) => (c.steps[0].who = []))).toBe('steps[0].who: name who does this step (and 1 more problem)');
    expect(change((c) => (c.steps[0].title = '  '))).toBe('steps[0].title: must not be empty');
  });

  it('needs at least one step, numbered in order', () => {
    expect(change((c) => (c.steps = []))).toMatch(/^steps: a checklist needs at least one step \(and \d more problems\)$/);
    expect(change((c) => (c.steps[1].n = 3))).toBe('steps[1].n: is 3, but steps must be numbered 1, 2, 3 ... in order (expected 2)');
  });

  it('refuses unknown fields and roles', () => {
    expect(change((c) => ((c.steps[0] as unknown as Record<string, unknown>).command = 'x'))).toBe('steps[0]: has unknown field "command"');
    expect(verdict({ ...good(), owner: 'x' })).toBe('(the whole file): has unknown field "owner"');
    expect(change((c) => ((c.who as string[])[0] = 'mayor'))).toMatch(/^who\[0\]: invalid option/);
  });

  it('allows only the known placeholders, anywhere', () => {
    expect(change((c) => (c.steps[1].cli![0] = 'aws s3api put-bucket-versioning --bucket {bucket_name} --versioning-configuration Status=Enabled'))).toBe(
      'steps[1].cli[0]: command has a brace outside quotes, which the shell may expand: put it inside single quotes',
    );
    expect(change((c) => (c.steps[1].console = 'S3 > Buckets > {bucket-name}'))).toBe(
      'steps[1].console: uses the unknown placeholder {bucket-name} (allowed: {bucket}, {account}, {key}, {file})',
    );
    expect(change((c) => (c.files![0].json = { TargetBucket: '{region}' }))).toContain('files[0].json: uses the unknown placeholder {region}');
  });

  it('wants every input declared and every declared input used', () => {
    expect(change((c) => (c.steps[1].do = 'Use <KMS_KEY_ARN>.'))).toBe('steps[1].do: uses the input <KMS_KEY_ARN>, which the checklist\'s "inputs" do not declare');
    expect(change((c) => c.inputs!.push({ name: 'UNUSED', meaning: 'x', example: 'y' }))).toBe('inputs[1].name: declares the input <UNUSED>, which no step uses');
  });

  it('wants a step that changes something to run a cloud tool, or to be marked manual', () => {
    expect(change((c) => delete c.steps[1].cli)).toMatch(/^steps\[1\]\.cli: is missing: a step that changes something needs its command, or "manual": true/);
    expect(change((c) => (c.steps[1].cli![0] = 'rm -rf backups'))).toBe('steps[1].cli[0]: changes something but does not start with "aws ", "az ", "gcloud ": mark the step "manual": true');
    expect(change((c) => ((c.steps[1].cli![0] = 'rm -rf backups'), (c.steps[1].manual = true)))).toBe('ok');
    expect(change((c) => (c.steps[1].cli![0] = 'az storage account keys renew --account-name x --resource-group y --key primary'))).toBe('ok');
    // A step that only reads may show another tool's command.
    expect(change((c) => ((c.steps[0].cli = ['sha256sum voters.csv']), delete c.steps[0].manual))).toBe('ok');
  });

  it('wants every file a command reads declared, and every declared file used', () => {
    expect(change((c) => (c.steps[1].cli![1] = 'aws s3api put-bucket-logging --bucket {bucket} --bucket-logging-status file://other.json'))).toMatch(
      /reads file:\/\/other\.json, which the checklist's "files" do not declare/,
    );
    expect(change((c) => c.files!.push({ name: 'spare.json', about: 'not used' }))).toBe('files[1].name: declares spare.json, which no step uses or names');
  });

  it('keeps who does what consistent', () => {
    expect(change((c) => (c.steps[1].who = ['vendor']))).toMatch(/^steps\[1\]\.who: names "vendor", who is not in the checklist's "who"/);
    expect(change((c) => c.who.push('vendor'))).toBe('who: names "vendor", who does none of the steps');
  });

  it('wants the meaning in one sentence and a NIST SP 800-53 reference', () => {
    expect(change((c) => (c.meaning = 'Files are gone. For good.'))).toBe('meaning: must be one sentence');
    expect(change((c) => (c.references = ['CIS AWS Foundations 2.1.4']))).toBe('references: must cite at least one NIST SP 800-53 control');
  });

  it('counts the other problems in its one line', () => {
    expect(change((c) => ((c.version = 'one'), (c.steps[0].title = '')))).toBe('version: must look like 1.0.0 (and 1 more problem)');
  });
});

describe('command templates', () => {
  it('splits words, keeps quoted text whole, and finds the blanks and the redirect', () => {
    expect(lexCommand("aws s3api list-objects-v2 --bucket {bucket} --query 'Contents[].[Key, Size]' > list.json")).toEqual({
      words: [[{ text: 'aws' }], [{ text: 's3api' }], [{ text: 'list-objects-v2' }], [{ text: '--bucket' }], [{ placeholder: 'bucket' }], [{ text: '--query' }], [{ text: 'Contents[].[Key, Size]' }]],
      redirect: 'list.json',
    });
    expect(lexCommand('aws s3 cp s3://<LOG_BUCKET>/<LOG_PREFIX> logs/')).toEqual({
      words: [[{ text: 'aws' }], [{ text: 's3' }], [{ text: 'cp' }], [{ text: 's3://' }, { input: 'LOG_BUCKET' }, { text: '/' }, { input: 'LOG_PREFIX' }], [{ text: 'logs/' }]],
    });
    expect(lexCommand("aws x --a ''")).toEqual({ words: [[{ text: 'aws' }], [{ text: 'x' }], [{ text: '--a' }], [{ text: '' }]] });
  });

  it('refuses what the shell would interpret, and blanks inside quotes', () => {
    const problem = (cmd: string) => {
      const r = lexCommand(cmd);
      return 'problem' in r ? r.problem : 'ok';
    };
    expect(problem("aws s3api put-bucket-policy --bucket '{bucket}'")).toMatch(/^has \{bucket\} inside quotes/);
    expect(problem("aws x --mfa '<MFA> 123'")).toMatch(/^has <MFA> inside quotes/);
    expect(problem('aws x --c Rules=[{A=1,B=2}]')).toMatch(/"\["/);
    expect(problem('aws x --c {A=1,B=2}')).toMatch(/brace outside quotes/);
    expect(problem('aws x --p "a b"')).toMatch(/"\\""/);
    expect(problem('aws x; rm -rf /')).toMatch(/";"/);
    expect(problem('aws x $(id)')).toMatch(/"\$"/);
    expect(problem('aws x *.csv')).toMatch(/"\*"/);
    expect(problem("aws x 'unbalanced")).toBe('has an unbalanced single quote');
    expect(problem('aws x > out.json extra')).toMatch(/at the very end/);
    expect(problem('aws x a>b')).toMatch(/inside a word/);
    expect(problem('aws x < in')).toMatch(/redirection/);
  });

  it('formats paths for messages', () => {
    expect(formatPath(['steps', 2, 'cli', 0])).toBe('steps[2].cli[0]');
    expect(formatPath([])).toBe('(the whole file)');
  });
});
