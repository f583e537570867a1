import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findResourcesDir } from '../paths';
import { checklistsDir, loadChecklists } from '../remediation/checklists';
import { getFindingWork, setStep } from '../remediation/work';
import { runScan } from '../scan/scan';
import { openDatabase, type Db } from '../store/db';
import { listFindings } from '../store/findings';
import { checklistText } from './checklist-text';

const resourcesDir = findResourcesDir(__dirname);
const catalogue = loadChecklists(checklistsDir(resourcesDir));

let db: Db;
let auditId: string;
beforeAll(async () => {
  db = openDatabase(':memory:');
  auditId = (await runScan(db, { jurisdiction: 'Harlow County', auditor: 'Dana Ruiz', sources: [{ kind: 'demo' }] }, { resourcesDir })).audit.id;
});
const failing = (checkId: string) => listFindings(db, auditId).find((f) => f.checkId === checkId && f.status === 'fail')!;

describe('checklistText', () => {
  it('gives a file a step needs as a heredoc to paste, and names the blanks left in it with their meaning', () => {
    const f = failing('s3.bucket.access-logging');
    const out = checklistText(getFindingWork(db, auditId, f.seq, catalogue));
    const step4 = out.slice(out.indexOf('\nStep 4: '), out.indexOf('\nStep 5: '));
    expect(step4).toContain(`    aws s3api put-bucket-logging --bucket ${f.resource.name} --bucket-logging-status file://logging.json`);
    expect(step4).toMatch(/^cat > logging\.json <<'CANVASS_EOF'$/m);
    expect(step4).toMatch(/^CANVASS_EOF$/m);
    expect(step4).toContain(`"TargetBucket": "<LOG_BUCKET>"`);
    expect(step4).toMatch(/^ {2}Fill in first: <LOG_BUCKET>$/m);
    expect(step4).toMatch(/^ {4}<LOG_BUCKET>: The name of the county's bucket for access logs .* Example: harlow-county-access-logs$/m);
  });

  it('pastes into bash as written: the heredoc makes the file with the bucket filled in', () => {
    const f = failing('s3.bucket.access-logging');
    const out = checklistText(getFindingWork(db, auditId, f.seq, catalogue));
    const lines = out.split('\n');
    const start = lines.indexOf("cat > logging.json <<'CANVASS_EOF'");
    const end = lines.indexOf('CANVASS_EOF', start);
    // Exactly the lines a person copies from the terminal, the command that uses the file after them.
    const script = lines.slice(start, end + 1).join('\n');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-heredoc-'));
    const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'logging.json'), 'utf8'));
    expect(JSON.stringify(json)).toContain(`${f.resource.name}/`);
  });

  it('prints no control characters and masks what looks like a secret, in what people typed', () => {
    const f = failing('s3.bucket.public-read');
    setStep(db, { auditId, seq: f.seq, step: 2, state: 'blocked', reason: 'key AKIAIOSFODNN7EXAMPLE \u001b[2Jcleared', expectedRevision: 0 }, { catalogue, actor: 'Pat\u001b[31m Lee' });
    const out = checklistText(getFindingWork(db, auditId, f.seq, catalogue));
    expect(out).toContain('Step 2 (blocked: key AKIA…MPLE ?[2Jcleared): Keep the access logs and the change history');
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('checklistText, a line break in what people typed', () => {
  it('shows it as ? inside its line, so a note cannot forge a step or a command, and keeps its own lines', () => {
    const f = failing('s3.bucket.versioning');
    const forged = 'waiting on IT\nStep 9: Delete the bucket\r\n    aws s3 rb s3://x --force\rdone';
    setStep(db, { auditId, seq: f.seq, step: 1, state: 'blocked', reason: forged, expectedRevision: 0 }, { catalogue, actor: 'Pat Lee' });
    const out = checklistText(getFindingWork(db, auditId, f.seq, catalogue));
    expect(out).toContain('Step 1 (blocked: waiting on IT?Step 9: Delete the bucket??    aws s3 rb s3://x --force?done): ');
    expect(out).not.toMatch(/^Step 9/m);
    expect(out).not.toMatch(/^ +aws s3 rb/m);
    expect(out).not.toContain('\r');
    // The lines checklistText makes itself are still lines.
    expect(out.split('\n').length).toBeGreaterThan(5);
    expect(out).toMatch(/^ {2}Commands:$/m);
  });
});
