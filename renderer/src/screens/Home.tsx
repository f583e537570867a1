import { useEffect, useState } from 'react';
import { call, type Audit, type CallError } from '../api';
import type { Navigate } from '../App';
import { Alert } from '../components/Alert';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatDateTime, plural } from '../format';

const STATUS_TEXT: Record<Audit['status'], string> = { complete: 'Complete', cancelled: 'Cancelled', failed: 'Failed' };
const STATUS_ICON: Record<Audit['status'], string> = { complete: '✓', cancelled: '–', failed: '✕' };

function sourceText(a: Audit): string {
  if (a.sources.some((s) => s.kind === 'demo')) return 'Demo county (practice data)';
  const folders = a.sources.filter((s) => s.kind === 'local').map((s) => s.ref);
  const rest = a.accountId ? [`AWS account ${a.accountId}`] : a.sources.filter((s) => s.kind !== 'local').map((s) => s.ref);
  return [...rest, ...(folders.length ? [`${folders.length === 1 ? 'Folder' : 'Folders'} ${folders.join(', ')}`] : [])].join('; ');
}

export function HomeScreen({ navigate }: { navigate: Navigate }) {
  const [audits, setAudits] = useState<Audit[] | null>(null);
  const [error, setError] = useState<CallError | null>(null);

  useEffect(() => {
    let live = true;
    void call('audits.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setAudits(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, []);

  const start = (
    <button type="button" className="usa-button usa-button--big" onClick={() => navigate({ screen: 'new' })}>
      Start a new audit
    </button>
  );

  return (
    <div className="cv-screen">
      <div className="cv-titlebar">
        <ScreenHeading title="Your audits">Your audits</ScreenHeading>
        {audits && audits.length > 0 && start}
      </div>

      {error && (
        <Alert type="error" heading="Your audits could not be loaded">
          <p>{error.message}</p>
        </Alert>
      )}

      {!audits && !error && <p className="cv-loading">Loading your audits…</p>}

      {audits && audits.length === 0 && (
        <section className="cv-welcome" aria-labelledby="welcome-heading">
          <div className="grid-row grid-gap-6">
            <div className="tablet-lg:grid-col-7">
              <h2 id="welcome-heading" className="cv-welcome__heading">
                Find voter data that anyone on the internet could reach
              </h2>
              <p className="usa-intro">
                Canvass checks your county’s Amazon&nbsp;S3 cloud storage for files that strangers could read, change or delete, and for
                voter registration records stored there.
              </p>
              <p>
                It signs in to <strong>your AWS account</strong> and reads it, or works offline from an <strong>evidence folder</strong>{' '}
                that your IT staff or vendor collects from the account. Canvass never changes anything in your account. When the audit is
                done you get a plain-language list of problems and a report you can print, sign and file.
              </p>
              <p>No audits yet. You can try Canvass on a made-up county first: choose “The demo county” in the next step.</p>
              {start}
            </div>
            <div className="tablet-lg:grid-col-5">
              <ol className="cv-howto" aria-label="How an audit works">
                <li>
                  <strong>Say who is auditing.</strong> Your county’s name and yours go on the report.
                </li>
                <li>
                  <strong>Choose what to check.</strong> Your AWS account, an evidence folder collected from it, or the demo county.
                </li>
                <li>
                  <strong>Read the findings.</strong> What anyone can reach comes first, with what it means and how it was found.
                </li>
                <li>
                  <strong>Save the report</strong> as a PDF to print, sign and file.
                </li>
              </ol>
            </div>
          </div>
        </section>
      )}

      {audits && audits.length > 0 && (
        <table className="usa-table usa-table--borderless cv-audits">
          <caption>
            {plural(audits.length, 'audit')} on this computer, newest first. “Problems” are checks that failed; “Could not check” are checks
            whose evidence was missing or unreadable.
          </caption>
          <thead>
            <tr>
              <th scope="col">County or office</th>
              <th scope="col">Started</th>
              <th scope="col">What was checked</th>
              <th scope="col">Status</th>
              <th scope="col" className="cv-num">
                Problems
              </th>
              <th scope="col" className="cv-num">
                Could not check
              </th>
              <th scope="col">
                <span className="usa-sr-only">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {audits.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.jurisdiction}
                  <div className="cv-muted">Audited by {a.auditor}</div>
                </th>
                <td>{formatDateTime(a.startedAt)}</td>
                <td>{sourceText(a)}</td>
                <td>
                  <span className={`usa-tag cv-tag cv-audit--${a.status}`}>
                    <span aria-hidden="true" className="cv-tag__icon">
                      {STATUS_ICON[a.status]}
                    </span>
                    {STATUS_TEXT[a.status]}
                  </span>
                </td>
                <td className="cv-num">{a.status === 'complete' ? a.counts.fail : '—'}</td>
                <td className="cv-num">{a.status === 'complete' ? a.counts.unknown : '—'}</td>
                <td>
                  <button
                    type="button"
                    className="usa-button usa-button--outline cv-open"
                    onClick={() => navigate({ screen: 'findings', auditId: a.id })}
                    aria-label={`Open the ${a.jurisdiction} audit of ${formatDateTime(a.startedAt)}`}
                  >
                    Open
                  </button>
                  {a.status === 'complete' && (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled cv-board-link"
                      onClick={() => navigate({ screen: 'board', auditId: a.id })}
                      aria-label={`Remediation board of the ${a.jurisdiction} audit of ${formatDateTime(a.startedAt)}`}
                    >
                      Remediation board
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
