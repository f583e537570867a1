import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoCopy, generatedBundle, writeFile } from '../../../tests/helpers/bundle';
import { InputError } from '../errors';
import { findResourcesDir } from '../paths';
import { listAudits } from '../store/audits';
import { openDatabase } from '../store/db';
import { listFindings } from '../store/findings';
import { listSources } from '../store/sources';
import { runScan } from './scan';

const resourcesDir = findResourcesDir();
const db = () => openDatabase(path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-scan-')), 'c.db'));
const req = { jurisdiction: 'Harlow County', auditor: 'Pat Clerk', sources: [{ kind: 'demo' as const }] };

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
});
