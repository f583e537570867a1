import { useEffect, useState } from 'react';
import { call, type ChainVerdict, type LogEntry } from '../api';
import type { Navigate } from '../App';
import { Alert } from '../components/Alert';
import { ScreenHeading } from '../components/ScreenHeading';
import { asSentence, formatDateTime, formatDay, plural, STEP_STATE_LABEL } from '../format';

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** One entry in words: what changed, as the clerk would say it. */
export function describeEntry(e: LogEntry): string {
  const p = e.payload;
  switch (e.action) {
    case 'audit.created':
      return `Audit stored for ${str(p.jurisdiction)} (checks ${str(p.checksVersion)}, checklists ${str(p.checklistsVersion)})`;
    case 'step.set': {
      const state = STEP_STATE_LABEL[p.state as keyof typeof STEP_STATE_LABEL] ?? str(p.state);
      return `Step ${str(p.step)} marked ${state.toLowerCase()}${p.reason ? `: “${str(p.reason)}”` : ''}`;
    }
    case 'finding.assigned':
      return p.assignee
        ? `Assigned to ${str(p.assignee)}${p.dueDate ? `, due ${formatDay(str(p.dueDate))}` : ''}`
        : `Assignment removed${p.dueDate ? `; due ${formatDay(str(p.dueDate))}` : ''}`;
    case 'note.added':
      return `Note: “${str(p.text)}”`;
    case 'attachment.added':
      return `File attached: ${str(p.name)} (SHA-256 ${str(p.sha256)})`;
    case 'finding.signed_off':
      return `Signed off by ${str(p.name)} (${str(p.role)})`;
    case 'finding.reopened':
      return `Reopened: “${str(p.reason)}”`;
    case 'finding.verified':
      return `Fix verified from ${str(p.sourceKind)}: ${p.closed ? 'fixed, finding closed' : p.status === 'unknown' ? 'could not tell' : 'still a problem'}`;
  }
}

/** The audit trail of one audit, and whether the workstation's whole hash chain holds. */
export function AuditTrailScreen({ auditId, navigate }: { auditId: string; navigate: Navigate }) {
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  /** Each finding's title and resource, so an entry names what it changed, not only a number. */
  const [findings, setFindings] = useState<Map<number, string>>(new Map());

  useEffect(() => {
    let live = true;
    void Promise.all([call('log.list', { auditId }), call('log.verify', {}), call('audits.get', { auditId })]).then(([l, v, a]) => {
      if (!live) return;
      if (l.ok) setEntries(l.value);
      else setError(asSentence(l.error.message));
      if (v.ok) setVerdict(v.value);
      else setError(asSentence(v.error.message));
      if (a.ok) {
        setJurisdiction(a.value.audit.jurisdiction);
        setFindings(new Map(a.value.findings.map((f) => [f.seq, `${f.title}: ${f.resource.name}`])));
      }
    });
    return () => {
      live = false;
    };
  }, [auditId]);

  const title = jurisdiction ? `Audit trail: ${jurisdiction}` : 'Audit trail';
  return (
    <div className="cv-screen">
      <button type="button" className="usa-button usa-button--unstyled cv-back" onClick={() => navigate({ screen: 'board', auditId })}>
        <span aria-hidden="true">←</span> Remediation board
      </button>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      <p className="cv-lead">
        Every change to this audit’s remediation, oldest first. Each entry is sealed with a hash of itself and of the entry before it, so an
        entry changed, removed or moved afterwards shows up here.
      </p>
      {error && (
        <Alert type="error" heading="The audit trail could not be read">
          <p>{error}</p>
        </Alert>
      )}
      {verdict &&
        (verdict.ok ? (
          <Alert type="success" heading="The audit trail is intact" live={false}>
            <p>All {plural(verdict.entries, 'entry', 'entries')} kept on this computer fit the chain: none was changed, removed or moved.</p>
          </Alert>
        ) : (
          <Alert type="error" heading={`The audit trail was altered: entry ${verdict.firstBad?.seq ?? '?'} does not fit`} live={false}>
            <p>{asSentence(verdict.firstBad?.problem ?? 'the chain does not hold')}</p>
            <p>Entries before it are as they were written; from this entry on, the record cannot be trusted.</p>
          </Alert>
        ))}
      {entries && (
        <div className="cv-table-scroll">
          <table className="usa-table usa-table--compact cv-log">
            <caption>{plural(entries.length, 'entry', 'entries')} for this audit. The number is the entry’s place in this computer’s whole log.</caption>
            <thead>
              <tr>
                <th scope="col" className="cv-num">
                  Entry
                </th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Finding</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => {
                const bad = verdict?.firstBad?.seq === e.seq;
                return (
                  <tr key={e.seq} className={bad ? 'cv-log--bad' : undefined}>
                    <th scope="row" className="cv-num">
                      {e.seq}
                      {bad && <div className="cv-log__flag">Does not fit</div>}
                    </th>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.actor}</td>
                    <td>
                      {e.findingSeq === null ? (
                        <span className="cv-muted">The audit</span>
                      ) : (
                        <button type="button" className="usa-button usa-button--unstyled cv-log__finding" onClick={() => navigate({ screen: 'work', auditId, seq: e.findingSeq! })}>
                          {findings.get(e.findingSeq) ?? `Finding ${e.findingSeq}`}
                        </button>
                      )}
                    </td>
                    <td className="cv-log__what">{describeEntry(e)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
