import { describe, expect, it } from 'vitest';
import type { Finding } from '../checks/types';
import type { AuditRecord } from '../store/audits';
import { FINDINGS_FORMAT, findingsJsonText } from './findings-json';

const audit: AuditRecord = {
  id: '20261126-abcdef',
  jurisdiction: 'Harlow County',
  auditor: 'Pat',
  status: 'complete',
  startedAt: '2026-11-26T10:00:00.000Z',
  finishedAt: '2026-11-26T10:01:00.000Z',
  checksVersion: '2026.11.3',
  accountId: '210987654321',
  collectedAt: null,
};
const finding = (i: number): Finding => ({
  checkId: 's3.bucket.public-read',
  status: i % 2 ? 'fail' : 'pass',
  severity: 'high',
  resource: { type: 'bucket', id: `arn:aws:s3:::b-${i}`, name: `b-${i}` },
  title: 'Objects readable by anyone',
  detail: `Bucket b-${i} "quoted"\nline`,
  evidence: { statement: { Effect: 'Allow', Principal: '*' }, n: i },
  references: ['CIS AWS 2.1.4'],
});

describe('the canvass-findings/1 text', () => {
  it.each([0, 1, 999, 1000, 1001, 20_000])('with %i findings is the document JSON.stringify would give, in pieces of a thousand findings', (n) => {
    const findings = Array.from({ length: n }, (_, i) => finding(i));
    const pieces = [...findingsJsonText('0.1.0', audit, [{ kind: 'evidence', ref: '/media/usb' }], findings)];
    const text = pieces.join('');
    const doc = JSON.parse(text);
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(doc).toMatchObject({ format: FINDINGS_FORMAT, tool: { name: 'canvass', version: '0.1.0' }, audit: { id: audit.id, sources: [{ kind: 'evidence', ref: '/media/usb' }] } });
    expect(doc.findings).toEqual(findings);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(2 << 20);
    if (n === 20_000) expect(pieces.length).toBeGreaterThan(2);
  });
});
