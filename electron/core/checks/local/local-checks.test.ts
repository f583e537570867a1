import { describe, expect, it } from 'vitest';
import type { FileReport } from '../../local/file-report';
import type { LocalInventory } from '../../local/local-inventory';
import { localAwsAccessKey } from './credential-aws-access-key';
import { localPresignedUrl } from './credential-presigned-url';
import { evaluateLocal } from './evaluate-local';
import { localVoterFile } from './voter-file';

const ROOT = '/county/share';
const inventory = (files: FileReport[]): LocalInventory => ({
  root: ROOT,
  files,
  stats: { files: 10, bytes: 1000, binarySkipped: 1, archiveMembers: 0, directories: 2, symlinksSkipped: 0, specialSkipped: 0 },
});
const file = (name: string, extra: Partial<FileReport> = {}): FileReport => ({ id: `${ROOT}/${name}`, name, bytes: 100, hits: [], ...extra });
const key = { checkId: 'local.credential.aws-access-key' as const, kind: 'aws-access-key-id', line: 6, fingerprint: 'AKIA…MMQQ', account: '210987654321' };
const voter = { isVoterFile: true, columns: ['VOTER_ID', 'LAST_NAME'], layout: { state: 'OH', name: 'Voter file', score: 0.8 }, rowEstimate: 1200, format: 'csv' as const, reason: 'its header is the OH layout' };

describe('local.credential.aws-access-key', () => {
  it('fails each file holding a key, with kind, line, fingerprint and account; medium without its secret', () => {
    const [v] = localAwsAccessKey.evaluate(inventory([file('deploy.sh', { hits: [key] })]));
    expect(v.resource).toEqual({ type: 'file', id: `${ROOT}/deploy.sh`, name: 'deploy.sh' });
    expect(v.verdict).toMatchObject({ status: 'fail', severity: 'medium', evidence: { file: 'deploy.sh', hits: [{ kind: 'aws-access-key-id', line: 6, fingerprint: 'AKIA…MMQQ', account: '210987654321' }] } });
    expect(localAwsAccessKey.evaluate(inventory([file('d.sh', { hits: [{ ...key, withSecret: true }] })]))[0].verdict.severity).toBeUndefined();
  });
  it("counts the key id a presigned URL carries, which the presigned-url check reports too", () => {
    const url = { checkId: 'local.credential.presigned-url' as const, kind: 's3-presigned-url', line: 2, fingerprint: 'AKIA…TXPM', expires: '2026-01-01T00:00:00Z', expired: true };
    const inv = inventory([file('notes.txt', { hits: [url] })]);
    expect(localAwsAccessKey.evaluate(inv)[0].verdict.status).toBe('fail');
    expect(localPresignedUrl.evaluate(inv)[0].verdict).toMatchObject({ status: 'fail', severity: 'low' });
  });
  it('passes the folder when every file was read and none holds a key', () => {
    expect(localAwsAccessKey.evaluate(inventory([]))).toEqual([
      { resource: { type: 'file', id: ROOT, name: ROOT }, verdict: expect.objectContaining({ status: 'pass', evidence: expect.objectContaining({ filesRead: 10 }) }) },
    ]);
  });
  it('is unknown for the folder, never pass, when a path could not be read, naming it and why', () => {
    const out = localAwsAccessKey.evaluate(inventory([file('locked', { problem: 'permission denied' })]));
    expect(out).toHaveLength(1);
    expect(out[0].verdict.status).toBe('unknown');
    expect(out[0].verdict.detail).toContain('locked (permission denied)');
    expect(out[0].verdict.evidence).toMatchObject({ unreadable: [{ file: 'locked', path: `${ROOT}/locked`, reason: 'permission denied' }] });
  });
});

describe('local.voter-file', () => {
  it('fails a voter extract with its columns, layout and row estimate, passes a table that is not one', () => {
    const out = localVoterFile.evaluate(inventory([file('vr.csv', { voter }), file('staff.csv', { voter: { ...voter, isVoterFile: false, reason: 'a staff list' } })]));
    expect(out.map((o) => [o.resource.name, o.verdict.status])).toEqual([
      ['vr.csv', 'fail'],
      ['staff.csv', 'pass'],
    ]);
    expect(out[0].verdict.evidence).toMatchObject({ columns: ['VOTER_ID', 'LAST_NAME'], layout: voter.layout, rowEstimate: 1200, format: 'csv' });
  });
});

describe('evaluateLocal', () => {
  it('gives one finding per (check, resource) with the check metadata', () => {
    const findings = evaluateLocal(inventory([file('vr.csv', { voter, hits: [key] })]));
    const ids = findings.map((f) => `${f.checkId} ${f.resource.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findings.find((f) => f.checkId === 'local.voter-file')).toMatchObject({ status: 'fail', severity: 'high', title: localVoterFile.meta.title });
    expect(findings.filter((f) => f.resource.id === ROOT).map((f) => f.checkId).sort()).toEqual([
      'local.credential.azure-storage',
      'local.credential.gcp-service-account',
      'local.credential.presigned-url',
    ]);
  });
});
