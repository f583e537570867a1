import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCopy, generatedBundle, writeFile } from '../../../tests/helpers/bundle';
import { holdWriteLock } from '../../../tests/helpers/sqlite-lock';
import { InputError } from '../errors';
import { findResourcesDir } from '../paths';
import { listAudits } from '../store/audits';
import { openDatabase, type Db } from '../store/db';
import { listFindings } from '../store/findings';
import { listSources } from '../store/sources';
import { AuditNotSavedError, runScan } from './scan';

const resourcesDir = findResourcesDir();
const db = () => openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-scan-')), 'c.db'));
const req = { jurisdiction: 'Harlow County', auditor: 'Pat Clerk', sources: [{ kind: 'demo' as const }] };

/** Every row of every table, to tell a database left exactly as it was. */
const contents = (d: Db) =>
  (d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map(({ name }) => [name, d.prepare(`SELECT * FROM "${name}"`).all()]);

describe('a scan', () => {
  it('stores the audit, its sources, resources and one finding per (check, resource)', async () => {
    const d = db();
    const { audit, findings } = await runScan(d, req, { resourcesDir });
    expect(audit.status).toBe('complete');
    expect(audit.accountId).toBe('210987654321');
    const stored = listFindings(d, audit.id);
    expect(stored).toHaveLength(findings.length);
    expect(new Set(stored.map((f) => `${f.checkId} ${f.resource.id}`)).size).toBe(stored.length);
    expect(listSources(d, audit.id)).toEqual([{ kind: 'demo', ref: 'Harlow County demo evidence (embedded)' }]);
  });

  it('reports progress from reading through saving', async () => {
    const phases = new Set<string>();
    let lastRead = 0;
    await runScan(db(), req, {
      resourcesDir,
      onProgress: (p) => {
        phases.add(p.phase);
        if (p.phase === 'reading') {
          expect(p.done).toBeGreaterThanOrEqual(lastRead);
          lastRead = p.done;
        }
      },
    });
    expect([...phases]).toEqual(['reading', 'checking', 'saving']);
    expect(lastRead).toBe(15);
  });

  it('cancelled half way: the audit is recorded as cancelled, with no findings, and earlier audits are intact', async () => {
    const d = db();
    const first = await runScan(d, req, { resourcesDir });
    const before = listFindings(d, first.audit.id).length;
    const big = generatedBundle(400);
    const ac = new AbortController();
    const { audit } = await runScan(
      d,
      { ...req, sources: [{ kind: 'evidence', path: big }] },
      { resourcesDir, signal: ac.signal, onProgress: (p) => p.phase === 'reading' && p.done >= 100 && ac.abort() },
    );
    expect(audit.status).toBe('cancelled');
    expect(listFindings(d, audit.id)).toEqual([]);
    expect(listAudits(d).map((a) => [a.id, a.status]).sort()).toEqual([[first.audit.id, 'complete'], [audit.id, 'cancelled']].sort());
    expect(listFindings(d, first.audit.id)).toHaveLength(before);
  });

  it('scans an AWS Config snapshot given as evidence, and records it as an aws-config source', async () => {
    const d = db();
    const snapshot = path.resolve(__dirname, '../../../tests/fixtures/aws-config/snapshot.json');
    const { audit, findings } = await runScan(d, { ...req, sources: [{ kind: 'evidence', path: snapshot }] }, { resourcesDir });
    expect(audit).toMatchObject({ status: 'complete', accountId: '111122223333' });
    expect(listSources(d, audit.id)).toEqual([{ kind: 'aws-config', ref: snapshot }]);
    expect(findings.find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === 'lakeview-voter-rolls-public')?.status).toBe('fail');
  });

  it('refuses two sources of the same account, writing nothing', async () => {
    const d = db();
    const twice = { ...req, sources: [{ kind: 'demo' as const }, { kind: 'evidence' as const, path: demoCopy() }] };
    await expect(runScan(d, twice, { resourcesDir })).rejects.toThrow(/same AWS account 210987654321/);
    expect(listAudits(d)).toEqual([]);
  });

  it('bad evidence: one clear error, nothing written', async () => {
    const d = db();
    await runScan(d, req, { resourcesDir });
    const broken = demoCopy();
    writeFile(broken, 'buckets/harlow-county-scratch/get-bucket-acl.json', '[1,');
    await expect(runScan(d, { ...req, sources: [{ kind: 'evidence', path: broken }] }, { resourcesDir })).rejects.toThrow(InputError);
    expect(listAudits(d)).toHaveLength(1);
  });

  it('a database another program locks after it was opened, through the save: one clear error naming it, the result kept, nothing written', async () => {
    const d = db();
    await runScan(d, req, { resourcesDir });
    const before = contents(d);
    const holder = await holdWriteLock(d.name);
    let error: unknown;
    try {
      error = await runScan(d, req, { resourcesDir }).catch((e: unknown) => e);
    } finally {
      holder.release();
    }
    expect(error).toBeInstanceOf(AuditNotSavedError);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `${d.name}: the database is locked by another program (another Canvass scan or window?), so this scan's results were not saved and the database was left as it was; close that program or wait until it ends, then run the scan again`,
    );
    const { result } = error as AuditNotSavedError;
    expect(result.audit.status).toBe('complete');
    expect(result.findings.length).toBeGreaterThan(100);
    expect(result.sources).toEqual([{ kind: 'demo', ref: 'Harlow County demo evidence (embedded)' }]);
    expect(contents(d)).toEqual(before);
    // Once the other program is done, the next scan saves.
    await runScan(d, req, { resourcesDir });
    expect(listAudits(d)).toHaveLength(2);
  });

  it('a cancelled scan that cannot be recorded, the database locked by another program: says so, nothing written', async () => {
    const d = db();
    const before = contents(d);
    const holder = await holdWriteLock(d.name);
    const ac = new AbortController();
    ac.abort();
    try {
      await expect(runScan(d, req, { resourcesDir, signal: ac.signal })).rejects.toThrow(
        new InputError(`${d.name}: the database is locked by another program (another Canvass scan or window?), so the cancelled scan was not recorded`),
      );
    } finally {
      holder.release();
    }
    expect(contents(d)).toEqual(before);
  });
});
