import { z } from 'zod';

/**
 * The checklist format `canvass-checklists/1`: one JSON file per check id in
 * resources/checklists/, plus index.json with the catalogue version. A checklist walks a
 * clerk (and whoever does the technical part) from a finding to its fix.
 *
 * Commands are templates for a POSIX shell (bash: AWS CloudShell, Linux, macOS). They hold
 * two kinds of blanks:
 * - placeholders `{bucket}` `{account}` `{key}` `{file}`, filled from the finding;
 * - inputs `<NAME>` (declared in the checklist's `inputs`), typed by the person doing the step.
 *   Left unfilled, `<NAME>` reads to bash as input from a file NAME, which does not exist,
 *   so a half-filled command pasted into a shell does not start.
 * A blank in a command must stand outside quotes, so that filling it can quote the value
 * (see checklists.ts); JSON a command needs goes into a declared file (`file://NAME`).
 */

export const CHECKLIST_FORMAT = 'canvass-checklists/1';

/** What a finding can fill in: the bucket, the AWS account, the object key, the local file. */
export const PLACEHOLDERS = ['bucket', 'account', 'key', 'file'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const ROLES = ['clerk', 'county IT', 'vendor'] as const;
export type Role = (typeof ROLES)[number];

/** The command-line tools a step that changes something may run as written. */
export const TOOLS = ['aws', 'az', 'gcloud'] as const;

const CHECK_ID = /^(s3\.(account|bucket|object)|creds\.[a-z-]+|local\.[a-z-]+)(\.[a-z-]+)?$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const CATALOGUE_VERSION = /^\d{4}\.\d{1,2}\.\d+$/;
const INPUT_NAME = /^[A-Z][A-Z0-9_]*$/;
const FILE_NAME = /^[a-z0-9][a-z0-9.-]*\.json$/;
/** Any `{name}`: a placeholder, allowed or not. */
const PLACEHOLDER_RE = /\{([a-z][a-z0-9-]*)\}/g;
/** Any `<NAME>`: an input. */
const INPUT_RE = /<([A-Z][A-Z0-9_]*)>/g;
const FILE_REF_RE = /file:\/\/([^\s']+)/g;

const text = z.string().trim().min(1, 'must not be empty');
const role = z.enum(ROLES);

export const inputSchema = z.strictObject({
  name: z.string().regex(INPUT_NAME, 'must be upper case, like LOG_BUCKET'),
  /** What the value is and where to find it, in plain words. */
  meaning: text,
  /** A realistic value (fictional): shown as a hint, and used by the tests to run the commands. */
  example: text,
});

export const fileSchema = z.strictObject({
  name: z.string().regex(FILE_NAME, 'must be a plain lower-case .json file name'),
  /** What the file is and what to check in it before use. */
  about: text,
  /** The file's content, with blanks inside its strings; absent when the person writes the file (e.g. an edited policy). */
  json: z.unknown().optional(),
});

export const stepSchema = z.strictObject({
  /** 1, 2, 3 ... in the order the steps must be done. */
  n: z.number().int().positive(),
  title: text.max(90, 'keep a title under 90 characters'),
  /** What to do, in plain words. */
  do: text,
  who: z.array(role).min(1, 'name who does this step'),
  /** Whether the step changes a setting, a credential or data (false: it only reads or records). */
  changes: z.boolean(),
  /** Done by hand (console, file explorer, a phone call), or its commands must be adapted before running. */
  manual: z.boolean().optional(),
  /** Where to click in the cloud console, e.g. "S3 > Buckets > {bucket} > Permissions". */
  console: text.optional(),
  /** The equivalent commands, one per line, run in order. */
  cli: z.array(text).min(1).optional(),
  /** What could go wrong, said before it does. */
  caution: text.optional(),
});

export const verifySchema = z.strictObject({
  do: text,
  cli: z.array(text).min(1).optional(),
  /** What Canvass's re-scan shows once the fix holds. */
  rescan: text,
});

const checklistObject = z.strictObject({
  checkId: z.string().regex(CHECK_ID, 'is not a Canvass check id'),
  version: z.string().regex(VERSION, 'must look like 1.0.0'),
  title: text,
  /** One plain sentence: what the finding means. */
  meaning: text,
  /** Why it matters for voter data. */
  whyItMatters: text,
  /** Who usually does the work. */
  who: z.array(role).min(1),
  inputs: z.array(inputSchema).optional(),
  files: z.array(fileSchema).optional(),
  steps: z.array(stepSchema).min(1, 'a checklist needs at least one step'),
  verify: verifySchema,
  /** Election specifics: retention of records, chain of custody, notification duties. */
  election: z.array(text).optional(),
  references: z.array(text).min(1),
});

export type ChecklistInput = z.infer<typeof inputSchema>;
export type ChecklistFile = z.infer<typeof fileSchema>;
export type ChecklistStep = z.infer<typeof stepSchema>;
export type Checklist = z.infer<typeof checklistObject>;

/** One piece of a command word: literal text, a placeholder, or an input. */
export type CommandPart = { text: string } | { placeholder: string } | { input: string };

export interface CommandShape {
  /** The words the shell will pass to the program, each made of parts. */
  words: CommandPart[][];
  /** `> NAME` at the end: where the output is saved. */
  redirect?: string;
}

/** Characters the shell treats specially outside quotes; templates keep them inside single quotes. */
const SPECIAL = new Set([...';&|$`\\()*?[]!#~}"\t\n\r']);

/**
 * Reads a command template the way bash will, for the subset templates may use: words
 * separated by spaces, 'single-quoted' stretches, blanks outside quotes, and an optional
 * `> file.json` at the end. Anything else the shell would interpret (globs, braces with
 * commas, $, ;, double quotes ...) outside quotes is refused, so the words are exactly these.
 */
export function lexCommand(template: string): CommandShape | { problem: string } {
  const words: CommandPart[][] = [];
  let word: CommandPart[] | undefined;
  const addText = (s: string) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && 'text' in last) last.text += s;
    else word.push({ text: s });
  };
  const end = () => {
    if (word) words.push(word);
    word = undefined;
  };
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    const rest = template.slice(i);
    if (c === ' ') {
      end();
      i++;
    } else if (c === "'") {
      const close = template.indexOf("'", i + 1);
      if (close < 0) return { problem: 'has an unbalanced single quote' };
      const quoted = template.slice(i + 1, close);
      const blank = new RegExp(PLACEHOLDER_RE.source).exec(quoted) ?? new RegExp(INPUT_RE.source).exec(quoted);
      if (blank) return { problem: `has ${blank[0]} inside quotes: a blank must stand outside quotes so that its value can be quoted safely` };
      addText(quoted);
      word ??= [];
      i = close + 1;
    } else if (c === '{') {
      const m = /^\{([a-z][a-z0-9-]*)\}/.exec(rest);
      if (!m) return { problem: 'has a brace outside quotes, which the shell may expand: put it inside single quotes' };
      word ??= [];
      word.push({ placeholder: m[1] });
      i += m[0].length;
    } else if (c === '<') {
      const m = /^<([A-Z][A-Z0-9_]*)>/.exec(rest);
      if (!m) return { problem: 'has "<" outside quotes, which the shell reads as a redirection' };
      word ??= [];
      word.push({ input: m[1] });
      i += m[0].length;
    } else if (c === '>') {
      if (word) return { problem: 'has ">" inside a word: write "> file.json" at the end' };
      const m = /^> ?([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(rest);
      if (!m) return { problem: 'has ">" that is not "> file-name" at the very end' };
      return { words, redirect: m[1] };
    } else if (SPECIAL.has(c)) {
      return { problem: `has ${JSON.stringify(c)} outside single quotes, which the shell would interpret: one plain command per line, with such characters quoted` };
    } else {
      addText(c);
      i++;
    }
  }
  end();
  return { words };
}

export const blanksIn = (s: string, re: RegExp): string[] => [...s.matchAll(new RegExp(re.source, 'g'))].map((m) => m[1]);

/** Every string inside a JSON value. */
function stringsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsOf);
  if (v && typeof v === 'object') return Object.values(v).flatMap(stringsOf);
  return [];
}

const startsWithTool = (cmd: string) => TOOLS.some((t) => cmd.startsWith(`${t} `));

type Ctx = z.core.$RefinementCtx<Checklist>;

function crossCheck(c: Checklist, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  // Blanks in every piece of text, with where they are.
  const texts: Array<{ path: (string | number)[]; s: string }> = [];
  const add = (path: (string | number)[], s: string | undefined) => s !== undefined && texts.push({ path, s });
  for (const k of ['title', 'meaning', 'whyItMatters'] as const) add([k], c[k]);
  c.steps.forEach((s, i) => {
    for (const k of ['title', 'do', 'console', 'caution'] as const) add(['steps', i, k], s[k]);
    s.cli?.forEach((cmd, j) => add(['steps', i, 'cli', j], cmd));
  });
  add(['verify', 'do'], c.verify.do);
  add(['verify', 'rescan'], c.verify.rescan);
  c.verify.cli?.forEach((cmd, j) => add(['verify', 'cli', j], cmd));
  c.election?.forEach((s, j) => add(['election', j], s));
  c.files?.forEach((f, j) => {
    add(['files', j, 'about'], f.about);
    for (const s of stringsOf(f.json)) add(['files', j, 'json'], s);
  });

  const declared = new Set((c.inputs ?? []).map((x) => x.name));
  const used = new Set<string>();
  for (const { path, s } of texts) {
    for (const p of blanksIn(s, PLACEHOLDER_RE)) {
      if (!(PLACEHOLDERS as readonly string[]).includes(p)) {
        issue(path, `uses the unknown placeholder {${p}} (allowed: ${PLACEHOLDERS.map((x) => `{${x}}`).join(', ')})`);
      }
    }
    for (const name of blanksIn(s, INPUT_RE)) {
      used.add(name);
      if (!declared.has(name)) issue(path, `uses the input <${name}>, which the checklist's "inputs" do not declare`);
    }
  }
  (c.inputs ?? []).forEach((x, j) => {
    if (!used.has(x.name)) issue(['inputs', j, 'name'], `declares the input <${x.name}>, which no step uses`);
  });
  const inputNames = (c.inputs ?? []).map((x) => x.name);
  if (new Set(inputNames).size !== inputNames.length) issue(['inputs'], 'declares an input twice');

  // Commands: lexable, and those that change something run a cloud tool or are marked manual.
  const fileNames = new Set((c.files ?? []).map((f) => f.name));
  const referenced = new Set<string>();
  const checkCommands = (cmds: string[] | undefined, base: (string | number)[]) =>
    cmds?.forEach((cmd, j) => {
      const shape = lexCommand(cmd);
      if ('problem' in shape) issue([...base, j], `command ${shape.problem}`);
      for (const f of blanksIn(cmd, FILE_REF_RE)) {
        referenced.add(f);
        if (!fileNames.has(f)) issue([...base, j], `reads file://${f}, which the checklist's "files" do not declare`);
      }
    });
  c.steps.forEach((s, i) => {
    checkCommands(s.cli, ['steps', i, 'cli']);
    if (s.n !== i + 1) issue(['steps', i, 'n'], `is ${s.n}, but steps must be numbered 1, 2, 3 ... in order (expected ${i + 1})`);
    if (s.changes && !s.manual) {
      if (!s.cli) issue(['steps', i, 'cli'], 'is missing: a step that changes something needs its command, or "manual": true');
      s.cli?.forEach((cmd, j) => {
        if (!startsWithTool(cmd)) issue(['steps', i, 'cli', j], `changes something but does not start with ${TOOLS.map((t) => `"${t} "`).join(', ')}: mark the step "manual": true`);
      });
    }
    for (const r of s.who) if (!c.who.includes(r)) issue(['steps', i, 'who'], `names "${r}", who is not in the checklist's "who"`);
  });
  checkCommands(c.verify.cli, ['verify', 'cli']);
  for (const r of c.who) if (!c.steps.some((s) => s.who.includes(r))) issue(['who'], `names "${r}", who does none of the steps`);

  (c.files ?? []).forEach((f, j) => {
    const named = referenced.has(f.name) || texts.some((t) => t.path[0] === 'steps' && t.s.includes(f.name));
    if (!named) issue(['files', j, 'name'], `declares ${f.name}, which no step uses or names`);
  });
  const names = (c.files ?? []).map((f) => f.name);
  if (new Set(names).size !== names.length) issue(['files'], 'declares a file twice');

  if (!/[.!?]$/.test(c.meaning) || /[.!?] [A-Z]/.test(c.meaning)) issue(['meaning'], 'must be one sentence');
  if (!c.references.some((r) => r.startsWith('NIST SP 800-53 '))) issue(['references'], 'must cite at least one NIST SP 800-53 control');
}

export const checklistSchema = checklistObject.superRefine(crossCheck);

/** resources/checklists/index.json: the catalogue version and every checklist's version. */
export const indexSchema = z.strictObject({
  format: z.literal(CHECKLIST_FORMAT),
  /** Stored with each audit, with the version of each checklist it was worked with. */
  version: z.string().regex(CATALOGUE_VERSION, 'must look like 2026.11.0'),
  /** How the commands are meant to be run. */
  shell: text,
  /** What each placeholder is filled with. */
  placeholders: z.record(z.enum(PLACEHOLDERS), text),
  roles: z.record(role, text),
  /** The editions the references cite. */
  editions: z.record(z.string(), text),
  checklists: z.record(z.string().regex(CHECK_ID, 'is not a Canvass check id'), z.string().regex(VERSION, 'must look like 1.0.0')),
});
export type ChecklistIndex = z.infer<typeof indexSchema>;

/** `steps[2].cli[0]` for a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(the whole file)';
}

/** One line for the first problem of a failed parse, and how many more there are. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  const field = formatPath(first.path);
  let message = first.message;
  if (first.code === 'invalid_type' && /received undefined$/.test(message)) message = 'is missing';
  else if (first.code === 'unrecognized_keys') message = `has unknown field${first.keys.length === 1 ? '' : 's'} ${first.keys.map((k) => `"${k}"`).join(', ')}`;
  else if (first.code !== 'custom') message = message.replace(/^Invalid input: /, '').replace(/^Invalid /, 'invalid ');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
  return `${field}: ${message}${more}`;
}
