import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/db';
import { BIN } from '../helpers/cli-run';
import { holdWriteLock } from '../helpers/sqlite-lock';

const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'canvass-refuse-'));
  chmodSync(d, 0o777);
  return d;
};
/** As nobody when asked: the tests run as root, for whom nothing is read-only. */
const run = (args: string[], opts: { asNobody?: boolean; cwd?: string } = {}) => {
  const [cmd, argv] = opts.asNobody ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: opts.cwd, env: { ...process.env, CANVASS_DATA_DIR: tmp() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** A scan that takes no time: the refusals below must come before it anyway. */
const scan = (...args: string[]) => ['scan', '--demo', ...args];

describe('canvass scan refuses a database it could not save to, before scanning', () => {
  it('a read-only database file: says so, naming it, and writes nothing', () => {
    const dir = tmp();
    const db = path.join(dir, 'ro.db');
    openDatabase(db).close();
    chmodSync(db, 0o444);
    const before = readFileSync(db);
    const r = run(scan('--db', db, '--json', path.join(dir, 'x.json')), { asNobody: true });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`canvass: ${db}: the database is read-only; choose a place you can write to for the database, or make the file writable\n`);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(path.join(dir, 'x.json'))).toBe(false);
  });

  it('a new database in a read-only folder', () => {
    const dir = tmp();
    const ro = path.join(dir, 'ro');
    mkdirSync(ro, { mode: 0o555 });
    const db = path.join(ro, 'new.db');
    const r = run(scan('--db', db, '--json', path.join(dir, 'x.json')), { asNobody: true });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`canvass: ${db}: the database cannot be opened or created there; choose a place you can write to for the database\n`);
    expect(readdirSync(dir)).toEqual(['ro']);
  });

  it('a database in a folder that cannot be created', () => {
    const dir = tmp();
    chmodSync(dir, 0o555);
    const db = path.join(dir, 'sub', 'new.db');
    const r = run(scan('--db', db), { asNobody: true });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`canvass: ${db}: its folder ${path.join(dir, 'sub')} cannot be created (EACCES); choose a place you can write to for the database\n`);
    expect(existsSync(path.join(dir, 'sub'))).toBe(false);
  });

  it('a database another program holds locked past the busy timeout', async () => {
    const dir = tmp();
    const db = path.join(dir, 'locked.db');
    openDatabase(db).close();
    const holder = await holdWriteLock(db);
    try {
      const json = path.join(dir, 'x.json');
      const r = run(scan('--db', db, '--json', json));
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toBe(`canvass: ${db}: the database is locked by another program (another Canvass scan or window?); close it or wait until it ends, then try again\n`);
      expect(existsSync(json)).toBe(false);
    } finally {
      holder.release();
    }
  });
});

describe('canvass refuses an empty value (an unset shell variable)', () => {
  it('for a folder, a database or an output, in one line, writing nothing', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'creds.txt'), 'aws_access_key_id = AKIAQX4TNW7RBJ3LPZ5K\n');
    const db = path.join(dir, 'c.db');
    for (const [option, args] of [
      ['local', ['scan', '--local', '', '--db', db]],
      ['local', ['scan', '--local', dir, '--local', '', '--db', db]],
      ['db', ['scan', '--demo', '--db', '']],
      ['json', ['scan', '--demo', '--db', db, '--json', '']],
      ['csv', ['scan', '--demo', '--db', db, '--csv', '']],
      ['report', ['scan', '--demo', '--db', db, '--report', '']],
      ['db', ['log', 'verify', '--db', '']],
    ] as const) {
      const r = run([...args], { cwd: dir });
      expect(r, args.join(' ')).toEqual({ code: 1, stdout: '', stderr: `canvass: --${option} was given an empty value; give it a value (was a shell variable unset?)\n` });
    }
    expect(readdirSync(dir)).toEqual(['creds.txt']);
  });
});

describe('canvass refuses an output it could not write, before scanning', () => {
  it('in a folder that does not exist, a read-only folder, or over a folder: one line, no audit saved', () => {
    const dir = tmp();
    const ro = path.join(dir, 'ro');
    mkdirSync(ro, { mode: 0o555 });
    mkdirSync(`${ro}.html`);
    const db = path.join(dir, 'c.db');
    const missing = path.join(dir, 'no-such-folder', 'x.json');
    for (const [args, stderr] of [
      [['--json', missing], `${missing}: no such folder ${path.dirname(missing)}; create it or give another place for the file`],
      [['--csv', path.join(ro, 'x.csv')], `${path.join(ro, 'x.csv')}: cannot write in the folder ${ro} (EACCES); give a place you can write to`],
      [['--report', `${ro}.html`, '--json', path.join(dir, 'ok.json')], `${ro}.html: a folder; give a file name for the output`],
    ] as const) {
      const r = run(scan('--db', db, ...args), { asNobody: true });
      expect(r, args.join(' ')).toEqual({ code: 1, stdout: '', stderr: `canvass: ${stderr}\n` });
    }
    expect(readdirSync(dir).sort()).toEqual(['ro', 'ro.html']);
  });

  it('canvass report, before reading the audit', () => {
    const dir = tmp();
    const out = path.join(dir, 'no-such-folder', 'r.html');
    const r = run(['report', '--db', path.join(dir, 'none.db'), '--audit', 'x', '--out', out]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `canvass: ${out}: no such folder ${path.dirname(out)}; create it or give another place for the file\n` });
  });
});
