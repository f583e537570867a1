import { useEffect, useMemo, useState } from 'react';
import { call, type Board, type BoardItem, type CallError, type Severity, type WorkStatus } from '../api';
import type { Navigate } from '../App';
import { Alert } from '../components/Alert';
import { ScreenHeading } from '../components/ScreenHeading';
import { LoadFailed, Loading, NoMatchRow } from '../components/ScreenStates';
import { SeverityTag } from '../components/Tags';
import { CarryBadge, OverdueTag, WorkStatusTag } from '../components/WorkTags';
import { asSentence, formatDay, num, plural, SEVERITIES, SEVERITY_LABEL, WORK_STATUS_LABEL } from '../format';
import { FilterSearch, FilterSelect } from '../components/Filters';

type Show = 'all' | 'to_do' | WorkStatus | 'overdue' | 'blocked';
const SHOW_LABEL: Record<Show, string> = {
  all: 'All findings',
  to_do: 'Everything not yet signed off or fixed',
  open: WORK_STATUS_LABEL.open,
  in_progress: WORK_STATUS_LABEL.in_progress,
  ready_to_sign: WORK_STATUS_LABEL.ready_to_sign,
  signed_off: WORK_STATUS_LABEL.signed_off,
  fixed: WORK_STATUS_LABEL.fixed,
  overdue: 'Overdue',
  blocked: 'With a blocked step',
};

function shown(i: BoardItem, show: Show, severity: Severity | 'all', q: string): boolean {
  if (severity !== 'all' && i.severity !== severity) return false;
  if (show === 'to_do' && (i.status === 'signed_off' || i.status === 'fixed')) return false;
  if (show === 'overdue' && !i.overdue) return false;
  if (show === 'blocked' && !i.blockedSteps) return false;
  if (show !== 'all' && show !== 'to_do' && show !== 'overdue' && show !== 'blocked' && i.status !== show) return false;
  const words = q.trim().toLowerCase();
  return !words || `${i.title} ${i.resourceName} ${i.assignee ?? ''}`.toLowerCase().includes(words);
}

/** A share in whole percent; a start is never shown as 0%, nor an unfinished whole as 100%. */
function pct(a: number, b: number): string {
  const p = b ? (a / b) * 100 : 0;
  if (p > 0 && p < 1) return 'under 1%';
  if (p > 99 && p < 100) return 'over 99%';
  return `${Math.round(p)}%`;
}

/** The remediation board: every finding to fix, most urgent first, where it stands, who has it and by when. */
export function BoardScreen({ auditId, navigate }: { auditId: string; navigate: Navigate }) {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [show, setShow] = useState<Show>('all');
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const [q, setQ] = useState('');

  useEffect(() => {
    let live = true;
    void call('work.board', { auditId }).then((r) => {
      if (!live) return;
      if (r.ok) setBoard(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [auditId]);

  const rows = useMemo(() => (board ? board.items.filter((i) => shown(i, show, severity, q)) : []), [board, show, severity, q]);

  if (error) {
    return (
      <LoadFailed
        title="Board not available"
        heading="The remediation board cannot be shown"
        alert="The board could not be loaded"
        message={asSentence(error.message)}
        back={{ label: 'Back to your audits', go: () => navigate({ screen: 'home' }) }}
      />
    );
  }
  if (!board) {
    return <Loading title="Loading board" heading="Loading the remediation board…" />;
  }

  const { totals, progress } = board;
  const filtered = rows.length !== board.items.length;
  const stepsPct = pct(progress.stepsSettled, progress.stepsTotal);

  return (
    <div className="cv-screen">
      <button type="button" className="usa-button usa-button--unstyled cv-back" onClick={() => navigate({ screen: 'findings', auditId })}>
        <span aria-hidden="true">←</span> {board.jurisdiction} audit findings
      </button>
      <div className="cv-titlebar">
        <ScreenHeading title={`Remediation board: ${board.jurisdiction}`}>Remediation board: {board.jurisdiction}</ScreenHeading>
        <button type="button" className="usa-button usa-button--outline" onClick={() => navigate({ screen: 'log', auditId })}>
          Audit trail
        </button>
      </div>

      {board.items.length === 0 ? (
        <Alert type="success" live={false} heading="Nothing to fix">
          <p>{board.auditStatus === 'complete' ? 'This audit found no problem and nothing it could not check.' : `This audit was ${board.auditStatus}: it has no findings to work.`}</p>
        </Alert>
      ) : (
        <>
          <section className="cv-progress-card cv-board-progress" aria-labelledby="progress-heading">
            <h2 id="progress-heading">Progress</h2>
            <p className="cv-progress-text" id="progress-text">
              {num(progress.stepsSettled)} of {plural(progress.stepsTotal, 'step')} settled ({stepsPct}) · {num(progress.closed)} of{' '}
              {plural(progress.findings, 'finding')} fixed
            </p>
            <progress className="cv-progress" max={Math.max(progress.stepsTotal, 1)} value={progress.stepsSettled} aria-labelledby="progress-text" />
            <ul className="cv-board-totals">
              <li>
                <strong>{num(totals.open)}</strong> not started
              </li>
              <li>
                <strong>{num(totals.in_progress)}</strong> in progress
              </li>
              <li>
                <strong>{num(totals.ready_to_sign)}</strong> ready to sign off
              </li>
              <li>
                <strong>{num(totals.signed_off)}</strong> signed off
              </li>
              <li>
                <strong>{num(totals.fixed)}</strong> fixed
              </li>
              <li className={totals.overdue ? 'cv-board-totals--bad' : undefined}>
                <strong>{num(totals.overdue)}</strong> overdue
              </li>
              <li className={totals.blocked ? 'cv-board-totals--warn' : undefined}>
                <strong>{num(totals.blocked)}</strong> with a blocked step
              </li>
              {totals.fixedSinceLastAudit > 0 && (
                <li>
                  <strong>{num(totals.fixedSinceLastAudit)}</strong> fixed since the last audit
                </li>
              )}
            </ul>
          </section>

          <section className="cv-findings" aria-labelledby="board-heading">
            <h2 id="board-heading">Findings to fix</h2>
            <div className="cv-filters" role="group" aria-label="Filter the findings">
              <FilterSelect id="board-show" label="Show" value={show} options={(Object.keys(SHOW_LABEL) as Show[]).map((k) => ({ value: k, label: SHOW_LABEL[k] }))} onChange={setShow} />
              <FilterSelect
                id="board-severity"
                label="Priority"
                value={severity}
                options={[{ value: 'all' as const, label: 'All priorities' }, ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))]}
                onChange={setSeverity}
              />
              <FilterSearch id="board-q" placeholder="Bucket, finding or person" value={q} onChange={setQ} />
            </div>
            <p className="cv-count" role="status">
              Showing {plural(rows.length, 'finding')}
              {filtered ? ` of ${board.items.length}` : ''}.
              {filtered && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled"
                    onClick={() => {
                      setShow('all');
                      setSeverity('all');
                      setQ('');
                    }}
                  >
                    Show all {board.items.length}
                  </button>
                </>
              )}
            </p>
            <div className="cv-table-scroll">
              <table className="usa-table usa-table--compact cv-board">
                <caption>
                  Findings to fix, most urgent first: by priority, then overdue, then the least advanced. Select a finding to work its checklist.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Priority</th>
                    <th scope="col">Finding</th>
                    <th scope="col">Status</th>
                    <th scope="col">Steps settled</th>
                    <th scope="col">Assigned to</th>
                    <th scope="col">Due</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((i) => (
                    <tr key={i.seq} data-seq={i.seq}>
                      <td className="cv-col-severity">
                        <SeverityTag severity={i.severity} />
                      </td>
                      <th scope="row" className="cv-board__finding">
                        <button type="button" className="cv-row-select" onClick={() => navigate({ screen: 'work', auditId, seq: i.seq })}>
                          {i.title}
                        </button>
                        <div className="cv-resource cv-code">{i.resourceName}</div>
                        {i.findingStatus === 'unknown' && <div className="cv-muted">Could not be checked</div>}
                      </th>
                      <td>
                        <WorkStatusTag status={i.status} />
                        {i.blockedSteps > 0 && <div className="cv-blocked">Blocked: {plural(i.blockedSteps, 'step')}</div>}
                        {i.carry !== 'first' && (
                          <div>
                            <CarryBadge carry={i.carry} />
                          </div>
                        )}
                      </td>
                      <td className="cv-steps-count">
                        {i.stepsSettled} of {i.stepsTotal}
                      </td>
                      <td>{i.assignee ?? <span className="cv-muted">Nobody yet</span>}</td>
                      <td>
                        {i.dueDate ? formatDay(i.dueDate) : <span className="cv-muted">No date</span>}
                        {i.overdue && (
                          <div>
                            <OverdueTag />
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                  {rows.length === 0 && <NoMatchRow columns={6} />}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
