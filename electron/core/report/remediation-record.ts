import type { CheckMeta } from '../checks/types';
import type { FindingWork, StepView, WorkStatus } from '../remediation/work';
import type { StoredFinding } from '../store/findings';
import { formatDate, h, label, nameClass, plural, RESOURCE_LABEL, SEVERITY_LABEL, severityOf, STATUS_LABEL, type Html } from './markup';
import type { ReportWork } from './report-work';

/**
 * The remediation record: for each finding that needs action, its checklist with each step's
 * status, who has it and by when, notes, attachments, verification attempts and the sign-off
 * (or blank lines to sign on paper). It follows the findings as an appendix, one record per
 * finding in the same order, so the findings stay readable and the record can be handed to
 * whoever does the work and signed there.
 */

const WORK_STATUS_LABEL: Record<WorkStatus, string> = {
  open: 'Not started',
  in_progress: 'In progress',
  ready_to_sign: 'Ready to sign',
  signed_off: 'Signed off',
  fixed: 'Fixed (verified)',
};

const settledCount = (w: FindingWork) => w.steps.filter((s) => s.state === 'done' || s.state === 'not_applicable').length;

/** "2026-12-01", with "overdue" when it is. */
const due = (w: FindingWork) => (w.dueDate ? h`${w.dueDate}${w.overdue ? h` <strong class="overdue">(overdue)</strong>` : h``}` : h`none set`);

/** One line under a finding in the findings section: where its remediation stands, and where its record is. */
export function remediationLine(seq: number, w: FindingWork | undefined): Html {
  if (!w) return h``;
  const blocked = w.steps.filter((s) => s.state === 'blocked').length;
  const parts: Html[] = [h`<strong>${WORK_STATUS_LABEL[w.status]}</strong>`];
  if (w.steps.length) parts.push(h`${settledCount(w)} of ${plural(w.steps.length, 'step', 'steps')} settled${blocked ? h`, ${blocked} blocked` : h``}`);
  parts.push(w.assignee ? h`assigned to ${w.assignee}` : h`not assigned`);
  if (w.dueDate) parts.push(h`due ${due(w)}`);
  if (w.signoff) parts.push(h`signed off by ${w.signoff.name}`);
  return h`<p class="work-line"><span class="field-label">Remediation:</span> ${parts.map((p, i) => (i ? h`; ${p}` : p))}. Its checklist is in the remediation record, finding ${seq}.</p>`;
}

function stepStatus(s: StepView): Html {
  switch (s.state) {
    case 'done':
      return h`<span class="box checked" aria-hidden="true"></span><strong>Done</strong>`;
    case 'not_applicable':
      return h`<span class="mark na">N/A</span><strong>Not applicable:</strong> ${s.reason}`;
    case 'blocked':
      return h`<span class="mark blocked">!</span><strong>Blocked:</strong> ${s.reason}`;
    default:
      return h`<span class="box" aria-hidden="true"></span>Open`;
  }
}

/** Who settled the step and when; for a step opened again, who reopened it. */
function stepBy(s: StepView): Html {
  if (!s.updatedBy) return h``;
  return h`${s.state === 'open' ? 'Reopened by ' : ''}${s.updatedBy}<br><span class="small muted">${formatDate(s.updatedAt)}</span>`;
}

function stepsTable(w: FindingWork): Html {
  const checklist = w.checklist;
  if (!checklist) return h`<p class="muted">Canvass has no checklist for this check yet: record what was done in the notes.</p>`;
  const titles = new Map(checklist.steps.map((s) => [s.n, s.title]));
  // The header row repeats on each page a record runs over, so it names the finding.
  return h`<table class="steps" aria-label="Checklist steps">
  <thead><tr><th scope="col" class="n">Step</th><th scope="col">Finding ${w.finding.seq}: what to do</th><th scope="col" class="state">Status</th><th scope="col" class="by">Settled by</th></tr></thead>
  <tbody>${w.steps.map(
    (s) =>
      h`<tr class="step-${s.state}"><td class="n">${s.n}</td><td>${titles.get(s.n) ?? ''}</td><td class="state">${stepStatus(s)}</td><td class="by">${stepBy(s)}</td></tr>`,
  )}</tbody>
</table>`;
}

function notesBlock(w: FindingWork): Html {
  if (!w.notes.length) return h``;
  return h`<div class="record-part"><p class="field-label">Notes</p><ul class="notes-list">${w.notes.map(
    (n) => h`<li><span class="muted small">${formatDate(n.at)}, ${n.author}:</span> <span class="note-text">${n.text}</span></li>`,
  )}</ul></div>`;
}

function attachmentsBlock(w: FindingWork): Html {
  if (!w.attachments.length) return h``;
  return h`<table class="record-table attachments">
  <caption>Attachments (kept in the Canvass data folder; the SHA-256 identifies each file exactly)</caption>
  <thead><tr><th scope="col">File and its SHA-256</th><th scope="col" class="size">Size</th><th scope="col" class="by">Added by</th></tr></thead>
  <tbody>${w.attachments.map(
    (a) =>
      h`<tr><td class="file">${a.name}<br><span class="mono sha">${a.sha256}</span></td><td class="size">${a.size.toLocaleString('en-US')} bytes</td><td class="by">${a.addedBy}<br><span class="small muted">${formatDate(a.at)}</span></td></tr>`,
  )}</tbody>
</table>`;
}

const VERIFY_SOURCE: Record<string, string> = { live: 'Live AWS account', evidence: 'Evidence bundle', 'aws-config': 'AWS Config export' };

function verificationsBlock(w: FindingWork): Html {
  if (!w.verifications.length) return h``;
  return h`<table class="record-table verifications">
  <caption>Verification attempts (the check run again on this resource)</caption>
  <thead><tr><th scope="col" class="when">When, by whom</th><th scope="col" class="from">Read from</th><th scope="col" class="result">Result</th><th scope="col">What the check found</th></tr></thead>
  <tbody>${w.verifications.map(
    (v) =>
      h`<tr><td class="when">${formatDate(v.at)}<br>${v.by}</td><td class="from">${label(VERIFY_SOURCE, v.sourceKind)}: <span class="mono small">${v.sourceRef}</span></td><td class="result v-${v.status}">${label(STATUS_LABEL, v.status)}</td><td>${v.detail}</td></tr>`,
  )}</tbody>
</table>`;
}

const SIGN_FIELDS = ['Name', 'Role', 'Signature', 'Date'];

function signoffBlock(w: FindingWork): Html {
  if (w.signoff) {
    return h`<p class="signed"><span class="field-label">Signed off</span> by <strong>${w.signoff.name}</strong>, ${w.signoff.role}, on ${formatDate(w.signoff.at)}.</p>`;
  }
  const when =
    w.status === 'ready_to_sign' || w.status === 'fixed'
      ? 'Every step is settled: the person responsible signs here.'
      : 'To be signed once every step is done or marked not applicable.';
  return h`<div class="record-sign"><p class="field-label">Sign-off <span class="muted small">${when}</span></p><div class="sig-row">${SIGN_FIELDS.map(
    (f) => h`<div class="sig-field"><div class="sig-line"></div><p class="sig-label">${f}</p></div>`,
  )}</div></div>`;
}

function record(f: StoredFinding, w: FindingWork, meta: CheckMeta | undefined): Html {
  const sev = severityOf(f);
  const meta2: Array<[string, Html]> = [
    ['Assigned to', w.assignee ? h`${w.assignee}` : h`nobody yet`],
    ['Due', due(w)],
    ['Where it stands', h`${WORK_STATUS_LABEL[w.status]}${w.steps.length ? h` (${settledCount(w)} of ${plural(w.steps.length, 'step', 'steps')} settled)` : h``}`],
  ];
  if (w.checklist) meta2.push(['Checklist', h`<span class="mono">${w.checklist.checkId}</span> ${w.checklist.version}`]);
  if (w.carry === 'still_open' && w.carriedFrom) meta2.push(['Carried over', h`still open since audit <span class="mono">${w.carriedFrom}</span>, with its progress`]);
  if (w.closedAt) meta2.push(['Closed', h`fixed, verified ${formatDate(w.closedAt)}`]);
  // A record may run over a page break, between two steps: keeping each whole left half pages blank.
  return h`<article class="record sev-${sev}" aria-labelledby="record-${f.seq}">
  <div class="record-top">
    <div class="record-head">
      <span class="badge sev-${sev}">${SEVERITY_LABEL[sev]}</span>
      <h3 id="record-${f.seq}">Finding ${f.seq}: ${meta?.title ?? f.title}</h3>
      <span class="badge status st-${f.status}">${label(STATUS_LABEL, f.status)}</span>
    </div>
    <p class="record-resource">${label(RESOURCE_LABEL, f.resource.type)} <strong class="${nameClass(f.resource.name)}">${f.resource.name}</strong></p>
    <dl class="record-meta">${meta2.map(([k, v]) => h`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>
  </div>
  ${stepsTable(w)}
  ${notesBlock(w)}
  ${attachmentsBlock(w)}
  ${verificationsBlock(w)}
  ${signoffBlock(w)}
</article>`;
}

/** The record of every finding that needs action, in the order of the findings section. */
export function remediationSection(ordered: StoredFinding[], work: ReportWork, metaById: Map<string, CheckMeta>): Html {
  const items = ordered.flatMap((f) => {
    const w = work.get(f.seq);
    return w ? [{ f, w }] : [];
  });
  if (!items.length) return h``;
  const by = (s: WorkStatus) => items.filter((i) => i.w.status === s).length;
  const steps = items.reduce((n, i) => n + i.w.steps.length, 0);
  const settled = items.reduce((n, i) => n + settledCount(i.w), 0);
  const overdue = items.filter((i) => i.w.overdue).length;
  const tally = (['open', 'in_progress', 'ready_to_sign', 'signed_off', 'fixed'] as const)
    .filter((s) => by(s))
    .map((s) => `${by(s)} ${WORK_STATUS_LABEL[s].toLowerCase()}`)
    .join(', ');
  return h`<section class="remediation" aria-labelledby="remediation-h">
  <div class="section-head">
  <h2 id="remediation-h">Remediation record</h2>
  <p class="lede">Each finding that needs action, with its checklist: ${plural(items.length, 'finding', 'findings')} (${tally}); ${settled} of ${plural(steps, 'step', 'steps')} settled${
    overdue ? h`; <strong>${overdue} overdue</strong>` : h``
  }. The commands for each step, with the bucket filled in, are in Canvass and in <span class="mono">canvass checklist</span>.</p>
  <p class="legend"><span class="box" aria-hidden="true"></span>Open (tick it on paper when done) <span class="box checked" aria-hidden="true"></span>Done <span class="mark na">N/A</span>Not applicable, with the reason <span class="mark blocked">!</span>Blocked, with the reason</p>
  </div>
  ${items.map(({ f, w }) => record(f, w, metaById.get(f.checkId)))}
</section>`;
}

export const REMEDIATION_CSS = `
/* Remediation record */
.work-line { font-size: 9pt; margin: 2pt 0 4pt; }
.overdue { color: var(--crit); }
.remediation { margin-top: 18pt; }
.legend { font-size: 8.5pt; color: var(--muted); }
.legend .box, .legend .mark { margin-left: 8pt; }
.legend .box:first-child { margin-left: 0; }
.record { border: 1px solid var(--line); border-left: 6px solid var(--sev); padding: 5pt 10pt 3pt; margin: 0 0 10pt; }
.record-top { break-inside: avoid; page-break-inside: avoid; }
.record-top { break-after: avoid; page-break-after: avoid; }
.record-head { display: flex; gap: 8pt; align-items: baseline; }
.record-head h3 { margin: 0; font-size: 11pt; color: var(--ink); }
.record-head .badge.status { margin-left: auto; white-space: nowrap; }
.record-resource { margin: 1pt 0 2pt; font-size: 10pt; overflow-wrap: anywhere; }
.record-meta { display: flex; flex-wrap: wrap; gap: 0 14pt; margin: 0 0 3pt; font-size: 8.5pt; }
.record-meta div { display: flex; gap: 4pt; }
.record-meta dt { font-weight: 700; color: var(--muted); }
.record-meta dd { margin: 0; }
.steps, .record-table { margin: 2pt 0 6pt; font-size: 8.5pt; }
.steps caption, .record-table caption { font-size: 8.5pt; color: var(--muted); font-weight: 400; }
.steps thead th, .record-table thead th { background: #dfe1e2; color: var(--ink); padding: 2pt 6pt; }
.steps td { padding: 2pt 5pt; }
.steps .n { width: 0.4in; text-align: right; font-variant-numeric: tabular-nums; }
.steps .state { width: 1.75in; }
.steps .by, .record-table .by { width: 1.15in; }
.steps tr.step-done td { background: #f3f8f3; }
.steps tr.step-blocked td { background: #faf3d1; }
.box { display: inline-block; position: relative; width: 9pt; height: 9pt; border: 1.2pt solid var(--ink); background: #fff; margin-right: 5pt; vertical-align: -1pt; }
.box.checked::after { content: ''; position: absolute; left: 2.4pt; top: -0.2pt; width: 2.6pt; height: 5.6pt; border: solid var(--pass-dark); border-width: 0 1.6pt 1.6pt 0; transform: rotate(45deg); }
.mark { display: inline-block; min-width: 9pt; padding: 0 2pt; margin-right: 5pt; border: 1.2pt solid var(--muted); font-size: 7pt; font-weight: 700; line-height: 9pt; text-align: center; }
.mark.blocked { border-color: #936f38; background: var(--warn); color: var(--ink); }
.notes-list { font-size: 9pt; margin: 0 0 6pt; }
.note-text { white-space: pre-wrap; }
.record-part > .field-label { margin: 0 0 2pt; font-size: 9pt; }
.record-table .size { width: 0.85in; white-space: nowrap; }
/* The whole hash on one line, so it can be compared by eye or copied. */
.record-table .sha { font-size: 7.5pt; white-space: nowrap; }
.record-table .file { overflow-wrap: anywhere; }
.record-table .when { width: 1.15in; }
.record-table .from { width: 1.9in; overflow-wrap: anywhere; }
.record-table .result { width: 0.6in; font-weight: 700; }
.record-table .v-pass { color: #216e1f; }
.record-table .v-fail { color: var(--crit); }
.signed { margin: 4pt 0 2pt; font-size: 9.5pt; }
.record-sign, .signed { break-before: avoid; page-break-before: avoid; }
.record-sign { break-inside: avoid; page-break-inside: avoid; margin-top: 4pt; }
.record-sign > .field-label { font-size: 9pt; margin: 0; }
.sig-row { display: grid; grid-template-columns: 1.2fr 1fr 1.2fr 0.8fr; gap: 0 14pt; }
.sig-row .sig-field { padding-top: 16pt; }
`;
