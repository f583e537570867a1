import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { demoCopy, writeFile } from '../../../tests/helpers/bundle';
import { findResourcesDir } from '../paths';
import { runScan } from '../scan/scan';
import { listLog, verifyLog } from '../store/audit-log';
import { openDatabase, type Db } from '../store/db';
import { listFindings } from '../store/findings';
import { addAttachment, attachmentPath, attachmentsDir, MAX_ATTACHMENT_BYTES } from './attachments';
import { checklistsDir, loadChecklists } from './checklists';
import { getFindingWork } from './work';
import { verifyFix } from './verify-fix';

const resourcesDir = findResourcesDir(__dirname);
const catalogue = loadChecklists(checklistsDir(resourcesDir));
const BUCKET = 'harlow-county-voter-rolls-public';

let db: Db;
let auditId: string;
let seq: number;
let dataDir: string;
beforeEach(async () => {
  db = openDatabase(':memory:');
  ({ audit: { id: auditId } } = await runScan(db, { jurisdiction: 'Harlow County', auditor: 'Dana', sources: [{ kind: 'demo' }] }, { resourcesDir }));
  seq = listFindings(db, auditId).find((f) => f.checkId === 's3.bucket.public-read' && f.resource.name === BUCKET)!.seq;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'canvass-data-'));
});
const ctx = () => ({ catalogue, actor: 'Pat Lee', dataDir });

describe('attachments', () => {
  it('copies the file into the data folder under its SHA-256 and records name, size and hash', async () => {
    const src = path.join(dataDir, 'screenshot-bpa-on.png');
    const bytes = Buffer.from('not really a png, but bytes all the same');
    writeFileSync(src, bytes);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const a = await addAttachment(db, { auditId, seq, file: src }, ctx());
    expect(a).toMatchObject({ name: 'screenshot-bpa-on.png', size: bytes.length, sha256: sha });
    expect(readFileSync(attachmentPath(dataDir, sha))).toEqual(bytes);
    rmSync(src);
    expect(getFindingWork(db, auditId, seq, catalogue).attachments).toEqual([expect.objectContaining({ name: 'screenshot-bpa-on.png', sha256: sha, addedBy: 'Pat Lee' })]);
    expect(listLog(db, auditId).at(-1)).toMatchObject({ action: 'attachment.added', payload: { sha256: sha } });
  });

  it('refuses a file that is too large, missing, or a folder, with one message naming it, and leaves nothing behind', async () => {
    const big = path.join(dataDir, 'disk-image.bin');
    writeFileSync(big, '');
    truncateSync(big, MAX_ATTACHMENT_BYTES + 1);
    await expect(addAttachment(db, { auditId, seq, file: big }, ctx())).rejects.toThrow(/disk-image\.bin: too large to attach/);
    await expect(addAttachment(db, { auditId, seq, file: path.join(dataDir, 'nope.pdf') }, ctx())).rejects.toThrow(/nope\.pdf: cannot be attached \(it does not exist\)/);
    mkdirSync(path.join(dataDir, 'a-folder'));
    await expect(addAttachment(db, { auditId, seq, file: path.join(dataDir, 'a-folder') }, ctx())).rejects.toThrow(/a folder, not a file/);
    writeFileSync(path.join(dataDir, 'small.txt'), 'x');
    await expect(addAttachment(db, { auditId, seq: 99999, file: path.join(dataDir, 'small.txt') }, ctx())).rejects.toThrow(/no finding 99999/);
    expect(getFindingWork(db, auditId, seq, catalogue).attachments).toEqual([]);
    let left: string[] = [];
    try {
      left = readdirSync(attachmentsDir(dataDir));
    } catch {
      left = [];
    }
    expect(left).toEqual([]);
  });
});

describe('verify fix from newly collected evidence', () => {
  it('keeps a failing attempt, then closes the finding once the bucket is no longer public', async () => {
    const still = demoCopy();
    let r = await verifyFix(db, { auditId, seq, source: { kind: 'evidence', path: still } }, ctx());
    expect(r).toMatchObject({ status: 'fail', closed: false });
    expect(getFindingWork(db, auditId, seq, catalogue).status).not.toBe('fixed');

    const fixed = demoCopy();
    rmSync(path.join(fixed, 'buckets', BUCKET, 'get-public-access-block.error.json'));
    writeFile(fixed, `buckets/${BUCKET}/get-public-access-block.json`, {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    r = await verifyFix(db, { auditId, seq, source: { kind: 'evidence', path: fixed } }, ctx());
    expect(r).toMatchObject({ status: 'pass', closed: true });
    const w = getFindingWork(db, auditId, seq, catalogue);
    expect(w.status).toBe('fixed');
    expect(w.verifications.map((v) => v.status)).toEqual(['fail', 'pass']);
    expect(w.verifications[1].sourceRef).toBe(fixed);
    expect(listLog(db, auditId).filter((e) => e.action === 'finding.verified').map((e) => e.payload.closed)).toEqual([false, true]);
    expect(verifyLog(db).ok).toBe(true);
  });

  it('refuses evidence of another account or a bundle that cannot be read, recording nothing', async () => {
    const other = demoCopy();
    writeFile(other, 'manifest.json', { format: 'canvass-evidence/1', collectedAt: '2026-11-26T00:00:00Z', collector: 'x', accountId: '111122223333', partition: 'aws' });
    writeFile(other, 'account/caller-identity.json', { UserId: 'AIDAEXAMPLE', Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/x' });
    await expect(verifyFix(db, { auditId, seq, source: { kind: 'evidence', path: other } }, ctx())).rejects.toThrow(/account 111122223333, but this audit is of 210987654321/);
    await expect(verifyFix(db, { auditId, seq, source: { kind: 'evidence', path: path.join(dataDir, 'missing') } }, ctx())).rejects.toThrow(/missing/);
    expect(getFindingWork(db, auditId, seq, catalogue).verifications).toEqual([]);
  });
});
