import { SEVERITIES, type CheckMeta, type Severity, type Status } from '../checks/types';
import type { AuditSummary } from '../scan/summary';
import type { StoredFinding } from '../store/findings';
import { fontFaceCss, MONO_STACK, SANS_STACK } from './fonts';
import { formatDate, h, Html, join, label, nameClass, plural, RESOURCE_LABEL, SEVERITY_LABEL, severityOf, STATUS_LABEL, trusted } from './markup';
import { REMEDIATION_CSS, remediationLine, remediationSection } from './remediation-record';
import type { ReportWork } from './report-work';

/** Everything the report shows. `findings` come already in reading order (engine.readingOrder). */
export interface ReportInput {
  audit: {
    id: string;
    jurisdiction: string;
    auditor: string;
    status: string;
    startedAt: string;
    finishedAt: string | null;
    checksVersion: string;
    accountId: string;
    collectedAt: string | null;
    sources: { kind: string; ref: string }[];
    counts: { fail: number; pass: number; unknown: number; not_applicable: number };
  };
  summary: AuditSummary;
  findings: StoredFinding[];
  catalog: CheckMeta[];
  /** The work on each failing or unknown finding (loadReportWork), printed as its checklist. */
  work: ReportWork;
  generatedAt: string;
  version: string;
}

export const CONFIDENTIALITY_MARKING = 'Contains security-sensitive information about county systems — handle per county policy.';

// ---------------------------------------------------------------------------------------
// Wording used only here.

const SOURCE_LABEL: Record<string, string> = {
  live: 'Live AWS account',
  evidence: 'Evidence bundle',
  'aws-config': 'AWS Config export',
  local: 'Local files',
  demo: 'Demo data',
};

const MAX_NAMES = 6;

/** "a, b and c" with the names emphasised; at most MAX_NAMES, then "and N more". */
function nameList(names: string[]): Html {
  const shown = names.slice(0, MAX_NAMES).map((n) => h`<strong class="${nameClass(n)}">${n}</strong>`);
  const rest = names.length - shown.length;
  if (rest > 0) return h`${join(shown, ', ')} and ${rest} more (see Findings)`;
  if (shown.length <= 1) return h`${shown}`;
  return h`${join(shown.slice(0, -1), ', ')} and ${shown[shown.length - 1]}`;
}

const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

// ---------------------------------------------------------------------------------------
// Evidence.

const MAX_PRE_CHARS = 1800;
const MAX_PRE_LINES = 30;
const MAX_ITEMS = 5;

function prettyJson(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v, null, 2) ?? String(v);
  } catch {
    s = String(v);
  }
  const lines = s.split('\n');
  let cut = s;
  if (lines.length > MAX_PRE_LINES) cut = lines.slice(0, MAX_PRE_LINES).join('\n');
  if (cut.length > MAX_PRE_CHARS) cut = cut.slice(0, MAX_PRE_CHARS);
  if (cut.length < s.length) cut += `\n… (truncated: ${s.length - cut.length} more characters; the full evidence is in the audit database and the JSON export)`;
  return cut;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function more(list: unknown[]): Html {
  return list.length > MAX_ITEMS ? h`<p class="ev-more">… and ${list.length - MAX_ITEMS} more, in the audit database and the JSON export.</p>` : h``;
}

const MAX_FLAT = 10;

/**
 * Small settings evidence as "key: value" rows (nested keys dotted, lists of plain values
 * joined) — easier to read than JSON. Undefined when the evidence is too big or deep for
 * that; it is then shown as JSON.
 */
function flatten(v: Record<string, unknown>): Array<[string, string]> | undefined {
  const out: Array<[string, string]> = [];
  const scalar = (x: unknown) => (x === null ? 'not set' : typeof x === 'boolean' ? (x ? 'yes' : 'no') : String(x));
  const isScalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);
  const walk = (x: unknown, key: string, depth: number): boolean => {
    if (out.length > MAX_FLAT) return false;
    if (isScalar(x)) return out.push([key, scalar(x)]), true;
    if (Array.isArray(x)) {
      if (x.length === 0) return out.push([key, 'none']), true;
      if (x.every(isScalar) && x.length <= 8) return out.push([key, x.map(scalar).join(', ')]), true;
      if (depth >= 3) return false;
      return x.every((item, i) => walk(item, `${key}[${i + 1}]`, depth + 1));
    }
    if (isObj(x)) {
      const entries = Object.entries(x);
      if (entries.length === 0) return out.push([key, 'none']), true;
      if (depth >= 3) return false;
      return entries.every(([k, item]) => walk(item, key ? `${key}.${k}` : k, depth + 1));
    }
    return false;
  };
  return walk(v, '', 0) && out.length <= MAX_FLAT ? out : undefined;
}

function renderEvidence(ev: Record<string, unknown> | undefined): Html {
  if (!isObj(ev) || Object.keys(ev).length === 0) return h``;
  const parts: Html[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ev)) {
    if ((key === 'grants' || key === 'neutralized') && Array.isArray(value)) {
      for (const g of value.slice(0, MAX_ITEMS)) {
        if (!isObj(g)) continue;
        const label =
          key === 'grants'
            ? h`<strong>${capitalize(str(g.via) || 'grant')}:</strong> ${str(g.what)}`
            : h`<strong>Public grant taken away by Block Public Access</strong> (${str(g.via)}: ${str(g.what)}; ${str(g.neutralizedBy)})`;
        parts.push(h`<p class="ev-label">${label}</p>${'grant' in g ? h`<pre>${prettyJson(g.grant)}</pre>` : h``}`);
      }
      parts.push(more(value));
    } else if (key === 'unreadable' && Array.isArray(value)) {
      const rows = value.slice(0, MAX_ITEMS).map((u) =>
        isObj(u) ? h`<tr><td class="mono">${str(u.call)}</td><td class="mono">${str(u.code)}</td><td>${str(u.message)}</td></tr>` : h``,
      );
      parts.push(
        h`<table class="ev-table"><caption>Evidence that could not be read</caption><thead><tr><th scope="col">AWS call</th><th scope="col">Error code</th><th scope="col">Message</th></tr></thead><tbody>${rows}</tbody></table>${more(value)}`,
      );
    } else if (key === 'objects' && Array.isArray(value)) {
      const items = value.slice(0, MAX_ITEMS).map((o) => {
        if (!isObj(o)) return h`<li>${str(o)}</li>`;
        const cols = isObj(o.columnsByKind)
          ? h` — columns: ${Object.entries(o.columnsByKind)
              .map(([k, v]) => `${k} (${Array.isArray(v) ? v.join(', ') : str(v)})`)
              .join('; ')}`
          : o.signal
            ? h` — matched by ${str(o.signal)}`
            : h``;
        return h`<li><span class="mono">${str(o.key)}</span>${cols}</li>`;
      });
      parts.push(h`<p class="ev-label"><strong>Objects:</strong></p><ul class="ev-list">${items}</ul>${more(value)}`);
    } else {
      rest[key] = value;
    }
  }
  if (Object.keys(rest).length) {
    const flat = flatten(rest);
    parts.push(
      flat
        ? h`<table class="ev-kv"><tbody>${flat.map(([k, v]) => h`<tr><th scope="row" class="mono">${k}</th><td${/\s/.test(v) ? h`` : h` class="mono"`}>${v}</td></tr>`)}</tbody></table>`
        : h`<pre>${prettyJson(rest)}</pre>`,
    );
  }
  return h`<div class="evidence"><p class="field-label">Evidence</p>${parts}</div>`;
}

// ---------------------------------------------------------------------------------------
// Sections.

function cover(input: ReportInput): Html {
  const a = input.audit;
  const sources = a.sources.length
    ? h`<ul class="plain">${a.sources.map((s) => h`<li>${label(SOURCE_LABEL, s.kind)}: <span class="mono">${s.ref}</span></li>`)}</ul>`
    : h`None recorded`;
  const rows: Array<[string, unknown]> = [
    ['Jurisdiction', a.jurisdiction],
    ['Auditor', a.auditor],
    ['Audit ID', h`<span class="mono">${a.id}</span>`],
    ['AWS account', h`<span class="mono">${a.accountId || 'Not recorded'}</span>`],
    ['Audit started', formatDate(a.startedAt)],
    ['Audit finished', formatDate(a.finishedAt)],
    ['Evidence collected', a.collectedAt ? formatDate(a.collectedAt) : 'During the audit'],
    ['Report generated', formatDate(input.generatedAt)],
    ['Canvass version', input.version],
    ['Checks version', a.checksVersion],
  ];
  const statusNote =
    a.status === 'complete'
      ? h``
      : h`<p class="alert alert-warning"><strong>This audit did not complete (${a.status}).</strong> The findings below are partial; run the audit again before relying on them.</p>`;
  return h`<header class="cover">
  <div class="masthead"><span class="brand">Canvass</span><span class="masthead-sub">Cloud storage exposure audit</span></div>
  <p class="marking"><strong>Security-sensitive</strong>${CONFIDENTIALITY_MARKING}</p>
  <h1>Canvass remediation report</h1>
  <p class="jurisdiction">${a.jurisdiction}</p>
  <dl class="meta">${rows.map(([k, v]) => h`<div><dt>${k}</dt><dd>${v}</dd></div>`)}<div class="wide"><dt>Sources</dt><dd>${sources}</dd></div></dl>
  ${statusNote}
</header>`;
}

function unknownReasons(input: ReportInput, bucket: string): string {
  const reasons = new Set<string>();
  for (const f of input.findings) {
    if (f.status !== 'unknown' || f.resource.name !== bucket) continue;
    if (!['s3.bucket.public-read', 's3.bucket.public-list', 's3.bucket.public-write'].includes(f.checkId)) continue;
    const un = f.evidence?.unreadable;
    if (Array.isArray(un)) {
      for (const u of un) {
        if (!isObj(u)) continue;
        const code = str(u.code);
        reasons.add(
          code === 'NotCollected'
            ? `${str(u.call)} was not collected`
            : /denied|forbidden|disabled|unauthorized/i.test(code)
              ? `${str(u.call)} was refused (${code})`
              : `${str(u.call)} failed (${code})`,
        );
      }
    }
  }
  return [...reasons].join(', ');
}

function summarySection(input: ReportInput): Html {
  const s = input.summary;
  const lines: Html[] = [];
  const anyPublic = s.publicRead.length + s.publicWrite.length + s.publicList.length > 0;

  if (s.publicRead.length) {
    const n = s.publicRead.length;
    let voter: Html;
    if (s.publicVoterData.length) {
      voter =
        n === 1
          ? h` <strong>It holds voter data.</strong>`
          : h` <strong>Voter data is among them:</strong> ${nameList(s.publicVoterData)}.`;
    } else {
      voter = h` Canvass did not find voter data in ${n === 1 ? 'it' : 'them'}, but anything stored there is public.`;
    }
    lines.push(h`<p class="headline"><strong>${plural(n, 'bucket', 'buckets')} can be read by anyone on the internet:</strong> ${nameList(s.publicRead)}.${voter}</p>`);
  }
  if (s.publicWrite.length) {
    const n = s.publicWrite.length;
    lines.push(
      h`<p class="headline"><strong>${plural(n, 'bucket', 'buckets')} can be changed or deleted by anyone on the internet:</strong> ${nameList(s.publicWrite)}.</p>`,
    );
  }
  if (s.publicList.length) {
    const n = s.publicList.length;
    lines.push(
      h`<p class="headline"><strong>${plural(n, 'bucket lets', 'buckets let')} anyone on the internet list ${n === 1 ? 'its' : 'their'} files:</strong> ${nameList(s.publicList)}.</p>`,
    );
  }
  if (!anyPublic) {
    lines.push(
      s.exposureUnknown.length
        ? h`<p class="headline"><strong>No bucket Canvass could check is open to the internet.</strong></p>`
        : h`<p class="headline"><strong>No bucket can be read, listed or changed by anyone on the internet.</strong></p>`,
    );
  }
  if (s.exposureUnknown.length) {
    const n = s.exposureUnknown.length;
    const shown = s.exposureUnknown.slice(0, MAX_NAMES).map((b) => {
      const why = unknownReasons(input, b);
      return h`<li><strong class="${nameClass(b)}">${b}</strong>${why ? h`: ${why}` : h``}</li>`;
    });
    const rest = n - shown.length;
    lines.push(
      h`<p class="headline"><strong>${plural(n, 'bucket', 'buckets')} could not be checked</strong> for access from the internet, so ${n === 1 ? 'it' : 'they'} may or may not be open:</p><ul class="unknown-list">${shown}${rest > 0 ? h`<li>and ${rest} more (see Findings)</li>` : h``}</ul>`,
    );
  }

  const privateVoter = s.voterData.filter((b) => !s.publicVoterData.includes(b));
  if (privateVoter.length) {
    const n = privateVoter.length;
    lines.push(
      h`<p class="headline">Voter data ${s.publicVoterData.length ? 'is also in' : 'is in'} ${plural(n, s.publicVoterData.length ? 'other bucket' : 'bucket', s.publicVoterData.length ? 'other buckets' : 'buckets')}: ${nameList(privateVoter)}.</p>`,
    );
  }

  const tone = anyPublic ? 'alert-danger' : s.exposureUnknown.length ? 'alert-warning' : 'alert-success';
  const toneLabel = anyPublic ? 'Action needed' : s.exposureUnknown.length ? 'Incomplete' : 'No public access found';

  const c = s.counts;
  const statusRows: Array<[Status, number, string]> = [
    ['fail', c.fail, 'Failed'],
    ['unknown', c.unknown, 'Could not check'],
    ['pass', c.pass, 'Passed'],
    ['not_applicable', c.not_applicable, 'Did not apply'],
  ];
  const sevRows = SEVERITIES.map((sev) => [sev, s.failsBySeverity[sev] ?? 0] as const);

  return h`<section class="summary" aria-labelledby="summary-h">
  <h2 id="summary-h">Summary</h2>
  <p class="lede">Canvass examined ${plural(s.buckets, 'bucket', 'buckets')}${input.audit.accountId ? h` in AWS account <span class="mono">${input.audit.accountId}</span>` : h``}. What anyone on the internet can reach comes first.</p>
  <div class="alert ${tone}" role="note"><p class="alert-label">${toneLabel}</p>${lines}</div>
  <div class="tally">
    <table class="counts">
      <caption>Results by status</caption>
      <thead><tr>${statusRows.map(([st, , label]) => h`<th scope="col"><span class="swatch st-${st}" aria-hidden="true"></span>${label}</th>`)}</tr></thead>
      <tbody><tr>${statusRows.map(([, n]) => h`<td>${n}</td>`)}</tr></tbody>
    </table>
    <table class="counts">
      <caption>Failed checks by severity</caption>
      <thead><tr>${sevRows.map(([sev]) => h`<th scope="col"><span class="swatch sev-${sev}" aria-hidden="true"></span>${sev === 'info' ? 'Info' : SEVERITY_LABEL[sev]}</th>`)}</tr></thead>
      <tbody><tr>${sevRows.map(([, n]) => h`<td>${n}</td>`)}</tr></tbody>
    </table>
  </div>
</section>`;
}

/** Rough height of an entry in text lines, to decide whether it is kept on one page. */
function approxLines(detail: string, evidence: Html): number {
  const tags = evidence.s.match(/<(p|tr|li)\b/g)?.length ?? 0;
  return 3 + Math.ceil(detail.length / 95) + (evidence.s.split('\n').length - 1) + tags * 1.5;
}

/** One finding under its check: status, resource, the detail sentence and its evidence. */
function findingEntry(f: StoredFinding, work: ReportWork): Html {
  const evidence = renderEvidence(f.evidence);
  const arn = f.resource.type === 'bucket' && f.resource.id === `arn:aws:s3:::${f.resource.name}`;
  const showId = f.resource.id && f.resource.id !== f.resource.name && !arn;
  // The remediation line adds about two lines.
  return h`<div class="entry st-${f.status}${approxLines(f.detail, evidence) + 2 <= 34 ? ' keep' : ''}">
  <div class="entry-head">
    <span class="badge status st-${f.status}">${label(STATUS_LABEL, f.status)}</span>
    <h5 id="finding-${f.seq}">${label(RESOURCE_LABEL, f.resource.type)} <span class="${nameClass(f.resource.name)}">${f.resource.name}</span>${
      showId ? h` <span class="muted mono small">(${f.resource.id})</span>` : h``
    }</h5>
    <span class="finding-no">Finding ${f.seq}</span>
  </div>
  <p class="detail">${f.detail}</p>
  ${evidence}
  ${remediationLine(f.seq, work.get(f.seq))}
</div>`;
}

/**
 * A check and the resources that failed it (or could not be checked) at one severity: the
 * plain-language explanation and the references once, then each finding.
 */
function checkGroup(sev: Severity, checkId: string, items: StoredFinding[], meta: CheckMeta | undefined, work: ReportWork): Html {
  const refs = [...new Set([...(meta?.references ?? []), ...items.flatMap((f) => f.references ?? [])])];
  const title = meta?.title ?? items[0].title;
  const fails = items.filter((f) => f.status === 'fail').length;
  const unknowns = items.length - fails;
  const count = [fails ? plural(fails, 'failed', 'failed') : '', unknowns ? `${unknowns} could not be checked` : ''].filter(Boolean).join(', ');
  const [first, ...rest] = items;
  return h`<article class="check sev-${sev}" aria-labelledby="check-${sev}-${checkId}">
  <div class="lead">
  <div class="check-top">
    <div class="check-head">
      <span class="badge sev-${sev}">${SEVERITY_LABEL[sev]}</span>
      <h4 id="check-${sev}-${checkId}">${title}</h4>
      <span class="check-count">${count}</span>
    </div>
    <p class="check-id">Check <span class="mono">${checkId}</span></p>
    ${
      meta
        ? h`<div class="explain"><p><span class="field-label">What it means.</span> ${meta.whatItMeans}</p><p><span class="field-label">Why it matters.</span> ${meta.whyItMatters}</p></div>`
        : h``
    }
  </div>
  ${findingEntry(first, work)}
  </div>
  ${rest.map((f) => findingEntry(f, work))}
  ${refs.length ? h`<p class="refs"><span class="field-label">References:</span> ${refs.join('; ')}</p>` : h``}
</article>`;
}

/** Checks within a severity: those with a failure before those only unknown, then in catalogue order (exposure first). */
function checkOrder(input: ReportInput, items: StoredFinding[]): string[] {
  const rank = new Map(input.catalog.map((m, i) => [m.id, i]));
  const ids = [...new Set(items.map((f) => f.checkId))];
  const hasFail = (id: string) => items.some((f) => f.checkId === id && f.status === 'fail');
  return ids
    .map((id, i) => ({ id, i }))
    .sort((a, b) => Number(hasFail(b.id)) - Number(hasFail(a.id)) || (rank.get(a.id) ?? 1e6 + a.i) - (rank.get(b.id) ?? 1e6 + b.i))
    .map((x) => x.id);
}

interface SeverityGroup {
  sev: Severity;
  count: number;
  checks: Array<{ checkId: string; items: StoredFinding[] }>;
}

/** The findings that need action as the report orders them: by severity, then check (checkOrder), then as given. */
function actionGroups(input: ReportInput): SeverityGroup[] {
  const open = input.findings.filter((f) => f.status === 'fail' || f.status === 'unknown');
  return SEVERITIES.map((sev) => {
    const items = open.filter((f) => severityOf(f) === sev);
    return { sev, count: items.length, checks: checkOrder(input, items).map((checkId) => ({ checkId, items: items.filter((f) => f.checkId === checkId) })) };
  }).filter((g) => g.count);
}

function findingsSection(input: ReportInput, groups: SeverityGroup[], metaById: Map<string, CheckMeta>): Html {
  const open = input.findings.filter((f) => f.status === 'fail' || f.status === 'unknown');
  const body = groups.length
    ? groups.map(
        (g) => h`<section class="sev-group" aria-labelledby="sev-${g.sev}">
  <h3 id="sev-${g.sev}" class="sev-heading sev-${g.sev}">${SEVERITY_LABEL[g.sev]} <span class="count">${plural(g.count, 'finding', 'findings')}</span></h3>
  ${g.checks.map((c) => checkGroup(g.sev, c.checkId, c.items, metaById.get(c.checkId), input.work))}
</section>`,
      )
    : h`<p class="alert alert-success">No check failed and nothing was left unchecked.</p>`;
  return h`<section class="findings" aria-labelledby="findings-h">
  <div class="section-head">
  <h2 id="findings-h">Findings that need action</h2>
  <p class="lede">${plural(open.filter((f) => f.status === 'fail').length, 'failed check', 'failed checks')} and ${plural(
    open.filter((f) => f.status === 'unknown').length,
    'check that could not be completed',
    'checks that could not be completed',
  )}, grouped by severity, most serious first. Each check is explained once, then each resource it found is listed with the evidence the finding rests on.
  <strong>“Could not check”</strong> means AWS refused Canvass the information or it was not collected: it is not a pass. The checks that passed are listed after the findings; then each finding's checklist, who has it and its sign-off, in the remediation record.</p>
  </div>
  ${body}
</section>`;
}

function passedSection(input: ReportInput, metaById: Map<string, CheckMeta>): Html {
  const order = new Map(input.catalog.map((m, i) => [m.id, i]));
  const passed = input.findings
    .filter((f) => f.status === 'pass')
    .sort((a, b) => (order.get(a.checkId) ?? 1e9) - (order.get(b.checkId) ?? 1e9) || a.checkId.localeCompare(b.checkId) || a.resource.name.localeCompare(b.resource.name));
  const na = input.findings.filter((f) => f.status === 'not_applicable').length;
  const table = passed.length
    ? h`<table class="passed-table">
  <thead><tr><th scope="col" class="check">Check</th><th scope="col">Resource</th><th scope="col" class="result">Result</th></tr></thead>
  <tbody>${passed.map(
    (f) =>
      h`<tr><td class="check">${metaById.get(f.checkId)?.title ?? f.title}</td><td class="mono">${f.resource.name}</td><td class="result">Pass</td></tr>`,
  )}</tbody>
</table>`
    : h`<p>No check passed.</p>`;
  return h`<section class="passed" aria-labelledby="passed-h">
  <h2 id="passed-h">What was verified</h2>
  <p class="lede">${plural(passed.length, 'check', 'checks')} passed${na ? h`; ${plural(na, 'check', 'checks')} did not apply and ${na === 1 ? 'is' : 'are'} not listed` : h``}.</p>
  ${table}
</section>`;
}

function signOff(input: ReportInput): Html {
  const field = (label: string) => h`<div class="sig-field"><div class="sig-line"></div><p class="sig-label">${label}</p></div>`;
  return h`<section class="signoff" aria-labelledby="signoff-h">
  <h2 id="signoff-h">Review and sign-off</h2>
  <p>I have reviewed this report for ${input.audit.jurisdiction} (audit <span class="mono">${input.audit.id}</span>) and the actions taken on its findings.</p>
  <p class="field-label">Remediation notes</p>
  <div class="notes"><div class="sig-line"></div><div class="sig-line"></div><div class="sig-line"></div></div>
  <div class="sig-grid">${field('Reviewed by')}${field('Title')}${field('Signature')}${field('Date')}</div>
</section>`;
}

// ---------------------------------------------------------------------------------------

const CSS = `
@page { size: Letter; margin: 0.75in; }
:root { --ink:#1b1b1b; --muted:#565c65; --primary:#005ea2; --primary-dark:#1a4480; --primary-darker:#162e51; --crit:#b50909; --high:#d54309; --warn:#ffbe2e; --pass:#00a91c; --pass-dark:#008817; --line:#dfe1e2; --base-lightest:#f0f0f0; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font-family: ${SANS_STACK}; font-size: 10pt; line-height: 1.45; }
.mono, pre { font-family: ${MONO_STACK}; }
.mono { font-size: 0.92em; overflow-wrap: anywhere; }
.small { font-size: 0.82em; }
.muted { color: var(--muted); }
h1, h2, h3, h4 { color: var(--primary-darker); line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 24pt; margin: 12pt 0 2pt; }
h2 { font-size: 16pt; margin: 0 0 8pt; padding-bottom: 4pt; border-bottom: 2px solid var(--primary); }
h3 { font-size: 13pt; margin: 16pt 0 8pt; }
h4 { font-size: 11.5pt; margin: 4pt 0 2pt; color: var(--ink); }
p { margin: 0 0 6pt; }
ul { margin: 0 0 6pt; padding-left: 16pt; }
.plain { list-style: none; padding: 0; margin: 0; }
.name { white-space: nowrap; }
.name.long { white-space: normal; overflow-wrap: anywhere; }

/* Cover */
.masthead { display: flex; align-items: baseline; gap: 10pt; background: var(--primary-darker); color: #fff; padding: 6pt 12pt; }
.brand { font-weight: 700; font-size: 13pt; letter-spacing: 0.06em; text-transform: uppercase; }
.masthead-sub { font-size: 9.5pt; }
.marking { margin: 8pt 0 0; padding: 6pt 10pt; border: 1px solid var(--ink); border-left: 6px solid var(--warn); background: #fff; font-size: 9.5pt; }
.marking strong { text-transform: uppercase; letter-spacing: 0.05em; margin-right: 6pt; }
.jurisdiction { font-size: 15pt; font-weight: 700; margin: 0 0 10pt; }
.meta { display: grid; grid-template-columns: 1fr 1fr; gap: 0 18pt; margin: 0 0 12pt; font-size: 9pt; border-top: 1px solid var(--line); }
.meta > div { display: flex; gap: 8pt; padding: 2pt 0; border-bottom: 1px solid var(--line); }
.meta > div.wide { grid-column: 1 / -1; }
.meta dt { flex: 0 0 1.25in; font-weight: 700; color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }

/* Summary */
.lede { color: var(--ink); }
.alert { border-left: 8px solid var(--primary); background: var(--base-lightest); padding: 6pt 12pt 2pt; margin: 6pt 0 10pt; }
.alert-danger { border-left-color: var(--high); background: #f4e3db; }
.alert-warning { border-left-color: var(--warn); background: #faf3d1; }
.alert-success { border-left-color: var(--pass); background: #ecf3ec; }
.alert-label { font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; font-size: 8.5pt; margin-bottom: 4pt; }
.headline { font-size: 11pt; line-height: 1.4; margin-bottom: 5pt; }
.unknown-list { font-size: 10pt; }
.tally { display: flex; gap: 14pt; align-items: flex-start; margin: 0 0 8pt; break-inside: avoid; page-break-inside: avoid; }
.tally table { table-layout: fixed; }
.tally table:first-child { flex: 4 1 0; }
.tally table:last-child { flex: 5 1 0; }
.counts thead th { background: #fff; color: var(--ink); font-weight: 400; font-size: 8.5pt; border-bottom: 2px solid var(--primary-darker); padding: 2pt 4pt; vertical-align: bottom; }
.counts thead th .swatch { width: 7pt; height: 7pt; margin-right: 4pt; }
.counts td { font-size: 14pt; font-weight: 700; padding: 2pt 4pt; font-variant-numeric: tabular-nums; }

table { width: 100%; border-collapse: collapse; font-size: 9pt; }
caption { text-align: left; font-weight: 700; padding-bottom: 3pt; color: var(--primary-darker); }
thead { display: table-header-group; }
th, td { text-align: left; vertical-align: top; padding: 3pt 6pt; border-bottom: 1px solid var(--line); }
thead th { background: var(--primary-darker); color: #fff; font-weight: 700; border-bottom: 0; }
tbody th { font-weight: 400; }
tr { break-inside: avoid; page-break-inside: avoid; }
.num { text-align: right; width: 0.7in; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: 8pt; height: 8pt; margin-right: 6pt; border: 1px solid var(--ink); vertical-align: baseline; }

/* Severity and status */
.sev-critical { --sev: var(--crit); --sev-ink: #fff; }
.sev-high { --sev: var(--high); --sev-ink: #fff; }
.sev-medium { --sev: var(--warn); --sev-ink: var(--ink); }
.sev-low { --sev: #dfe1e2; --sev-ink: var(--ink); }
.sev-info { --sev: #e7f6f8; --sev-ink: var(--ink); }
.swatch.sev-critical, .swatch.sev-high, .swatch.sev-medium, .swatch.sev-low, .swatch.sev-info { background: var(--sev); }
.swatch.st-fail { background: var(--high); }
.swatch.st-unknown { background: var(--warn); }
.swatch.st-pass { background: var(--pass); }
.swatch.st-not_applicable { background: #fff; }
.badge { display: inline-block; padding: 1pt 6pt; font-size: 8pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; border-radius: 2pt; background: var(--sev); color: var(--sev-ink); border: 1px solid var(--sev); }
.sev-low.badge, .sev-info.badge { border-color: #71767a; }
.badge.status { background: #fff; }
.badge.st-fail { color: var(--crit); border-color: var(--crit); }
.badge.st-unknown { background: var(--warn); color: var(--ink); border-color: #936f38; }
.badge.st-pass { color: #fff; background: var(--pass-dark); border-color: var(--pass-dark); }
.badge.st-not_applicable { color: var(--muted); border-color: var(--muted); }

/* Findings */
.findings { margin-top: 16pt; }
.section-head { break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
.sev-group > h3 { break-after: avoid; }
.sev-heading { display: flex; align-items: baseline; gap: 8pt; padding: 4pt 8pt; border-left: 8px solid var(--sev); background: var(--base-lightest); }
.sev-heading .count { font-size: 9.5pt; font-weight: 400; color: var(--muted); }
.check { border: 1px solid var(--line); border-left: 6px solid var(--sev); padding: 8pt 10pt 4pt; margin: 0 0 12pt; }
.check-head { display: flex; gap: 8pt; align-items: baseline; }
.check-head h4 { margin: 0; }
.check-count { margin-left: auto; font-size: 8.5pt; color: var(--muted); white-space: nowrap; }
.check-id { font-size: 8.5pt; color: var(--muted); margin: 2pt 0 4pt; }
.explain { font-size: 9.5pt; }
.entry { border-top: 1px solid var(--line); padding: 6pt 0 2pt; }
.lead .entry { margin-top: 4pt; }
.entry-head { display: flex; gap: 8pt; align-items: baseline; }
.entry-head h5 { margin: 0; font-size: 10.5pt; font-weight: 400; color: var(--ink); overflow-wrap: anywhere; min-width: 0; }
.entry-head h5 .name { font-weight: 700; }
.finding-no { margin-left: auto; font-size: 8.5pt; color: var(--muted); white-space: nowrap; }
.check-top, .entry.keep, .lead:has(> .entry.keep) { break-inside: avoid; page-break-inside: avoid; }
.ev-label { break-after: avoid; }
.refs { margin-top: 4pt; }
.detail { margin: 3pt 0 4pt; }
.explain p { margin-bottom: 4pt; }
.field-label { font-weight: 700; color: var(--primary-darker); }
.evidence { margin: 6pt 0; }
.evidence > .field-label { margin-bottom: 2pt; }
.ev-label { font-size: 9pt; margin: 2pt 0; }
.ev-list { font-size: 9pt; }
.ev-more { font-size: 8.5pt; color: var(--muted); }
.ev-table { margin: 2pt 0 6pt; }
.ev-table caption { font-size: 8.5pt; color: var(--muted); }
.ev-table thead th { background: #dfe1e2; color: var(--ink); }
.ev-kv { width: auto; margin: 2pt 0 6pt; background: #f7f7f7; border: 1px solid var(--line); }
.ev-kv th, .ev-kv td { border-bottom: 0; padding: 2pt 8pt; }
.ev-kv th { color: var(--muted); }
pre { margin: 2pt 0 6pt; padding: 6pt 8pt; background: #f7f7f7; border: 1px solid var(--line); font-size: 7.5pt; line-height: 1.35; white-space: pre-wrap; overflow-wrap: anywhere; }
.refs { font-size: 8.5pt; color: var(--muted); }

/* Passed */
.passed { margin-top: 18pt; }
.passed-table { font-size: 8.5pt; }
.passed-table td { padding: 1.5pt 6pt; }
.passed-table td.mono { font-size: 8pt; }
.passed-table .check { width: 2.7in; }
.passed-table .result { width: 0.6in; }
.passed-table td.result { color: #216e1f; font-weight: 700; }
.passed-table tbody tr:nth-child(even) { background: #f7f9fa; }

/* Sign-off */
.signoff { margin-top: 22pt; break-inside: avoid; page-break-inside: avoid; }
.notes .sig-line { height: 24pt; }
.sig-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 8pt 28pt; margin-top: 12pt; }
.sig-field { padding-top: 30pt; }
.sig-line { border-bottom: 1px solid var(--ink); }
.sig-label { font-size: 9pt; font-weight: 700; margin: 2pt 0 0; }

@media screen {
  body { background: #f0f0f0; padding: 24px 0; }
  .page { max-width: 8.5in; margin: 0 auto; background: #fff; padding: 0.6in 0.75in; box-shadow: 0 1px 4px rgba(0,0,0,0.2); }
  .findings { margin-top: 28pt; }
}
`;

export function renderReportHtml(input: ReportInput): string {
  const metaById = new Map(input.catalog.map((m) => [m.id, m]));
  const groups = actionGroups(input);
  const doc = h`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Canvass ${input.version}">
<title>Canvass remediation report — ${input.audit.jurisdiction} — ${input.audit.id}</title>
<style>
${trusted(fontFaceCss())}
${trusted(CSS)}
${trusted(REMEDIATION_CSS)}
</style>
</head>
<body>
<div class="page">
${cover(input)}
<main>
${summarySection(input)}
${findingsSection(input, groups, metaById)}
${passedSection(input, metaById)}
${remediationSection(
  groups.flatMap((g) => g.checks.flatMap((c) => c.items)),
  input.work,
  metaById,
)}
${signOff(input)}
</main>
</div>
</body>
</html>
`;
  return doc.s;
}
