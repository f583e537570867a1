import { useState } from 'react';
import { call, type CallResult, type FindingWork, type Input, type Output } from '../api';
import { asSentence, formatDateTime, STATUS_LABEL } from '../format';
import { Alert } from './Alert';
import { liveConnection, LiveSourceFields, NEW_LIVE_FORM, validateLive, type ConnectionTest, type LiveErrors, type LiveForm } from './LiveSource';
import { Radio } from './Radio';
import { CopyCommand } from './CopyCommand';

type Source = Input<'work.verifyFix'>['source'];
type Result = Output<'work.verifyFix'>;

const SOURCE_KIND: Record<string, string> = { live: 'The account, live', evidence: 'Evidence bundle', 'aws-config': 'AWS Config file', local: 'The file, read again' };
const RESULT_TEXT: Record<string, string> = { pass: 'Fixed', fail: 'Still a problem', unknown: 'Could not tell', not_applicable: 'Does not apply' };

interface Props {
  work: FindingWork;
  onVerify: (source: Source) => Promise<CallResult<Result>>;
}

/** Verify fix: the finding's check again on its resource, from new evidence or live; closes it only on a pass. */
export function VerifyFixPanel({ work, onVerify }: Props) {
  const [from, setFrom] = useState<'evidence' | 'live'>('evidence');
  const [evidencePath, setEvidencePath] = useState<string | null>(null);
  const [live, setLive] = useState<LiveForm>(NEW_LIVE_FORM);
  const [liveErrors, setLiveErrors] = useState<LiveErrors>({});
  const [errorsShown, setErrorsShown] = useState(0);
  const [test, setTest] = useState<ConnectionTest>({ state: 'idle' });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ result: Result } | { error: string } | null>(null);
  const verify = work.checklist?.verify;

  const choose = async (pick: 'folder' | 'file') => {
    const r = await call('sources.chooseEvidence', { pick });
    if (r.ok && r.value.path) setEvidencePath(r.value.path);
    else if (!r.ok) setOutcome({ error: asSentence(r.error.message) });
  };
  const liveValid = () => {
    const errs = validateLive(live);
    setLiveErrors(errs);
    if (Object.keys(errs).length) {
      setErrorsShown((n) => n + 1);
      return false;
    }
    return true;
  };
  const testConnection = async () => {
    if (!liveValid()) return;
    setTest({ state: 'testing' });
    const r = await call('live.testConnection', liveConnection(live));
    setTest(r.ok ? { state: 'connected', value: r.value } : { state: 'failed', error: r.error });
  };
  const verifyWith = async (source: Source) => {
    setBusy(true);
    const r = await onVerify(source);
    setBusy(false);
    if (r.ok) setOutcome({ result: r.value });
    else if (r.error.code !== 'conflict') setOutcome({ error: asSentence(r.error.message) });
  };
  const run = async () => {
    setOutcome(null);
    let source: Source;
    if (from === 'evidence') {
      if (!evidencePath) {
        setOutcome({ error: 'Choose the newly collected evidence first.' });
        return;
      }
      source = { kind: 'evidence', path: evidencePath };
    } else {
      if (!liveValid()) return;
      source = { kind: 'live', ...liveConnection(live) };
    }
    await verifyWith(source);
  };
  const outcomeAlerts = (
    <>
      {outcome && 'result' in outcome && (
        <Alert
          type={outcome.result.closed ? 'success' : outcome.result.status === 'unknown' ? 'warning' : 'error'}
          heading={outcome.result.closed ? 'Fixed: the finding is closed' : outcome.result.status === 'unknown' ? 'Canvass could not tell' : 'Still a problem'}
          level={3}
        >
          <p>{outcome.result.detail}</p>
          {!outcome.result.closed && <p>The finding stays open; this attempt is kept below.</p>}
        </Alert>
      )}
      {outcome && 'error' in outcome && (
        <Alert type="error" heading="The fix could not be verified" level={3}>
          <p>{outcome.error}</p>
        </Alert>
      )}
    </>
  );

  return (
    <section className="cv-panel" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify the fix</h2>
      {verify && (
        <>
          <h3>Check it by hand</h3>
          <p>{verify.do}</p>
          {verify.cli?.map((cmd, i) => <CopyCommand key={i} command={cmd} label={`verification command ${i + 1}`} />)}
          <p>
            <strong>What Canvass shows once it holds:</strong> {verify.rescan}
          </p>
        </>
      )}
      {work.finding.resource.type === 'file' ? (
        <>
          <h3>Have Canvass check it again</h3>
          <p>
            Canvass reads <span className="cv-path">{work.finding.resource.id}</span> again and runs this finding’s check on it. The finding
            closes only if the check now passes (a file removed from a folder that is still there counts as fixed); every attempt is kept.
          </p>
          <div className="cv-actions cv-actions--tight">
            <button
              type="button"
              className="usa-button"
              onClick={() => {
                setOutcome(null);
                void verifyWith({ kind: 'local' });
              }}
              disabled={busy}
            >
              {busy ? 'Checking…' : 'Check the file again'}
            </button>
          </div>
          {outcomeAlerts}
        </>
      ) : (
        <>
          <h3>Have Canvass check it again</h3>
          <p>
            Canvass runs this finding’s check again on <span className="cv-code">{work.finding.resource.name}</span>. The finding closes only
            if the check now passes; every attempt is kept.
          </p>
          <fieldset className="usa-fieldset">
            <legend className="usa-legend cv-legend">Check it with</legend>
            <Radio id="verify-evidence" name="verify-from" checked={from === 'evidence'} onChange={() => setFrom('evidence')} label="Evidence collected after the fix" />
            <Radio id="verify-live" name="verify-from" checked={from === 'live'} onChange={() => setFrom('live')} label="Your AWS account (live, read-only)" />
          </fieldset>
          {from === 'evidence' ? (
            <div className="cv-evidence">
              <div className="cv-evidence__pickers">
                <button type="button" className="usa-button usa-button--outline" onClick={() => void choose('folder')}>
                  Choose evidence folder…
                </button>
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => void choose('file')}>
                  Or choose a .zip bundle or an AWS Config file…
                </button>
              </div>
              <p>
                {evidencePath ? (
                  <>
                    Chosen: <span className="cv-path">{evidencePath}</span>
                  </>
                ) : (
                  'No evidence chosen yet.'
                )}
              </p>
            </div>
          ) : (
            <LiveSourceFields
              form={live}
              onChange={(patch) => {
                setLive((f) => ({ ...f, ...patch }));
                setTest({ state: 'idle' });
              }}
              errors={liveErrors}
              errorsShown={errorsShown}
              test={test}
              onTest={() => void testConnection()}
            />
          )}
          <div className="cv-actions cv-actions--tight">
            <button type="button" className="usa-button" onClick={() => void run()} disabled={busy}>
              {busy ? 'Checking…' : 'Verify fix'}
            </button>
          </div>
          {outcomeAlerts}
        </>
      )}
      <h3 className="cv-subheading">Attempts so far</h3>
      {work.verifications.length === 0 ? (
        <p className="cv-muted">No attempts yet.</p>
      ) : (
        <div className="cv-table-scroll">
          <table className="usa-table usa-table--compact cv-attempts">
            <caption className="usa-sr-only">Attempts to verify the fix, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">By</th>
                <th scope="col">Checked with</th>
                <th scope="col">Result</th>
                <th scope="col">What the check found</th>
              </tr>
            </thead>
            <tbody>
              {work.verifications.map((v, i) => (
                <tr key={i}>
                  <td>{formatDateTime(v.at)}</td>
                  <td>{v.by}</td>
                  <td>
                    {SOURCE_KIND[v.sourceKind] ?? v.sourceKind}
                    <div className="cv-muted cv-code">{v.sourceRef}</div>
                  </td>
                  <td>
                    <strong>{RESULT_TEXT[v.status] ?? STATUS_LABEL[v.status as keyof typeof STATUS_LABEL] ?? v.status}</strong>
                  </td>
                  <td>{v.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
