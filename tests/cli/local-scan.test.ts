import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../electron/core/paths';
import { BIN } from '../helpers/cli-run';
import { filesHolding } from '../helpers/files-holding';
import { zipFiles } from '../helpers/zip-writer';

const DEMO_LOCAL = path.join(findResourcesDir(), 'demo', 'local');
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'canvass-local-'));
  chmodSync(d, 0o755);
  return d;
};
const run = (args: string[], opts: { asNobody?: boolean; cwd?: string } = {}) => {
  const cmd = opts.asNobody ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const r = spawnSync(cmd[0] as string, cmd[1] as string[], { encoding: 'utf8', cwd: opts.cwd, env: { ...process.env, CANVASS_DATA_DIR: tmp() } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
interface Doc {
  audit: { sources: Array<{ kind: string; ref: string }> };
  findings: Array<{ checkId: string; status: string; severity: string; resource: { type: string; id: string; name: string }; detail: string; evidence: Record<string, unknown> }>;
}
const readDoc = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Doc;
const cells = (doc: Doc) => doc.findings.map((f) => `${f.status} ${f.checkId} ${f.resource.name}`).sort();

/** A voter extract header as a county exports it, and rows of made-up people. */
const VOTER_CSV =
  'VOTER_ID,LAST_NAME,FIRST_NAME,RES_ADDRESS,RES_CITY,RES_ZIP,DATE_OF_BIRTH,REGISTRATION_DATE,PARTY,PRECINCT,VOTER_STATUS\n' +
  Array.from({ length: 30 }, (_, i) => `${100200300 + i},Quorvel,Anwen,${10 + i} Larkspur Rd,Harlow,99${String(i).padStart(3, '0')},1970-01-${String((i % 28) + 1).padStart(2, '0')},2001-05-06,DEM,P-${i % 9},A`).join('\n') +
  '\n';
/** Random, never issued: shaped like an access key id and its secret. */
const KEY_ID = 'AKIAQX4TNW7RBJ3LPZ5K';
const SECRET = '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';
const CREDS = `[default]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`;

describe('canvass scan --local on the demo county folder', () => {
  const dir = tmp();
  const json = path.join(dir, 'local.json');
  const db = path.join(dir, 'local.db');
  const r = run(['scan', '--local', DEMO_LOCAL, '--db', db, '--json', json]);

  it('exits 0 and names the voter file and the files holding credentials', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Voter files on the scanned drives: harlow-voter-extract-2026-10-sample\.csv\./);
    expect(r.stdout).toMatch(/Storage credentials in: appsettings\.Production\.json, deploy-results-site\.sh, harlow-gis-2026-5c1e2f9a8b3d\.json, old-laptop-aws-credentials\.txt, vendor-handoff-notes\.txt\./);
  });

  it('gives the verdicts resources/demo/README.md lists for the local folder', () => {
    const doc = readDoc(json);
    expect(doc.audit.sources).toEqual([{ kind: 'local', ref: DEMO_LOCAL }]);
    expect(cells(doc)).toEqual(
      [
        'fail local.credential.aws-access-key deploy-results-site.sh',
        'fail local.credential.aws-access-key old-laptop-aws-credentials.txt',
        'fail local.credential.azure-storage appsettings.Production.json',
        'fail local.credential.gcp-service-account harlow-gis-2026-5c1e2f9a8b3d.json',
        'fail local.credential.presigned-url vendor-handoff-notes.txt',
        'fail local.credential.aws-access-key vendor-handoff-notes.txt',
        'fail local.voter-file harlow-voter-extract-2026-10-sample.csv',
        'pass local.voter-file poll-worker-roster-2026.csv',
        'pass local.voter-file polling-places-2026.csv',
      ].sort(),
    );
    const deploy = doc.findings.find((f) => f.checkId === 'local.credential.aws-access-key' && f.resource.name === 'deploy-results-site.sh')!;
    expect(deploy.resource).toEqual({ type: 'file', id: path.join(DEMO_LOCAL, 'deploy-results-site.sh'), name: 'deploy-results-site.sh' });
    expect(deploy.evidence.hits).toEqual([expect.objectContaining({ line: expect.any(Number), fingerprint: expect.stringMatching(/^AKIA…[A-Z0-9]{4}$/), account: '210987654321', withSecret: true })]);
    const old = doc.findings.find((f) => f.resource.name === 'old-laptop-aws-credentials.txt')!;
    expect(old.evidence.hits).toHaveLength(2);
    const voter = doc.findings.find((f) => f.checkId === 'local.voter-file' && f.status === 'fail')!;
    expect(voter.evidence).toMatchObject({ columns: expect.arrayContaining(['VOTER_ID', 'DATE_OF_BIRTH']), rowEstimate: expect.any(Number) });
  });

  it('keeps no secret and no voter value in the JSON or the database', () => {
    const secrets = readdirSync(DEMO_LOCAL).flatMap((f) => {
      const text = readFileSync(path.join(DEMO_LOCAL, f), 'utf8');
      // Every AWS secret, Azure key, private key line, signature and every voter's last name of the demo.
      return [
        ...(text.match(/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g) ?? []),
        ...(text.match(/AccountKey=([^;"]+)/g) ?? []),
        ...(text.match(/X-Amz-Signature=[0-9a-f]+/g) ?? []),
        ...(f.includes('voter-extract') ? text.split('\n').slice(1, 6).map((l) => l.split(',')[1]).filter(Boolean) : []),
      ];
    });
    expect(secrets.length).toBeGreaterThan(5);
    expect(filesHolding(dir, secrets)).toEqual([]);
  });
});

describe('canvass scan --local on bad input', () => {
  const root = tmp();
  const w = (rel: string, data: string | Buffer) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), data);
  };
  w('shared/voters-2026.csv', VOTER_CSV);
  w('scripts/backup.sh', `#!/bin/sh\n${CREDS}`);
  // Invalid UTF-8 around a key: the bytes are replaced, the key is still found on its line.
  w('notes/latin1.txt', Buffer.concat([Buffer.from('caf\xe9 \xff\xfe\xfd\n', 'latin1'), Buffer.from(`line two\n${CREDS}`)]));
  // A 40 MB single line with a key in the middle of it, far past any chunk boundary.
  const giant = Buffer.alloc(40 * 1024 * 1024, 'x');
  giant.write(` ${KEY_ID} `, 21 * 1024 * 1024 + 3);
  w('logs/giant-one-line.log', giant);
  w('notes/utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`hello\n${CREDS}`, 'utf16le')]));
  // 200 MB of zeros in 200 KB: a zip bomb.
  w('downloads/bomb.zip', zipFiles([{ name: 'readme.txt', data: 'nothing here' }, { name: 'big.bin', data: Buffer.alloc(200 * 1024 * 1024) }]));
  // An xlsx cut off in the middle.
  const xlsx = zipFiles([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<workbook/>' },
    { name: 'xl/sharedStrings.xml', data: `<sst><si><t>${KEY_ID}</t></si></sst>` },
  ]);
  w('office/corrupt.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)));
  // A docx whose key Word split across two runs, and a zip holding the credentials file.
  w('office/handoff.docx', zipFiles([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: `<w:document><w:body><w:p><w:r><w:t>key: ${KEY_ID.slice(0, 9)}</w:t></w:r><w:r><w:t>${KEY_ID.slice(9)}</w:t></w:r></w:p></w:body></w:document>` },
  ]));
  w('archive/old-laptop.zip', zipFiles([{ name: 'home/.aws/credentials', data: CREDS }]));
  w('bin/tool.exe', Buffer.concat([Buffer.from('MZ\0\0'), Buffer.from(CREDS)]));
  // Permission denied for the unprivileged run below.
  w('locked/inner.txt', CREDS);
  w('locked-file.txt', CREDS);
  chmodSync(path.join(root, 'locked'), 0o000);
  chmodSync(path.join(root, 'locked-file.txt'), 0o000);
  const out = tmp();
  chmodSync(out, 0o777);
  const json = path.join(out, 'bad.json');
  // As nobody, so that the locked folder and file really are denied (the tests run as root).
  const r = run(['scan', '--local', root, '--db', path.join(out, 'bad.db'), '--json', json], { asNobody: true });
  const doc = existsSync(json) ? readDoc(json) : undefined;
  const fail = (check: string) => doc!.findings.filter((f) => f.checkId === check && f.status === 'fail').map((f) => f.resource.name).sort();
  const folder = (check: string) => doc!.findings.find((f) => f.checkId === check && f.resource.id === root)!;
  const unreadable = () => folder('local.voter-file').evidence.unreadable as Array<{ file: string; path: string; reason: string }>;

  it('goes on past every bad file and exits 0', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(doc).toBeDefined();
  });

  it('finds keys in invalid UTF-8, UTF-16, a giant single line, a docx split across runs and a zip, never in a binary', () => {
    expect(fail('local.credential.aws-access-key')).toEqual(
      ['archive/old-laptop.zip!home/.aws/credentials', 'logs/giant-one-line.log', 'notes/latin1.txt', 'notes/utf16.txt', 'office/handoff.docx!word/document.xml', 'scripts/backup.sh'].sort(),
    );
    const latin = doc!.findings.find((f) => f.resource.name === 'notes/latin1.txt')!;
    expect((latin.evidence.hits as Array<{ line: number }>)[0].line).toBe(4);
    expect(fail('local.voter-file')).toEqual(['shared/voters-2026.csv']);
  });

  it('reports the zip bomb, the corrupt xlsx and the denied folder and file by name, and says the rest is unknown', () => {
    const byFile = new Map(unreadable().map((u) => [u.file, u.reason]));
    expect(byFile.get('downloads/bomb.zip')).toMatch(/^looks like a zip bomb: downloads\/bomb\.zip!big\.bin would expand/);
    expect(byFile.get('office/corrupt.xlsx')).toMatch(/is damaged/);
    expect(byFile.get('locked')).toBe('permission denied');
    expect(byFile.get('locked-file.txt')).toBe('permission denied');
    expect(unreadable().find((u) => u.file === 'locked')!.path).toBe(path.join(root, 'locked'));
    for (const check of ['local.voter-file', 'local.credential.aws-access-key', 'local.credential.azure-storage']) {
      expect(folder(check).status, check).toBe('unknown');
      expect(folder(check).detail).toMatch(/could not be read completely/);
    }
    expect(r.stdout).toMatch(/Could not be read \(see the findings that could not be checked\): .*downloads\/bomb\.zip/);
  });

  it('keeps no secret and no voter value', () => {
    expect(filesHolding(out, [SECRET, 'Quorvel', 'Larkspur'])).toEqual([]);
  });
});

describe('canvass scan --local on names with control characters', () => {
  it('escapes them on the terminal, so a name cannot forge a line, and keeps them exact in the JSON', () => {
    const root = tmp();
    const forged = 'k\r\x1b[2KNo storage credential found on the scanned drives.\x1b[8m';
    const twoLines = 'notes\nNo voter file found.txt';
    writeFileSync(path.join(root, forged), CREDS);
    writeFileSync(path.join(root, twoLines), CREDS);
    const out = tmp();
    const json = path.join(out, 'x.json');
    const r = run(['scan', '--local', root, '--db', path.join(out, 'x.db'), '--json', json]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Storage credentials in: k\\r\\x1b[2KNo storage credential found on the scanned drives.\\x1b[8m, notes\\nNo voter file found.txt.\n');
    expect(r.stdout).not.toMatch(/[\r\x1b]/);
    expect(r.stdout.split('\n')).toHaveLength(4);
    expect(readDoc(json).findings.filter((f) => f.status === 'fail').map((f) => f.resource.name).sort()).toEqual([forged, twoLines].sort());
    const missing = path.join(root, 'gone\x1b[2K');
    expect(run(['scan', '--local', missing, '--db', path.join(out, 'x.db')]).stderr).toBe(`canvass: ${root}/gone\\x1b[2K: no such file or folder\n`);
  });
});

describe('canvass scan --local on several folders', () => {
  it('names each file after its folder as typed, since each may hold the same name', () => {
    const top = tmp();
    for (const f of ['a', 'b']) {
      mkdirSync(path.join(top, f));
      writeFileSync(path.join(top, f, 'creds.txt'), CREDS);
    }
    mkdirSync(path.join(top, 'b', 'locked'), { mode: 0o000 });
    writeFileSync(path.join(top, 'c.txt'), CREDS);
    const out = tmp();
    chmodSync(out, 0o777);
    const json = path.join(out, 'x.json');
    const r = run(['scan', '--local', 'a', '--local', 'b/', '--local', 'c.txt', '--db', path.join(out, 'x.db'), '--json', json], { asNobody: true, cwd: top });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Storage credentials in: a/creds.txt, b/creds.txt, c.txt.\n');
    expect(r.stdout).toContain('Could not be read (see the findings that could not be checked): b/locked.\n');
    // The JSON is as it was: names under each folder, and the full path as the id.
    const names = readDoc(json).findings.filter((f) => f.status === 'fail').map((f) => `${f.resource.name} ${f.resource.id}`).sort();
    expect(names).toEqual([`c.txt ${path.join(top, 'c.txt')}`, `creds.txt ${path.join(top, 'a/creds.txt')}`, `creds.txt ${path.join(top, 'b/creds.txt')}`]);
  });
});

describe('canvass scan --local refusals', () => {
  it('names a path that does not exist in one line, exits 1 and writes nothing', () => {
    const out = tmp();
    const r = run(['scan', '--local', DEMO_LOCAL, '--local', path.join(out, 'no-such-folder'), '--db', path.join(out, 'x.db'), '--json', path.join(out, 'x.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`canvass: ${path.join(out, 'no-such-folder')}: no such file or folder\n`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a device or a pipe as a root, saying to mount the drive, and writes nothing', () => {
    const out = tmp();
    const fifo = path.join(tmp(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    for (const root of ['/dev/null', fifo]) {
      const r = run(['scan', '--local', root, '--db', path.join(out, 'x.db'), '--json', path.join(out, 'x.json')]);
      expect(r.code, root).toBe(1);
      expect(r.stderr).toBe(`canvass: ${root}: not a folder or a file (a device, pipe or socket); to scan a drive, mount it and give its folder\n`);
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('names an unreadable root by its path, not "."', () => {
    const root = tmp();
    chmodSync(root, 0o000);
    const out = tmp();
    chmodSync(out, 0o777);
    const json = path.join(out, 'x.json');
    // As nobody, so that the folder really is denied (the tests run as root).
    const r = run(['scan', '--local', root, '--db', path.join(out, 'x.db'), '--json', json], { asNobody: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Could not be read (see the findings that could not be checked): ${root}.\n`);
    const voter = readDoc(json).findings.find((f) => f.checkId === 'local.voter-file')!;
    expect(voter.status).toBe('unknown');
    expect(voter.evidence.unreadable).toEqual([{ file: root, path: root, reason: 'permission denied' }]);
  });

  it('refuses a folder inside another one given too', () => {
    const out = tmp();
    const r = run(['scan', '--local', DEMO_LOCAL, '--local', path.dirname(DEMO_LOCAL), '--db', path.join(out, 'x.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is inside .*already scanned/);
  });

  it('combines a local folder with the demo account in one audit', () => {
    const out = tmp();
    const json = path.join(out, 'both.json');
    const r = run(['scan', '--demo', '--local', DEMO_LOCAL, '--db', path.join(out, 'x.db'), '--json', json]);
    expect(r.code).toBe(0);
    const doc = readDoc(json);
    expect(doc.audit.sources.map((s) => s.kind)).toEqual(['demo', 'local']);
    expect(doc.findings.some((f) => f.checkId === 's3.bucket.public-read')).toBe(true);
    expect(doc.findings.some((f) => f.checkId === 'local.voter-file' && f.status === 'fail')).toBe(true);
  });

  it('cancels on Ctrl-C: exit 1, the audit recorded as cancelled, no JSON written', async () => {
    const root = tmp();
    // Enough to read for a few seconds.
    for (let i = 0; i < 600; i++) {
      mkdirSync(path.join(root, `d${i % 20}`), { recursive: true });
      writeFileSync(path.join(root, `d${i % 20}`, `f${i}.txt`), Buffer.alloc(512 * 1024, 'a'));
    }
    const out = tmp();
    const child = spawn(process.execPath, [BIN, 'scan', '--local', root, '--db', path.join(out, 'c.db'), '--json', path.join(out, 'c.json')], {
      env: { ...process.env, CANVASS_DATA_DIR: tmp() },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // The database is opened just before the scan starts listening for Ctrl-C.
    while (!existsSync(path.join(out, 'c.db'))) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('close', r));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^canvass: scan cancelled; audit \S+ is recorded as cancelled\n$/);
    expect(existsSync(path.join(out, 'c.json'))).toBe(false);
  });
});
