import { useEffect, useMemo, useRef, useState } from 'react';
import { call, type AuditData, type CallError, type CheckMeta, type Finding } from '../api';
import type { Navigate } from '../App';
import { Alert } from '../components/Alert';
import { FindingDetail } from '../components/FindingDetail';
import { DEFAULT_FILTERS, FindingsTable, matchesStatus, visibleFindings, type Filters, type Sort } from '../components/FindingsTable';
import { ScreenHeading } from '../components/ScreenHeading';
import { LoadFailed, Loading } from '../components/ScreenStates';
import { AuditSummary } from '../components/Summary';
import { formatDate, formatDateTime } from '../format';
import { localFound } from '../local-findings';

type SaveState =
  | { state: 'idle' }
  | { state: 'saving'; format: 'pdf' | 'html' }
  | { state: 'saved'; format: 'pdf' | 'html'; path: string }
  | { state: 'dismissed' }
  | { state: 'error'; error: CallError };

const FORMAT_NAME = { pdf: 'PDF', html: 'web page (HTML)' } as const;

export function FindingsScreen({ auditId, navigate }: { auditId: string; navigate: Navigate }) {
  const [data, setData] = useState<AuditData | null>(null);
  const [catalog, setCatalog] = useState<Map<string, CheckMeta>>(new Map());
  const [error, setError] = useState<CallError | null>(null);
  const [catalogError, setCatalogError] = useState<CallError | null>(null);
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const [sort, setSort] = useState<Sort | null>(null);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const detailPane = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([call('audits.get', { auditId }), call('checks.catalog', {})]).then(([a, c]) => {
      if (!live) return;
      if (a.ok) {
        setData(a.value);
        // Start with the worst finding open: voter data anyone can read; else, when no bucket is open to
        // anyone, what the summary leads with for the drives (a voter file, then a credential); else the first the core lists.
        const { summary, findings } = a.value;
        const worst = summary.publicVoterData[0];
        const onDrives = summary.publicRead.length ? null : localFound(findings);
        const first =
          findings.find((f) => f.checkId === 's3.bucket.public-read' && f.status === 'fail' && f.resource.name === worst) ??
          onDrives?.voterFiles[0] ??
          onDrives?.credentialFiles[0] ??
          visibleFindings(findings, DEFAULT_FILTERS, null)[0];
        setSelectedSeq(first?.seq ?? null);
      } else setError(a.error);
      if (c.ok) setCatalog(new Map(c.value.map((m) => [m.id, m])));
      else setCatalogError(c.error);
    });
    return () => {
      live = false;
    };
  }, [auditId]);

  const selected = useMemo(() => data?.findings.find((f) => f.seq === selectedSeq) ?? null, [data, selectedSeq]);

  const showResource = (matches: (f: Finding) => boolean, checkIds: string[]) => {
    if (!data) return;
    const ofResource = data.findings.filter(matches);
    const problem = (x: Finding) => x.status === 'fail' || x.status === 'unknown';
    const f =
      ofResource.find((x) => checkIds.includes(x.checkId) && problem(x)) ??
      ofResource.find((x) => checkIds.includes(x.checkId)) ??
      ofResource.find(problem) ??
      ofResource[0];
    if (!f) return;
    setFilters({ status: matchesStatus(f, filters.status) ? filters.status : 'all', severity: 'all', q: '' });
    setSelectedSeq(f.seq);
    requestAnimationFrame(() => {
      detailPane.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      detailHeading.current?.focus({ preventScroll: true });
    });
  };

  /** Below the two-column width the details sit under the table: a click takes the clerk there. */
  const stacked = () => window.matchMedia('(max-width: 74.99em)').matches;
  const selectFinding = (f: Finding, how: 'click' | 'arrow') => {
    setSelectedSeq(f.seq);
    if (how === 'click' && stacked()) {
      requestAnimationFrame(() => {
        detailPane.current?.scrollIntoView({ block: 'start' });
        detailHeading.current?.focus({ preventScroll: true });
      });
    }
  };
  const backToTable = () => {
    const button = document.querySelector<HTMLButtonElement>(`tr[data-seq="${selectedSeq}"] .cv-row-select`);
    button?.scrollIntoView({ block: 'center' });
    button?.focus({ preventScroll: true });
  };

  const saveReport = async (format: 'pdf' | 'html') => {
    setSave({ state: 'saving', format });
    const r = await call('report.save', { auditId, format });
    if (!r.ok) setSave({ state: 'error', error: r.error });
    else if (r.value.path) setSave({ state: 'saved', format, path: r.value.path });
    else setSave({ state: 'dismissed' });
  };

  if (error) {
    return (
      <LoadFailed
        title="Audit not available"
        heading="This audit cannot be shown"
        alert="The audit could not be loaded"
        message={error.message}
        back={{ label: 'Back to your audits', go: () => navigate({ screen: 'home' }) }}
      />
    );
  }
  if (!data) {
    return <Loading title="Loading audit" heading="Loading the audit…" />;
  }

  const { audit, summary, findings } = data;
  const complete = audit.status === 'complete';
  const demo = audit.sources.some((s) => s.kind === 'demo');
  const folders = audit.sources.every((s) => s.kind === 'local');

  return (
    <div className="cv-screen">
      <button type="button" className="usa-button usa-button--unstyled cv-back" onClick={() => navigate({ screen: 'home' })}>
        <span aria-hidden="true">←</span> Your audits
      </button>
      <div className="cv-titlebar">
        <div>
          <ScreenHeading title={`${audit.jurisdiction} audit`}>{audit.jurisdiction} audit</ScreenHeading>
          <p className="cv-audit-meta">
            Audited by <strong>{audit.auditor}</strong> on {formatDateTime(audit.startedAt)}
            {audit.accountId && (
              <>
                {' '}
                · AWS account <span className="cv-code">{audit.accountId}</span>
              </>
            )}
            {audit.collectedAt && <> · evidence collected {formatDate(audit.collectedAt)}</>}
            {demo && <> · practice data (demo county)</>}
          </p>
        </div>
        {complete && (
          <div className="cv-report-actions" role="group" aria-label="Remediation and the report">
            <button type="button" className="usa-button usa-button--outline" onClick={() => navigate({ screen: 'board', auditId })}>
              Remediation board
            </button>
            <button type="button" className="usa-button" onClick={() => void saveReport('pdf')} disabled={save.state === 'saving'}>
              {save.state === 'saving' && save.format === 'pdf' ? 'Saving PDF…' : 'Save report as PDF'}
            </button>
            <button
              type="button"
              className="usa-button usa-button--outline"
              onClick={() => void saveReport('html')}
              disabled={save.state === 'saving'}
            >
              {save.state === 'saving' && save.format === 'html' ? 'Saving…' : 'Save as HTML'}
            </button>
          </div>
        )}
      </div>

      {save.state === 'saved' && (
        <Alert type="success" heading="Report saved" slim={false} className="cv-save-alert">
          <p>
            The {FORMAT_NAME[save.format]} report was saved to <span className="cv-path">{save.path}</span>
          </p>
        </Alert>
      )}
      {save.state === 'dismissed' && (
        <Alert type="info" slim className="cv-save-alert">
          <p>The report was not saved.</p>
        </Alert>
      )}
      {save.state === 'error' && (
        <Alert type="error" heading="The report could not be saved" className="cv-save-alert">
          <p>{save.error.message}</p>
        </Alert>
      )}

      {!complete ? (
        <Alert type="info" heading={`This audit was ${audit.status}`} live={false}>
          <p>
            It stopped before its checks ran, so it has no findings and no report. Start a new audit to check{' '}
            {demo ? 'the demo county' : folders ? 'these folders' : 'this evidence'} again.
          </p>
          <button type="button" className="usa-button margin-top-1" onClick={() => navigate({ screen: 'new' })}>
            Start a new audit
          </button>
        </Alert>
      ) : (
        <>
          <AuditSummary audit={audit} summary={summary} findings={findings} onShowResource={showResource} />
          {catalogError && (
            <Alert type="warning" heading="Explanations are not available">
              <p>The list of checks could not be loaded, so “What this means” is missing: {catalogError.message}</p>
            </Alert>
          )}
          <section className="cv-findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading">All findings</h2>
            <div className="cv-findings-layout">
              <FindingsTable
                findings={findings}
                filters={filters}
                onFilters={setFilters}
                sort={sort}
                onSort={setSort}
                selectedSeq={selectedSeq}
                onSelect={selectFinding}
              />
              <div className="cv-detail-pane" ref={detailPane}>
                <FindingDetail
                  finding={selected}
                  meta={selected ? catalog.get(selected.checkId) : undefined}
                  headingRef={detailHeading}
                  onWork={(f) => navigate({ screen: 'work', auditId, seq: f.seq })}
                />
                <button type="button" className="usa-button usa-button--outline cv-detail-back" onClick={backToTable}>
                  Back to the findings table
                </button>
              </div>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
