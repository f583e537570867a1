import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../tests/helpers/chromium';
import type { CheckMeta, Finding } from '../checks/types';
import { summarize } from '../scan/summary';
import type { StoredFinding } from '../store/findings';
import { renderReportHtml, type ReportInput } from './html';
import { escapeHtml, redactSecrets } from './markup';
import { ChromiumNotFoundError, findChromium, htmlToPdfWithChromium, pdfFromHtml, PDF_OPTIONS } from './pdf';

const VOTER_BUCKET = 'harlow-county-voter-rolls-public';
const XSS = '<script>alert(1)</script>';

const CATALOG: CheckMeta[] = [
  {
    id: 's3.bucket.public-read',
    title: 'Objects readable by anyone on the internet',
    severity: 'critical',
    category: 'exposure',
    resourceType: 'bucket',
    whatItMeans: 'Anyone who knows or guesses a file name in this bucket can download it, without signing in.',
    whyItMatters: 'Voter rolls left readable this way have been copied by strangers in past breaches.',
    references: ['CIS AWS Foundations 2.1.4', 'NIST SP 800-53 AC-3'],
  },
  {
    id: 's3.bucket.public-write',
    title: 'Objects writable by anyone on the internet',
    severity: 'critical',
    category: 'exposure',
    resourceType: 'bucket',
    whatItMeans: 'Anyone can upload, overwrite or delete files in this bucket.',
    whyItMatters: 'Election records could be altered or destroyed without a trace.',
    references: ['NIST SP 800-53 AC-3'],
  },
  {
    id: 's3.bucket.voter-data',
    title: 'Voter registration data in the bucket',
    severity: 'high',
    category: 'data',
    resourceType: 'bucket',
    whatItMeans: 'Files in this bucket look like voter registration records (names, addresses, birth dates, voter ids).',
    whyItMatters: 'Voter records carry personal data protected by state law.',
    references: ['NIST SP 800-53 RA-2'],
  },
  {
    id: 's3.bucket.secure-transport',
    title: 'Unencrypted (HTTP) requests allowed',
    severity: 'medium',
    category: 'protection',
    resourceType: 'bucket',
    whatItMeans: 'The bucket accepts requests sent without TLS.',
    whyItMatters: 'Data sent without encryption can be read on the way.',
    references: ['CIS AWS Foundations 2.1.1'],
  },
  {
    id: 's3.bucket.access-logging',
    title: 'Server access logging',
    severity: 'low',
    category: 'hygiene',
    resourceType: 'bucket',
    whatItMeans: 'Requests to this bucket are not logged.',
    whyItMatters: 'Without logs nobody can tell who downloaded what after an exposure.',
    references: ['CIS AWS Foundations 3.6'],
  },
];

const bucket = (name: string) => ({ type: 'bucket' as const, id: name, name });
const meta = (id: string) => CATALOG.find((c) => c.id === id) as CheckMeta;
function finding(checkId: string, status: Finding['status'], name: string, detail: string, evidence: Record<string, unknown> = {}, severity?: Finding['severity']): Finding {
  const m = meta(checkId);
  return { checkId, status, severity: severity ?? m.severity, resource: bucket(name), title: m.title, detail, evidence, references: m.references };
}

function sampleFindings(extra: Finding[] = []): StoredFinding[] {
  const fs: Finding[] = [
    finding('s3.bucket.public-read', 'fail', VOTER_BUCKET, `Anyone on the internet can read its objects in bucket ${VOTER_BUCKET}: the bucket policy statement "PublicRead" allows Principal "*".`, {
      grants: [
        {
          via: 'bucket policy',
          what: 'statement "PublicRead" allows anyone (Principal "*"), allowing s3:GetObject',
          grant: { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${VOTER_BUCKET}/*` },
        },
      ],
    }),
    ...extra,
    finding(
      's3.bucket.public-read',
      'unknown',
      'harlow-elections-archive',
      'Cannot tell whether anyone on the internet can read its objects in bucket harlow-elections-archive: GetBucketPolicy failed with AccessDenied.',
      { unreadable: [{ call: 'GetBucketPolicy', code: 'AccessDenied', message: 'User is not authorized to perform: s3:GetBucketPolicy' }] },
    ),
    finding('s3.bucket.voter-data', 'fail', VOTER_BUCKET, `Bucket ${VOTER_BUCKET} holds what looks like a voter registration extract (exports/2026-voter-roll.csv).`, {
      objects: [{ key: 'exports/2026-voter-roll.csv', columnsByKind: { name: ['FIRST_NAME', 'LAST_NAME'], dob: ['BIRTH_DATE'], address: ['RES_ADDR'] } }],
    }),
    finding('s3.bucket.secure-transport', 'fail', 'harlow-gis-tiles', 'The policy of bucket harlow-gis-tiles does not deny requests sent without TLS.', { policy: 'none' }),
    finding('s3.bucket.access-logging', 'fail', 'harlow-gis-tiles', 'Server access logging is off for bucket harlow-gis-tiles.', { logging: null }),
    finding('s3.bucket.public-read', 'pass', 'harlow-gis-tiles', 'No one outside the account can read its objects in bucket harlow-gis-tiles.'),
    finding('s3.bucket.public-write', 'pass', 'harlow-gis-tiles', 'No one outside the account can write in bucket harlow-gis-tiles.'),
    finding('s3.bucket.public-write', 'pass', VOTER_BUCKET, `No one outside the account can write in bucket ${VOTER_BUCKET}.`),
    finding('s3.bucket.voter-data', 'pass', 'harlow-gis-tiles', 'No voter data found among the 12 sampled objects of bucket harlow-gis-tiles.'),
    finding('s3.bucket.access-logging', 'pass', VOTER_BUCKET, `Server access logging is on for bucket ${VOTER_BUCKET}.`),
    finding('s3.bucket.secure-transport', 'not_applicable', 'harlow-elections-archive', 'Not applicable.'),
  ];
  return fs.map((f, i) => ({ ...f, seq: i + 1 }));
}

function sampleInput(findings: StoredFinding[] = sampleFindings(), over: Partial<ReportInput['audit']> = {}): ReportInput {
  const summary = summarize(findings);
  return {
    audit: {
      id: 'a1b2c3d4e5f60718',
      jurisdiction: 'Harlow County',
      auditor: 'Dana Whitfield, IT Security',
      status: 'complete',
      startedAt: '2026-11-20T14:03:11.000Z',
      finishedAt: '2026-11-20T14:04:52.000Z',
      checksVersion: '2026.11.1',
      accountId: '111122223333',
      collectedAt: '2026-11-19T22:15:00.000Z',
      sources: [{ kind: 'evidence', ref: '/home/dana/harlow-evidence-2026-11-19' }],
      counts: summary.counts,
      ...over,
    },
    summary,
    findings,
    catalog: CATALOG,
    work: new Map(),
    generatedAt: '2026-11-20T15:00:00.000Z',
    version: '0.1.0',
  };
}

/** A top-level section of the report, up to the next one (sections nest, so no regex on </section>). */
const section = (html: string, cls: string) => {
  const start = html.indexOf(`<section class="${cls}"`);
  if (start < 0) throw new Error(`no section ${cls}`);
  const next = html.slice(start + 1).search(/<section class="(summary|findings|passed|signoff)"|<\/main>/);
  return html.slice(start, next < 0 ? undefined : start + 1 + next);
};

describe('renderReportHtml', () => {
  const html = renderReportHtml(sampleInput());
  if (process.env.CANVASS_REPORT_PREVIEW_DIR) writeFileSync(path.join(process.env.CANVASS_REPORT_PREVIEW_DIR, 'report.html'), html);

  it('is one document with the cover details and the confidentiality marking', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('Canvass remediation report');
    expect(html).toContain('Harlow County');
    expect(html).toContain('Dana Whitfield, IT Security');
    expect(html).toContain('a1b2c3d4e5f60718');
    expect(html).toContain('111122223333');
    expect(html).toContain('2026-11-20 14:03 UTC');
    expect(html).toContain('2026-11-19 22:15 UTC');
    expect(html).toContain('2026.11.1');
    expect(html).toContain('Evidence bundle');
    expect(html).toContain('Contains security-sensitive information about county systems — handle per county policy');
    expect(html).toMatch(/<h1[^>]*>Canvass remediation report<\/h1>/);
    expect(html).toMatch(/@page \{ size: Letter; margin: 0\.75in; \}/);
    expect(html).toContain('print-color-adjust: exact');
    expect(html).toMatch(/<thead>/);
  });

  it('leads the summary with what anyone can reach, naming the public voter-data bucket', () => {
    const summary = section(html, 'summary');
    expect(summary).toContain(`1 bucket can be read by anyone on the internet:</strong> <strong class="name">${VOTER_BUCKET}</strong>`);
    expect(summary).toContain('It holds voter data.');
    expect(summary).toContain('1 bucket could not be checked');
    expect(summary).toContain('harlow-elections-archive</strong>: GetBucketPolicy was refused (AccessDenied)');
    // Public access comes before the tallies.
    expect(summary.indexOf(VOTER_BUCKET)).toBeLessThan(summary.indexOf('Results by status'));
  });

  it('names several public buckets and the voter data among them', () => {
    const fs = sampleFindings([
      finding('s3.bucket.public-read', 'fail', 'harlow-press-kit', 'Anyone on the internet can read its objects in bucket harlow-press-kit.'),
    ]);
    const summary = section(renderReportHtml(sampleInput(fs)), 'summary');
    expect(summary).toContain('2 buckets can be read by anyone on the internet:');
    expect(summary).toContain(`Voter data is among them:</strong> <strong class="name">${VOTER_BUCKET}</strong>`);
  });

  it('says plainly when nothing is public', () => {
    const fs = sampleFindings().filter((f) => f.checkId !== 's3.bucket.public-read' || f.status === 'pass');
    const summary = section(renderReportHtml(sampleInput(fs)), 'summary');
    expect(summary).toContain('No bucket can be read, listed or changed by anyone on the internet.');
    expect(summary).toContain('No public access found');
    expect(summary).toContain(`Voter data is in 1 bucket: <strong class="name">${VOTER_BUCKET}</strong>.`);
    // With a bucket that could not be checked, the summary does not claim nothing is public.
    const withUnknown = section(renderReportHtml(sampleInput(sampleFindings().filter((f) => f.checkId !== 's3.bucket.public-read' || f.status !== 'fail'))), 'summary');
    expect(withUnknown).toContain('No bucket Canvass could check is open to the internet.');
    expect(withUnknown).toContain('1 bucket could not be checked');
  });

  it('groups failing and unknown findings critical first, with catalog text, evidence and references; passes in a table', () => {
    const findings = section(html, 'findings');
    const crit = findings.indexOf('id="sev-critical"');
    const high = findings.indexOf('id="sev-high"');
    const low = findings.indexOf('id="sev-low"');
    expect(crit).toBeGreaterThan(-1);
    expect(crit).toBeLessThan(high);
    expect(high).toBeLessThan(low);
    expect(findings).toContain('Could not check');
    expect(findings).toContain('Anyone who knows or guesses a file name in this bucket can download it');
    expect(findings).toContain('Voter rolls left readable this way');
    expect(findings).toContain('&quot;Principal&quot;: &quot;*&quot;');
    expect(findings).toContain('GetBucketPolicy');
    expect(findings).toContain('AccessDenied');
    expect(findings).toContain('CIS AWS Foundations 2.1.4');
    expect(findings).toContain('exports/2026-voter-roll.csv');
    expect(html).toMatch(/<table class="passed-table">\s*<thead>/);
    expect(html).toContain('Objects writable by anyone on the internet');
    expect(html).toContain('1 check did not apply');
  });

  it('ends with a sign-off block', () => {
    const signoff = section(html, 'signoff');
    for (const label of ['Reviewed by', 'Title', 'Signature', 'Date']) expect(signoff).toContain(`<p class="sig-label">${label}</p>`);
    expect(html.lastIndexOf('Signature')).toBeGreaterThan(html.indexOf('What was verified'));
  });

  it('escapes every string from the findings and the audit', () => {
    const evil = sampleFindings([
      finding('s3.bucket.public-read', 'fail', `evil${XSS}bucket`, `Detail ${XSS} <img src=x onerror=alert(2)>`, {
        grants: [{ via: 'bucket ACL', what: `grants READ ${XSS}`, grant: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers', note: `</pre>${XSS}` } }],
        [`key${XSS}`]: `value${XSS}`,
      }),
    ]);
    const out = renderReportHtml(sampleInput(evil, { jurisdiction: `Harlow "County" & ${XSS}`, auditor: `<b onmouseover=x>` }));
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toContain('<b onmouseover');
    expect(out).toContain(escapeHtml(XSS));
    expect(out).toContain('Harlow &quot;County&quot; &amp; &lt;script&gt;');
    expect(out).toContain(`evil${escapeHtml(XSS)}bucket`);
    // A finding with a severity or resource type the report does not know still shows, under Informational.
    const odd = { ...finding('s3.bucket.access-logging', 'fail', 'odd-bucket', 'odd detail'), severity: '__proto__' as Finding['severity'], resource: { type: 'constructor' as 'bucket', id: 'odd-bucket', name: 'odd-bucket' } };
    const oddHtml = renderReportHtml(sampleInput(sampleFindings([odd])));
    expect(section(oddHtml, 'findings')).toMatch(/id="sev-info"[\s\S]*odd-bucket/);
    expect(oddHtml).not.toContain('function');
    // The malicious bucket is public: named (escaped) in the summary too.
    expect(section(out, 'summary')).toContain(`evil${escapeHtml(XSS)}bucket`);
  });

  it('makes no network request: no http(s) URL in any tag, only data: fonts, a CSP that forbids fetching', () => {
    const out = renderReportHtml(sampleInput(sampleFindings([finding('s3.bucket.public-read', 'fail', 'acl-bucket', 'x', { grants: [{ via: 'bucket ACL', what: 'grants READ to AllUsers', grant: { URI: 'http://acs.amazonaws.com/groups/global/AllUsers' } }] })])));
    // Every "<" in data is escaped, so anything between < and > is markup we wrote.
    for (const tag of out.match(/<[^>]*>/g) ?? []) expect(tag).not.toMatch(/(https?:)?\/\/[a-z0-9]/i);
    expect(out).not.toMatch(/\b(src|href|srcset|action|poster)\s*=/i);
    expect(out).not.toMatch(/@import/i);
    for (const m of out.matchAll(/url\(\s*['"]?([^'")]*)/g)) expect(m[1]).toMatch(/^data:/);
    expect(out).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:"`);
    // The AllUsers URI is shown as text only.
    expect(out).toContain('http://acs.amazonaws.com/groups/global/AllUsers');
    expect(out).toMatch(/@font-face\{font-family:"Public Sans"/);
    expect(out.length).toBeLessThan(400_000);
  });

  it('truncates huge evidence and masks anything that looks like a secret', () => {
    const huge = { Statement: Array.from({ length: 500 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Principal: '*', Action: 's3:GetObject' })) };
    const out = renderReportHtml(
      sampleInput(
        sampleFindings([
          finding('s3.bucket.public-read', 'fail', 'big-policy', 'x', {
            grants: [{ via: 'bucket policy', what: 'big', grant: huge }],
            leaked: 'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY https://b.s3.amazonaws.com/k?X-Amz-Signature=abcdef0123',
          }),
        ]),
      ),
    );
    expect(out).toContain('truncated');
    expect(out).not.toContain('S499');
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(out).toContain('AKIA…MPLE');
    expect(out).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(out).not.toContain('abcdef0123');
    expect(redactSecrets(VOTER_BUCKET)).toBe(VOTER_BUCKET);
    expect(redactSecrets('arn:aws:s3:::harlow-county-voter-rolls-public/*')).toBe('arn:aws:s3:::harlow-county-voter-rolls-public/*');
  });
});

describe('findChromium', () => {
  it('takes CANVASS_CHROMIUM alone when set, else CHROMIUM_PATH, then the usual paths; undefined when none exists', () => {
    const have = (...ps: string[]) => (p: string) => ps.includes(p);
    expect(findChromium({ CANVASS_CHROMIUM: '/opt/a', CHROMIUM_PATH: '/opt/b' }, 'linux', have('/opt/a', '/opt/b', '/usr/bin/chromium'))).toBe('/opt/a');
    expect(findChromium({ CANVASS_CHROMIUM: '/missing', CHROMIUM_PATH: '/opt/b' }, 'linux', have('/opt/b', '/usr/bin/chromium'))).toBeUndefined();
    expect(findChromium({ CHROMIUM_PATH: '/opt/b' }, 'linux', have('/opt/b', '/usr/bin/chromium'))).toBe('/opt/b');
    expect(findChromium({}, 'linux', have('/usr/bin/google-chrome', '/snap/bin/chromium'))).toBe('/usr/bin/google-chrome');
    expect(findChromium({}, 'darwin', have('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'))).toBe('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(findChromium({ PROGRAMFILES: 'C:\\Program Files' }, 'win32', have('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'))).toBe(
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    );
    expect(findChromium({}, 'linux', have())).toBeUndefined();
    const err = new ChromiumNotFoundError();
    expect(err.message).toMatch(/apt-get install chromium/);
    expect(err.message).toMatch(/CANVASS_CHROMIUM/);
  });

  it('PDF_OPTIONS print Letter, tagged, with the page footer', () => {
    expect(PDF_OPTIONS).toMatchObject({ format: 'Letter', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, displayHeaderFooter: true });
    expect(PDF_OPTIONS.footerTemplate).toContain('font-size:8px');
    expect(PDF_OPTIONS.footerTemplate).toMatch(/Canvass report &mdash; page <span class="pageNumber"><\/span> of <span class="totalPages"><\/span>/);
  });
});

describe('PDF', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(path.join(os.tmpdir(), 'canvass-report-test-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints a report whose text names the public voter-data bucket, the jurisdiction and the sign-off', async () => {
    const html = renderReportHtml(sampleInput());
    const pdf = await pdfFromHtml(browser, html);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(VOTER_BUCKET);
    expect(text).toContain('Harlow County');
    expect(text).toContain('Signature');
    expect(text).toContain('Reviewed by');
    expect(text).toMatch(/Canvass report — page 1 of \d+/);
    expect(text).toContain('Contains security-sensitive information about county systems');
    const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    // Page 1 leads with the public bucket, before any finding detail.
    const page1 = execFileSync('/usr/bin/pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-'], { encoding: 'utf8' });
    expect(page1).toContain('can be read by anyone on the internet');
    expect(page1).toContain(VOTER_BUCKET);
    const preview = process.env.CANVASS_REPORT_PREVIEW_DIR;
    if (preview) {
      copyFileSync(file, path.join(preview, 'report.pdf'));
    }
  });

  it('lets the printed page fetch nothing, even when the HTML asks', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="${base}/a.css"><style>@font-face{font-family:X;src:url(${base}/f.woff2)} body{font-family:X;background:url(${base}/bg.png)}</style></head><body><img src="${base}/i.png"><iframe src="${base}/frame"></iframe><p>hello</p></body></html>`;
      const pdf = await pdfFromHtml(browser, html);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });

  it('htmlToPdfWithChromium launches the Chromium it finds and cleans up after itself', async () => {
    const root = mkdtempSync(path.join(dir, 'tmp-'));
    const pdf = await htmlToPdfWithChromium(renderReportHtml(sampleInput()), root);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(root)).toEqual([]);
  });
});
