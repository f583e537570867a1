import { describe, expect, it } from 'vitest';
import type { Finding } from '../checks/types';
import type { AuditRecord } from '../store/audits';
import type { SourceRecord } from '../store/sources';
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
  // The stand-in document's own brackets, a line separator and a NUL inside values.
  detail: `Bucket b-${i} "quoted"\nline\n  ]\n}{\n  "findings": [\u2028\u0000`,
  evidence: { statement: { Effect: 'Allow', Principal: '*' }, n: i },
  references: ['CIS AWS 2.1.4'],
});

const sources: SourceRecord[] = [{ kind: 'evidence', ref: '/media/usb' }];

/** The document as design.md section 5 describes it, written out here rather than taken from the module. */
const expectedText = (findings: Finding[]) =>
  `${JSON.stringify(
    {
      format: 'canvass-findings/1',
      tool: { name: 'canvass', version: '0.1.0' },
      audit: {
        id: audit.id,
        jurisdiction: audit.jurisdiction,
        auditor: audit.auditor,
        startedAt: audit.startedAt,
        finishedAt: audit.finishedAt,
        status: audit.status,
        checksVersion: audit.checksVersion,
        sources,
      },
      findings: findings.map((f) => ({
        checkId: f.checkId,
        status: f.status,
        severity: f.severity,
        resource: f.resource,
        title: f.title,
        detail: f.detail,
        evidence: f.evidence,
        references: f.references,
      })),
    },
    null,
    2,
  )}\n`;

describe('the canvass-findings/1 text', () => {
  it.each([0, 1, 999, 1000, 1001, 20_000])('with %i findings is the document JSON.stringify would give, in pieces of a thousand findings', (n) => {
    const findings = Array.from({ length: n }, (_, i) => finding(i));
    const pieces = [...findingsJsonText('0.1.0', audit, sources, findings)];
    const text = pieces.join('');
    expect(text).toBe(expectedText(findings));
    expect(JSON.parse(text)).toMatchObject({ format: FINDINGS_FORMAT });
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(2 << 20);
    if (n === 20_000) expect(pieces.length).toBeGreaterThan(2);
  });
});
