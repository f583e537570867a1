import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findResourcesDir } from '../paths';
import { runScan } from '../scan/scan';
import { openDatabase, type Db } from '../store/db';
import { listFindings } from '../store/findings';
import { checklistsDir, loadChecklists } from './checklists';
import { getFindingWork } from './work';
import { verifyFix } from './verify-fix';

const resourcesDir = findResourcesDir(__dirname);
const catalogue = loadChecklists(checklistsDir(resourcesDir));
const ctx = { catalogue, actor: 'Sam Ortiz' };

describe('verify fix of a finding on a local file', () => {
  let db: Db;
  let auditId: string;
  let folder: string;
  const failing = (checkId: string, file: string) =>
    listFindings(db, auditId).find((f) => f.checkId === checkId && f.status === 'fail' && f.resource.id === path.join(folder, file))!;

  beforeAll(async () => {
    folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'canvass-verify-local-')), 'share');
    cpSync(path.join(resourcesDir, 'demo', 'local'), folder, { recursive: true });
    db = openDatabase(':memory:');
    ({ audit: { id: auditId } } = await runScan(db, { jurisdiction: 'Harlow County', auditor: 'D', sources: [{ kind: 'local', path: folder }] }, { resourcesDir, localWorkers: 0 }));
  });

  it('keeps the finding open while the file still holds the key, and closes it once the key is gone', async () => {
    const f = failing('local.credential.aws-access-key', 'old-laptop-aws-credentials.txt');
    expect(f).toBeDefined();
    let r = await verifyFix(db, { auditId, seq: f.seq, source: { kind: 'local' } }, ctx);
    expect(r).toMatchObject({ status: 'fail', closed: false });
    writeFileSync(path.join(folder, 'old-laptop-aws-credentials.txt'), 'Keys removed on 2026-11-26 and deactivated in IAM; see ticket 4411.\n');
    r = await verifyFix(db, { auditId, seq: f.seq, source: { kind: 'local' } }, ctx);
    expect(r).toMatchObject({ status: 'pass', closed: true });
    expect(getFindingWork(db, auditId, f.seq, catalogue).verifications.map((v) => [v.sourceKind, v.status])).toEqual([
      ['local', 'fail'],
      ['local', 'pass'],
    ]);
  });

  it('counts a voter file moved off the share as fixed', async () => {
    const f = failing('local.voter-file', 'harlow-voter-extract-2026-10-sample.csv');
    rmSync(path.join(folder, 'harlow-voter-extract-2026-10-sample.csv'));
    expect(await verifyFix(db, { auditId, seq: f.seq, source: { kind: 'local' } }, ctx)).toMatchObject({ status: 'pass', closed: true });
  });

  it('refuses to judge when the folder itself cannot be reached, recording nothing', async () => {
    const f = failing('local.credential.azure-storage', 'appsettings.Production.json');
    rmSync(folder, { recursive: true });
    await expect(verifyFix(db, { auditId, seq: f.seq, source: { kind: 'local' } }, ctx)).rejects.toThrow(/cannot be reached \(is the drive or share connected\?\)/);
    expect(getFindingWork(db, auditId, f.seq, catalogue).verifications).toEqual([]);
  });

  it('refuses a cloud source for a file finding', async () => {
    const f = failing('local.credential.gcp-service-account', 'harlow-gis-2026-5c1e2f9a8b3d.json');
    await expect(verifyFix(db, { auditId, seq: f.seq, source: { kind: 'evidence', path: '/nowhere' } }, ctx)).rejects.toThrow(/verified on that file/);
  });
});
