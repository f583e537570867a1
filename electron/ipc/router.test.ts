import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_EVIDENCE } from '../../tests/helpers/bundle';
import { findResourcesDir } from '../core/paths';
import { runScan } from '../core/scan/scan';
import { openDatabase } from '../core/store/db';
import { listFindings } from '../core/store/findings';
import { contract, METHOD_NAMES, type MethodName } from './contract';
import { createHandlers } from './handlers';
import type { Host } from './host';
import { createRouter } from './router';

function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-router-'));
  const db = openDatabase(path.join(dir, 'c.db'));
  const calls: string[] = [];
  const host: Host = {
    chooseEvidence: async (pick) => (calls.push(`chooseEvidence ${pick}`), pick === 'local' ? dir : DEMO_EVIDENCE),
    chooseReportPath: async () => (calls.push('chooseReportPath'), path.join(dir, 'r.html')),
    chooseCollectFolder: async () => (calls.push('chooseCollectFolder'), path.join(dir, 'evidence')),
    chooseAttachment: async () => (calls.push('chooseAttachment'), path.join(dir, 'note.txt')),
    htmlToPdf: async () => (calls.push('htmlToPdf'), Buffer.from('%PDF-')),
  };
  const handlers = createHandlers({ db, host, resourcesDir: findResourcesDir(), dataDir: dir, version: '0.0.0-test' });
  // Count handler runs: a refused call must not reach its handler.
  const ran: string[] = [];
  for (const m of METHOD_NAMES) {
    const h = handlers[m] as (...a: unknown[]) => unknown;
    (handlers as Record<string, unknown>)[m] = (...a: unknown[]) => (ran.push(m), h(...a));
  }
  const events: Array<[string, unknown]> = [];
  const router = createRouter(handlers);
  const ctx = { emit: (e: string, p: unknown) => events.push([e, p]) };
  return { db, router, ctx, calls, ran, events, dir };
}

/** A secret that must never come back in a message, whatever is wrong around it. */
const SECRET = 'CanvassFakeSecretKey/DoNotLeak+0123456789abcdefXYZ';
const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET };

/** Live connections that are malformed (each beside a secret where one fits). */
const LIVE_BAD: unknown[] = [
  'x',
  { profile: '' },
  { profile: 'p'.repeat(200) },
  { profile: 'a\nb' },
  { profile: 'county', credentials: KEYS },
  { region: 'Mars' },
  { region: 7 },
  { endpoint: 'not a url', credentials: KEYS },
  { endpoint: 'ftp://127.0.0.1:21' },
  { endpoint: `https://clerk:${SECRET}@s3.example.org` },
  { endpoint: `https://s3.example.org/${'x'.repeat(3000)}` },
  { pathStyle: true },
  { pathStyle: 'yes', endpoint: 'http://127.0.0.1:9000' },
  { credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } },
  { credentials: { secretAccessKey: SECRET } },
  { credentials: { ...KEYS, secretAccessKey: `${SECRET} with spaces` } },
  { credentials: { ...KEYS, secretAccessKey: SECRET.repeat(10) } },
  { credentials: { ...KEYS, secretAccessKey: 'short' } },
  { credentials: { ...KEYS, sessionToken: `${SECRET}\n` } },
  { credentials: { ...KEYS, sessionToken: '' } },
  { credentials: { ...KEYS, accessKeyId: SECRET.repeat(4) } },
  { credentials: { ...KEYS, extra: SECRET } },
  { credentials: { ...KEYS, secretAccessKey: 12345678 } },
  { credentials: SECRET },
  { secretAccessKey: SECRET },
];

/** Inputs every method must refuse before its handler runs. */
const BAD: Record<MethodName, unknown[]> = {
  'app.info': [{ extra: 1 }, 'x', 42],
  'checks.catalog': [{ x: true }, []],
  'audits.list': [{ limit: 'all' }],
  'audits.get': [{}, { auditId: '' }, { auditId: 5 }, { auditId: '../../etc/passwd' }, { auditId: 'a', more: 1 }],
  'sources.chooseEvidence': [{ path: '/etc' }, {}, { pick: 'anything' }],
  'sources.chooseLocalFolder': [{ path: '/etc' }, 'x', []],
  'sources.inspectEvidence': [{}, { path: '' }, { path: 7 }, { path: 'x'.repeat(5000) }],
  'scan.start': [
    {},
    { jurisdiction: '', auditor: 'a', sources: [{ kind: 'demo' }] },
    { jurisdiction: 'J', auditor: '   ', sources: [{ kind: 'demo' }] },
    { jurisdiction: 'J', auditor: 'a', sources: [] },
    { jurisdiction: 'J', auditor: 'a', sources: [{ kind: 'evidence' }] },
    { jurisdiction: 'J', auditor: 'a', sources: [{ kind: 'demo', path: '/x' }] },
    { jurisdiction: 'J'.repeat(500), auditor: 'a', sources: [{ kind: 'demo' }] },
    ...[{}, { path: '' }, { path: 7 }, { path: 'relative/folder' }, { path: `/${'x'.repeat(5000)}` }, { path: '/tmp/a\u0000b' }, { path: '/tmp', pick: 'folder' }].map(
      (local) => ({ jurisdiction: 'J', auditor: 'a', sources: [{ kind: 'local', ...local }] }),
    ),
    ...LIVE_BAD.map((live) => ({ jurisdiction: 'J', auditor: 'a', sources: [{ kind: 'live', ...(live as object) }] })),
  ],
  'scan.cancel': [{}, { scanId: 3 }],
  'live.profiles': [{ file: '/etc/passwd' }, 'default'],
  'live.testConnection': LIVE_BAD,
  'collect.start': [...LIVE_BAD, { out: '/tmp/evidence' }],
  'collect.cancel': [{}, { collectId: 3 }, { collectId: '' }],
  'report.save': [{ auditId: 'a' }, { auditId: 'a', format: 'docx' }, { format: 'pdf' }],
  'work.board': [{}, { auditId: '../x' }, { auditId: 'a', seq: 1 }],
  'work.get': [
    { auditId: 'a' },
    { auditId: 'a', seq: 0 },
    { auditId: 'a', seq: 1.5 },
    { auditId: 'a', seq: '1' },
    ...[
      'that-bucket',
      ['that-bucket'],
      { log_bucket: 'that-bucket' },
      { '1LOG': 'x' },
      { 'LOG-BUCKET': 'x' },
      { LOG_BUCKET: 5 },
      { LOG_BUCKET: null },
      { LOG_BUCKET: 'x'.repeat(1025) },
      { [`L${'X'.repeat(64)}`]: 'x' },
      Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`BLANK_${i}`, 'x'])),
    ].map((inputs) => ({ auditId: 'a', seq: 1, inputs })),
  ],
  'work.setStep': [
    { auditId: 'a', seq: 1, step: 1, state: 'done', actor: 'Pat' },
    { auditId: 'a', seq: 1, step: 1, state: 'finished', expectedRevision: 0, actor: 'Pat' },
    { auditId: 'a', seq: 1, step: 0, state: 'done', expectedRevision: 0, actor: 'Pat' },
    { auditId: 'a', seq: 1, step: 1, state: 'done', expectedRevision: -1, actor: 'Pat' },
    { auditId: 'a', seq: 1, step: 1, state: 'done', expectedRevision: 0, actor: '  ' },
    { auditId: 'a', seq: 1, step: 1, state: 'blocked', reason: 'r'.repeat(3000), expectedRevision: 0, actor: 'Pat' },
  ],
  'work.assign': [
    { auditId: 'a', seq: 1, assignee: 'Sam', dueDate: '12/31/2026', expectedRevision: 0, actor: 'Pat' },
    { auditId: 'a', seq: 1, assignee: 'Sam', expectedRevision: 0, actor: 'Pat' },
    { auditId: 'a', seq: 1, assignee: 'Sam', dueDate: null, actor: 'Pat' },
  ],
  'work.addNote': [{ auditId: 'a', seq: 1, text: '   ', actor: 'Pat' }, { auditId: 'a', seq: 1, text: 'x' }],
  'work.attach': [{ auditId: 'a', seq: 1 }, { auditId: 'a', seq: 1, actor: 'Pat', path: '/etc/passwd' }],
  'work.signOff': [{ auditId: 'a', seq: 1, name: 'Pat', actor: 'Pat' }, { auditId: 'a', seq: 1, name: '', role: 'Clerk', actor: 'Pat' }],
  'work.reopen': [{ auditId: 'a', seq: 1, reason: '', actor: 'Pat' }],
  'work.verifyFix': [
    { auditId: 'a', seq: 1, actor: 'Pat' },
    { auditId: 'a', seq: 1, actor: 'Pat', source: { kind: 'demo' } },
    { auditId: 'a', seq: 1, actor: 'Pat', source: { kind: 'evidence' } },
    ...LIVE_BAD.map((live) => ({ auditId: 'a', seq: 1, actor: 'Pat', source: { kind: 'live', ...(live as object) } })),
  ],
  'log.list': [{ auditId: '' }, { auditId: 'a', all: true }],
  'log.verify': [{ auditId: 'a' }],
};

describe('the router', () => {
  it('has bad inputs listed for every method of the contract', () => {
    expect(Object.keys(BAD).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it.each(METHOD_NAMES)('%s: refuses malformed input with invalid_input, before its handler runs', async (m) => {
    const { router, ctx, ran, calls } = setup();
    for (const input of BAD[m]) {
      const r = await router.handle(m, input, ctx);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message.startsWith(`${m}:`)).toBe(true);
      }
    }
    expect(ran).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('never echoes a refused secret: the message names the field and the rule, not the value', async () => {
    const { router, ctx } = setup();
    for (const m of ['live.testConnection', 'collect.start', 'scan.start'] as const) {
      for (const input of BAD[m]) {
        const r = await router.handle(m, input, ctx);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.message, `${m} ${r.error.message}`).not.toContain('DoNotLeak');
      }
    }
    const wrongKey = await router.handle('live.testConnection', { credentials: { ...KEYS, secretAccessKey: `${SECRET} ` } }, ctx);
    expect(wrongKey).toEqual({ ok: false, error: { code: 'invalid_input', message: 'live.testConnection: credentials.secretAccessKey: must be a secret access key' } });
  });

  it('refuses unknown and prototype method names', async () => {
    const { router, ctx } = setup();
    for (const m of ['fs.read', '__proto__', 'constructor', 'toString', 42, null]) {
      const r = await router.handle(m, {}, ctx);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('answers valid calls with values that match the output schema', async () => {
    const { router, ctx } = setup();
    const info = await router.handle('app.info', {}, ctx);
    expect(info.ok && contract['app.info'].output.parse(info.value).version).toBe('0.0.0-test');
    const cat = await router.handle('checks.catalog', {}, ctx);
    expect(cat.ok && (cat.value as unknown[]).length).toBeGreaterThan(5);
  });

  it('turns bad evidence into one clear bad_input error, and starts nothing', async () => {
    const { router, ctx, db } = setup();
    const r = await router.handle('scan.start', { jurisdiction: 'J', auditor: 'a', sources: [{ kind: 'evidence', path: '/no/such/folder' }] }, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'bad_input', message: '/no/such/folder: no such file or folder' } });
    expect(db.prepare('SELECT count(*) AS n FROM audits').get()).toEqual({ n: 0 });
  });

  it('refuses a local folder that does not exist, or one inside another, with one clear bad_input error, and starts nothing', async () => {
    const { router, ctx, db, events, dir } = setup();
    const missing = path.join(dir, 'no-such-folder');
    const r = await router.handle('scan.start', { jurisdiction: 'J', auditor: 'a', sources: [{ kind: 'demo' }, { kind: 'local', path: missing }] }, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'bad_input', message: `${missing}: no such file or folder` } });
    const nested = await router.handle('scan.start', { jurisdiction: 'J', auditor: 'a', sources: [{ kind: 'local', path: dir }, { kind: 'local', path: path.join(dir, '.') + '/' }] }, ctx);
    expect(nested).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('already scanned') } });
    expect(db.prepare('SELECT count(*) AS n FROM audits').get()).toEqual({ n: 0 });
    expect(events).toEqual([]);
  });

  it('asks the host for a local folder and checks that it can be opened', async () => {
    const { router, ctx, calls, dir } = setup();
    expect(await router.handle('sources.chooseLocalFolder', {}, ctx)).toEqual({ ok: true, value: { path: dir } });
    expect(calls).toEqual(['chooseEvidence local']);
  });

  it('runs a scan with progress and finished events, then serves the audit', async () => {
    const { router, ctx, events } = setup();
    const r = await router.handle('scan.start', { jurisdiction: 'Harlow County', auditor: 'Pat', sources: [{ kind: 'demo' }] }, ctx);
    expect(r.ok).toBe(true);
    await expect.poll(() => events.some(([e]) => e === 'scan.finished'), { timeout: 10_000 }).toBe(true);
    const finished = events.find(([e]) => e === 'scan.finished')![1] as { status: string; auditId: string };
    expect(finished.status).toBe('complete');
    expect(events.some(([e]) => e === 'scan.progress')).toBe(true);
    const got = await router.handle('audits.get', { auditId: finished.auditId }, ctx);
    expect(got.ok && (got.value as { summary: { publicVoterData: string[] } }).summary.publicVoterData).toEqual(['harlow-county-voter-rolls-public']);
    const missing = await router.handle('audits.get', { auditId: 'nope' }, ctx);
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: 'no audit nope in this database' } });
  });

  it('fills the checklist blanks given to work.get, and answers a value no command can carry with bad_input', async () => {
    const { router, ctx, db } = setup();
    const { audit } = await runScan(db, { jurisdiction: 'Harlow County', auditor: 'Pat', sources: [{ kind: 'demo' }] }, { resourcesDir: findResourcesDir() });
    const f = listFindings(db, audit.id).find((x) => x.checkId === 's3.bucket.public-read' && x.status === 'fail')!;
    const get = (inputs?: Record<string, string>) => router.handle('work.get', { auditId: audit.id, seq: f.seq, ...(inputs && { inputs }) }, ctx);
    const step2 = async (inputs?: Record<string, string>) => {
      const r = await get(inputs);
      return r.ok ? contract['work.get'].output.parse(r.value).checklist!.steps[1].cli![1] : r.error.message;
    };
    expect(await step2()).toBe('aws s3 cp s3://<LOG_BUCKET>/<LOG_PREFIX> access-logs/ --recursive');
    expect(await step2({ LOG_BUCKET: 'that-bucket', LOG_PREFIX: 'a b/' })).toBe("aws s3 cp s3://that-bucket/'a b/' access-logs/ --recursive");
    expect(await step2({ LOG_BUCKET: 'x'.repeat(1024) })).toContain(`s3://${'x'.repeat(1024)}/`);
    expect(await get({ LOG_BUCKET: 'a\0b' })).toEqual({ ok: false, error: { code: 'bad_input', message: 'the value for <LOG_BUCKET> holds a NUL character, which no command argument can carry' } });
  });

  it('hides internal errors behind a generic message', async () => {
    const handlers = createHandlers({ db: openDatabase(':memory:'), host: {} as Host, resourcesDir: '/', dataDir: '/', version: 'x' });
    const logs: string[] = [];
    const router = createRouter({ ...handlers, 'audits.list': () => { throw new Error('secret path /home/clerk/.aws/credentials'); } }, (m) => logs.push(m));
    const r = await router.handle('audits.list', {}, { emit: () => {} });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Canvass hit an internal error; the details are in its log.' } });
    expect(logs.join('')).toContain('audits.list failed');
  });
});
