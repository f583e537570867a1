import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ResourceRef } from '../checks/types';
import { InputError } from '../errors';
import {
  checklistSchema,
  describeIssues,
  indexSchema,
  lexCommand,
  type Checklist,
  type ChecklistIndex,
  type ChecklistStep,
  type Placeholder,
} from './checklist-schema';

export const checklistsDir = (resources: string) => path.join(resources, 'checklists');

export interface ChecklistCatalogue {
  /** The catalogue version (index.json), stored with each audit. */
  version: string;
  index: ChecklistIndex;
  /** By check id. */
  checklists: ReadonlyMap<string, Checklist>;
}

const MAX_FILE_BYTES = 256 * 1024;

function readJson(file: string, label: string): unknown {
  let raw: string;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) throw new InputError(`${label}: too large for a checklist (over ${MAX_FILE_BYTES / 1024} KB)`);
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${label}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new InputError(`${label}: not valid JSON (${(e as Error).message})`);
  }
}

/** Validates one checklist file's content; the message names the file and the field. */
export function parseChecklist(label: string, data: unknown): Checklist {
  const r = checklistSchema.safeParse(data);
  if (!r.success) throw new InputError(`${label}: ${describeIssues(r.error.issues)}`);
  return r.data;
}

export function parseIndex(label: string, data: unknown): ChecklistIndex {
  const r = indexSchema.safeParse(data);
  if (!r.success) throw new InputError(`${label}: ${describeIssues(r.error.issues)}`);
  return r.data;
}

/**
 * Loads and validates index.json and every checklist beside it. Each file is named after its
 * check id, and index.json lists exactly the files there, with their versions. The first bad
 * file stops the load with one InputError naming it and the field.
 */
export function loadChecklists(dir: string): ChecklistCatalogue {
  const label = (name: string) => path.join(dir, name);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    throw new InputError(`${dir}: the checklists folder cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!names.includes('index.json')) throw new InputError(`${label('index.json')}: missing (the checklist catalogue needs its index)`);
  const index = parseIndex(label('index.json'), readJson(label('index.json'), label('index.json')));

  const checklists = new Map<string, Checklist>();
  for (const name of names.filter((n) => n !== 'index.json')) {
    const c = parseChecklist(label(name), readJson(label(name), label(name)));
    if (name !== `${c.checkId}.json`) throw new InputError(`${label(name)}: checkId is ${c.checkId}, so the file must be named ${c.checkId}.json`);
    const listed = index.checklists[c.checkId];
    if (listed === undefined) throw new InputError(`${label('index.json')}: checklists does not list ${c.checkId} (${name} is in the folder)`);
    if (listed !== c.version) throw new InputError(`${label('index.json')}: checklists lists ${c.checkId} at version ${listed}, but ${name} is version ${c.version}`);
    checklists.set(c.checkId, c);
  }
  for (const id of Object.keys(index.checklists)) {
    if (!checklists.has(id)) throw new InputError(`${label('index.json')}: checklists lists ${id}, but there is no ${id}.json`);
  }
  return { version: index.version, index, checklists };
}

// ---------------------------------------------------------------------------------------
// Filling in the blanks.

export type PlaceholderValues = Partial<Record<Placeholder, string>>;

/** What a finding fills in: its bucket, object key or file, and the audited account. */
export function placeholderValues(resource: ResourceRef, accountId?: string): PlaceholderValues {
  const account = accountId ? { account: accountId } : {};
  switch (resource.type) {
    case 'account':
      return { account: accountId ?? resource.id };
    case 'bucket':
      return { ...account, bucket: resource.name };
    case 'object': {
      // A bucket name never holds "/": the key is everything after the first one.
      const slash = resource.name.indexOf('/');
      return slash < 0 ? { ...account, bucket: resource.name } : { ...account, bucket: resource.name.slice(0, slash), key: resource.name.slice(slash + 1) };
    }
    case 'file':
      return { ...account, file: resource.id };
  }
}

/** Shell words that need no quoting. Values come from untrusted evidence; everything else is quoted. */
const SAFE_WORD = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

function checkValue(name: string, value: string): void {
  if (value.includes('\0')) throw new InputError(`the value for ${name} holds a NUL character, which no command argument can carry`);
}

/** POSIX shell quoting: the value reaches the program as exactly one argument, whatever it holds. */
export function shellQuote(value: string): string {
  checkValue('a command argument', value);
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

type Blank = { placeholder: string } | { input: string };
const BLANK_RE = /\{([a-z][a-z0-9-]*)\}|<([A-Z][A-Z0-9_]*)>/g;

function valueOf(b: Blank, values: PlaceholderValues, inputs: Readonly<Record<string, string>>): string | undefined {
  return 'placeholder' in b ? values[b.placeholder as Placeholder] : inputs[b.input];
}
const blankName = (b: Blank) => ('placeholder' in b ? `{${b.placeholder}}` : `<${b.input}>`);

/** Text for reading (titles, explanations, console paths): values go in as they are. */
export function fillText(s: string, values: PlaceholderValues, inputs: Readonly<Record<string, string>> = {}, missing?: Set<string>): string {
  return s.replace(BLANK_RE, (whole, p: string | undefined, inp: string | undefined) => {
    const b: Blank = p ? { placeholder: p } : { input: inp! };
    const v = valueOf(b, values, inputs);
    if (v === undefined) {
      missing?.add(whole);
      return whole;
    }
    checkValue(whole, v);
    return v;
  });
}

/**
 * A command ready to paste into bash. Each value is shell-quoted, so a key with spaces or
 * quotes stays one argument; a value starting with "-" after `--option ` is joined as
 * `--option=value` so that the AWS CLI cannot take it for an option. Blanks without a value
 * stay as they are and are listed in `missing`: never run such a command (bash refuses an
 * unfilled `<NAME>` as input from a missing file, but a command runner must check `missing`).
 */
export function fillCommand(template: string, values: PlaceholderValues, inputs: Readonly<Record<string, string>> = {}, missing?: Set<string>): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(BLANK_RE)) {
    const b: Blank = m[1] ? { placeholder: m[1] } : { input: m[2] };
    const at = m.index;
    let before = template.slice(last, at);
    last = at + m[0].length;
    const v = valueOf(b, values, inputs);
    if (v === undefined) {
      missing?.add(blankName(b));
      out += before + m[0];
      continue;
    }
    checkValue(blankName(b), v);
    const standalone = /(^| )$/.test(out + before) && /^( |$)/.test(template.slice(last));
    if (v.startsWith('-')) {
      if (/(^| )--[a-z0-9][a-z0-9-]* $/.test(out + before)) before = before.replace(/ $/, '=');
      else if (standalone) throw new InputError(`the value for ${blankName(b)} starts with "-", which the command would read as an option`);
    }
    out += before + shellQuote(v);
  }
  return out + template.slice(last);
}

/**
 * The arguments a filled command passes to its program (no shell involved), and where its
 * output goes: for running a checklist command with execFile, and for testing fillCommand.
 * Every blank must have a value.
 */
export function commandArgv(template: string, values: PlaceholderValues, inputs: Readonly<Record<string, string>> = {}): { argv: string[]; redirect?: string } {
  const shape = lexCommand(template);
  if ('problem' in shape) throw new InputError(`command "${template}" ${shape.problem}`);
  const argv = shape.words.map((word) =>
    word
      .map((part) => {
        if ('text' in part) return part.text;
        const v = valueOf(part, values, inputs);
        if (v === undefined) throw new InputError(`command "${template}" needs a value for ${blankName(part)}`);
        checkValue(blankName(part), v);
        return v;
      })
      .join(''),
  );
  return shape.redirect ? { argv, redirect: shape.redirect } : { argv };
}

/** A file's content with its blanks filled (inside JSON strings, so JSON escaping applies). */
export function fillJson(json: unknown, values: PlaceholderValues, inputs: Readonly<Record<string, string>> = {}, missing?: Set<string>): unknown {
  if (typeof json === 'string') return fillText(json, values, inputs, missing);
  if (Array.isArray(json)) return json.map((x) => fillJson(x, values, inputs, missing));
  if (json && typeof json === 'object') return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, fillJson(v, values, inputs, missing)]));
  return json;
}

export interface FilledStep extends Omit<ChecklistStep, 'cli'> {
  cli?: string[];
  /** Blanks this step still needs, e.g. "<IAM_USER>" or "{key}". */
  missing: string[];
}

export interface FilledChecklist extends Omit<Checklist, 'steps' | 'files' | 'verify'> {
  steps: FilledStep[];
  files: Array<{ name: string; about: string; content?: string }>;
  verify: Checklist['verify'] & { missing: string[] };
}

/** The checklist with a finding's values (and any inputs typed so far) filled in. */
export function fillChecklist(c: Checklist, values: PlaceholderValues, inputs: Readonly<Record<string, string>> = {}): FilledChecklist {
  const text = (s: string, missing?: Set<string>) => fillText(s, values, inputs, missing);
  const opt = (s: string | undefined, missing: Set<string>) => (s === undefined ? undefined : text(s, missing));
  const steps = c.steps.map((s): FilledStep => {
    const missing = new Set<string>();
    const filled: FilledStep = {
      ...s,
      title: text(s.title, missing),
      do: text(s.do, missing),
      console: opt(s.console, missing),
      caution: opt(s.caution, missing),
      cli: s.cli?.map((cmd) => fillCommand(cmd, values, inputs, missing)),
      missing: [],
    };
    filled.missing = [...missing];
    if (filled.console === undefined) delete filled.console;
    if (filled.caution === undefined) delete filled.caution;
    if (filled.cli === undefined) delete filled.cli;
    return filled;
  });
  const vMissing = new Set<string>();
  const verify = {
    ...c.verify,
    do: text(c.verify.do, vMissing),
    rescan: text(c.verify.rescan, vMissing),
    ...(c.verify.cli ? { cli: c.verify.cli.map((cmd) => fillCommand(cmd, values, inputs, vMissing)) } : {}),
    missing: [] as string[],
  };
  verify.missing = [...vMissing];
  return {
    ...c,
    title: text(c.title),
    meaning: text(c.meaning),
    whyItMatters: text(c.whyItMatters),
    steps,
    files: (c.files ?? []).map((f) => ({
      name: f.name,
      about: text(f.about),
      ...(f.json === undefined ? {} : { content: `${JSON.stringify(fillJson(f.json, values, inputs), null, 2)}\n` }),
    })),
    verify,
  };
}
