import { useRef, useState, type FormEvent } from 'react';
import { call, type CallError, type Output } from '../api';
import type { Navigate } from '../App';
import { Alert } from '../components/Alert';
import {
  connectedSentence,
  liveConnection,
  LiveSourceFields,
  NEW_LIVE_FORM,
  validateLive,
  type ConnectionTest,
  type LiveErrors,
  type LiveForm,
} from '../components/LiveSource';
import { LocalSourceFields } from '../components/LocalSource';
import { Radio } from '../components/Radio';
import { ScreenHeading } from '../components/ScreenHeading';
import { StepIndicator } from '../components/StepIndicator';
import { TextField } from '../components/TextField';
import { asSentence, formatDate, plural, redactedKeyId } from '../format';

const STEPS = ['Who is auditing', 'What to check', 'Review and start'];
const MAX = 200;

type SourceKind = 'demo' | 'evidence' | 'live' | 'local';
type Evidence = { path: string; info: Output<'sources.inspectEvidence'> };

const SOURCES: Array<{ kind: SourceKind; label: string; description: string }> = [
  {
    kind: 'demo',
    label: 'The demo county (practice data)',
    description: 'Harlow County, a made-up county with problems planted in it. Use it to learn Canvass; nothing real is checked.',
  },
  {
    kind: 'evidence',
    label: 'An evidence folder collected from your AWS account',
    description:
      'The folder the Canvass collection script made on a computer signed in to your AWS account. It holds your storage settings, not your files.',
  },
  {
    kind: 'live',
    label: 'Your AWS account (live, read-only)',
    description:
      'Canvass signs in to your county’s AWS account and reads the storage settings itself. It only reads: it cannot change or delete anything.',
  },
  {
    kind: 'local',
    label: 'A folder or drive on this computer (or a network share)',
    description: 'Canvass reads the files in it and tells you where voter registration files and cloud storage credentials are kept.',
  },
];

function validateName(v: string, what: string): string | null {
  const t = v.trim();
  if (!t) return `Enter ${what}.`;
  if (t.length > MAX) return `${what[0].toUpperCase()}${what.slice(1)} must be ${MAX} characters or fewer.`;
  return null;
}

export function evidenceSentence(info: Output<'sources.inspectEvidence'>): string {
  const when = info.collectedAt ? `collected ${formatDate(info.collectedAt)}` : 'collection date not recorded';
  return `Evidence from AWS account ${info.accountId}, ${when}, ${plural(info.bucketCount, 'bucket')}`;
}

/** The live source on the review step: how Canvass signs in and where it goes, never a key. */
function liveSummary(f: LiveForm): string[] {
  const lines = [
    f.signIn === 'keys'
      ? `Signed in with the access key ${redactedKeyId(f.accessKeyId.trim())}, kept in memory only`
      : f.profile === 'default'
        ? 'Signed in with this computer’s standard AWS sign-in (profile “default”)'
        : `Signed in with the profile “${f.profile}”`,
    `Region ${f.region}`,
  ];
  if (f.endpoint.trim()) lines.push(`Endpoint ${f.endpoint.trim()}${f.pathStyle ? ', path-style addresses' : ''}`);
  return lines;
}

export function NewAuditScreen({ navigate }: { navigate: Navigate }) {
  const [step, setStep] = useState(0);
  const [jurisdiction, setJurisdiction] = useState('');
  const [auditor, setAuditor] = useState('');
  const [nameErrors, setNameErrors] = useState<{ jurisdiction?: string | null; auditor?: string | null }>({});
  const [kind, setKind] = useState<SourceKind | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<Evidence | null>(null);
  const [evidenceError, setEvidenceError] = useState<{ path: string | null; error: CallError } | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<CallError | null>(null);
  const [folders, setFolders] = useState<string[]>([]);
  const [live, setLive] = useState<LiveForm>(NEW_LIVE_FORM);
  const [liveErrors, setLiveErrors] = useState<LiveErrors>({});
  const [liveErrorsShown, setLiveErrorsShown] = useState(0);
  const [test, setTest] = useState<ConnectionTest>({ state: 'idle' });
  const [collecting, setCollecting] = useState(false);
  const [collectError, setCollectError] = useState<CallError | null>(null);
  const jurisdictionRef = useRef<HTMLInputElement>(null);
  const auditorRef = useRef<HTMLInputElement>(null);

  const submitNames = (e: FormEvent) => {
    e.preventDefault();
    const errs = { jurisdiction: validateName(jurisdiction, 'the county or office being audited'), auditor: validateName(auditor, 'your name') };
    setNameErrors(errs);
    if (errs.jurisdiction) return jurisdictionRef.current?.focus();
    if (errs.auditor) return auditorRef.current?.focus();
    setStep(1);
  };

  const chooseEvidence = async (pick: 'folder' | 'file') => {
    setChoosing(true);
    setSourceError(null);
    try {
      const chosen = await call('sources.chooseEvidence', { pick });
      if (!chosen.ok) return setEvidenceError({ path: null, error: chosen.error });
      const path = chosen.value.path;
      if (!path) return; // the clerk closed the dialog: keep what was there
      const inspected = await call('sources.inspectEvidence', { path });
      if (inspected.ok) {
        setEvidence({ path, info: inspected.value });
        setEvidenceError(null);
      } else {
        setEvidence(null);
        setEvidenceError({ path, error: inspected.error });
      }
    } finally {
      setChoosing(false);
    }
  };

  const changeLive = (patch: Partial<LiveForm>) => {
    setLive((f) => ({ ...f, ...patch }));
    // A test result speaks of the settings it was made with.
    setTest({ state: 'idle' });
  };

  /** Shows the live form's errors and moves focus to the first; true when there are none. */
  const liveIsValid = (): boolean => {
    const errs = validateLive(live);
    setLiveErrors(errs);
    if (Object.keys(errs).length === 0) return true;
    setLiveErrorsShown((n) => n + 1);
    return false;
  };

  const testConnection = async () => {
    if (!liveIsValid()) return;
    setTest({ state: 'testing' });
    const r = await call('live.testConnection', liveConnection(live));
    setTest(r.ok ? { state: 'connected', value: r.value } : { state: 'failed', error: r.error });
  };

  const submitSource = (e: FormEvent) => {
    e.preventDefault();
    if (!kind) return setSourceError('Choose what to check.');
    if (kind === 'evidence' && !evidence) return setSourceError('Choose an evidence folder that Canvass can read, or choose the demo county.');
    if (kind === 'local' && !folders.length) return setSourceError('Choose a folder or drive to scan.');
    setSourceError(null);
    if (kind === 'live' && !liveIsValid()) return;
    setStep(2);
  };

  const start = async () => {
    setStarting(true);
    setStartError(null);
    const sources =
      kind === 'live'
        ? [{ kind: 'live' as const, ...liveConnection(live) }]
        : kind === 'local'
          ? folders.map((path) => ({ kind: 'local' as const, path }))
          : kind === 'evidence' && evidence
            ? [{ kind: 'evidence' as const, path: evidence.path }]
            : [{ kind: 'demo' as const }];
    const r = await call('scan.start', { jurisdiction: jurisdiction.trim(), auditor: auditor.trim(), sources });
    setStarting(false);
    if (!r.ok) return setStartError(r.error);
    navigate({ screen: 'scan', scanId: r.value.scanId, jurisdiction: jurisdiction.trim(), local: kind === 'local' });
  };

  const collect = async () => {
    setCollecting(true);
    setCollectError(null);
    const r = await call('collect.start', liveConnection(live));
    setCollecting(false);
    if (!r.ok) return setCollectError(r.error);
    // A closed folder dialog starts nothing.
    if (r.value.collectId && r.value.path) navigate({ screen: 'collect', collectId: r.value.collectId, path: r.value.path });
  };

  const sourceSummary =
    kind === 'demo'
      ? 'The demo county (practice data)'
      : kind === 'live'
        ? 'Your AWS account, read live and read-only'
        : kind === 'local'
          ? `The files in ${folders.length === 1 ? 'this folder' : `these ${folders.length} folders`} on this computer, for voter registration files and cloud storage credentials`
          : evidence
          ? evidenceSentence(evidence.info)
          : '';

  return (
    <div className="cv-screen cv-narrow">
      <ScreenHeading title="Start a new audit">Start a new audit</ScreenHeading>
      <StepIndicator steps={STEPS} current={step} label="Steps to start an audit" />

      {step === 0 && (
        <form className="usa-form usa-form--large" noValidate onSubmit={submitNames}>
          <p className="cv-lead">These names are printed on the report you will sign.</p>
          <TextField
            id="jurisdiction"
            name="jurisdiction"
            label="County or election office being audited"
            hint="For example, Harlow County"
            error={nameErrors.jurisdiction}
            inputRef={jurisdictionRef}
            autoComplete="organization"
            value={jurisdiction}
            maxLength={MAX + 50}
            onChange={setJurisdiction}
          />
          <TextField
            id="auditor"
            name="auditor"
            label="Your name"
            hint="The person responsible for this audit"
            error={nameErrors.auditor}
            inputRef={auditorRef}
            autoComplete="name"
            value={auditor}
            maxLength={MAX + 50}
            onChange={setAuditor}
          />
          <div className="cv-actions">
            <button type="button" className="usa-button usa-button--outline" onClick={() => navigate({ screen: 'home' })}>
              Back to your audits
            </button>
            <button type="submit" className="usa-button">
              Continue
            </button>
          </div>
        </form>
      )}

      {step === 1 && (
        <form className="usa-form usa-form--large cv-source-form" noValidate onSubmit={submitSource}>
          <div className={`usa-form-group${sourceError ? ' usa-form-group--error' : ''}`}>
            <fieldset className="usa-fieldset" aria-describedby={sourceError ? 'source-error' : undefined}>
              <legend className="usa-legend cv-legend">What should Canvass check?</legend>
              {sourceError && (
                <span className="usa-error-message" id="source-error" role="alert">
                  {sourceError}
                </span>
              )}
              {SOURCES.map((o) => (
                <Radio
                  key={o.kind}
                  tile
                  id={`source-${o.kind}`}
                  name="source"
                  value={o.kind}
                  checked={kind === o.kind}
                  onChange={() => setKind(o.kind)}
                  label={o.label}
                  description={o.description}
                />
              ))}
            </fieldset>
          </div>

          {kind === 'live' && (
            <LiveSourceFields
              form={live}
              onChange={changeLive}
              errors={liveErrors}
              errorsShown={liveErrorsShown}
              test={test}
              onTest={() => void testConnection()}
            />
          )}

          {kind === 'local' && (
            <LocalSourceFields
              folders={folders}
              onChange={(f) => {
                setFolders(f);
                setSourceError(null);
              }}
            />
          )}

          {kind === 'evidence' && (
            <div className="cv-evidence">
              <div className="cv-evidence__pickers">
                <button type="button" className="usa-button usa-button--outline" onClick={() => void chooseEvidence('folder')} disabled={choosing}>
                  {choosing ? 'Opening…' : evidence ? 'Choose a different folder…' : 'Choose folder…'}
                </button>
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => void chooseEvidence('file')} disabled={choosing}>
                  Or choose a .zip bundle or an AWS Config file…
                </button>
              </div>
              {evidence && !evidenceError && (
                <Alert type="success" slim>
                  <p>
                    <strong>{evidenceSentence(evidence.info)}.</strong>
                  </p>
                  <p className="cv-path">{evidence.path}</p>
                </Alert>
              )}
              {evidenceError && (
                <Alert type="error" heading="This evidence cannot be used" level={3}>
                  <p>{evidenceError.error.message}</p>
                  <p>
                    Choose the folder that holds <span className="cv-code">manifest.json</span>, made by the Canvass collection script. Nothing
                    has been started.
                  </p>
                </Alert>
              )}
            </div>
          )}

          <div className="cv-actions">
            <button type="button" className="usa-button usa-button--outline" onClick={() => setStep(0)}>
              Back
            </button>
            <button type="submit" className="usa-button">
              Continue
            </button>
          </div>
        </form>
      )}

      {step === 2 && (
        <div className="cv-review">
          <p className="cv-lead">Check these details. They are printed on the report.</p>
          <dl className="cv-summary-list">
            <div>
              <dt>County or office</dt>
              <dd>{jurisdiction.trim()}</dd>
              <dd className="cv-summary-list__change">
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => setStep(0)}>
                  Change<span className="usa-sr-only"> the county or office</span>
                </button>
              </dd>
            </div>
            <div>
              <dt>Auditor</dt>
              <dd>{auditor.trim()}</dd>
              <dd className="cv-summary-list__change">
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => setStep(0)}>
                  Change<span className="usa-sr-only"> the auditor</span>
                </button>
              </dd>
            </div>
            <div>
              <dt>What is checked</dt>
              <dd>
                {sourceSummary}
                {kind === 'evidence' && evidence && <div className="cv-path">{evidence.path}</div>}
                {kind === 'local' && (
                  <ul className="cv-live-summary">
                    {folders.map((f) => (
                      <li key={f}>
                        <span className="cv-path">{f}</span>
                      </li>
                    ))}
                  </ul>
                )}
                {kind === 'live' && (
                  <ul className="cv-live-summary">
                    {liveSummary(live).map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                    {test.state === 'connected' && <li>Tested: {connectedSentence(test.value, live.endpoint)}</li>}
                  </ul>
                )}
              </dd>
              <dd className="cv-summary-list__change">
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => setStep(1)}>
                  Change<span className="usa-sr-only"> what is checked</span>
                </button>
              </dd>
            </div>
          </dl>
          <p>
            {kind === 'local'
              ? 'Canvass only reads. It never copies, moves, changes or uploads your files, and it never shows a credential or a voter’s details.'
              : 'Canvass only reads. It changes nothing in your AWS account or in the evidence folder.'}
          </p>
          {startError && (
            <Alert type="error" heading="The audit could not start">
              <p>{asSentence(startError.message)}</p>
            </Alert>
          )}
          <div className="cv-actions">
            <button type="button" className="usa-button usa-button--outline" onClick={() => setStep(1)}>
              Back
            </button>
            <button type="button" className="usa-button usa-button--big" onClick={() => void start()} disabled={starting}>
              {starting ? 'Starting…' : 'Start audit'}
            </button>
          </div>
          {kind === 'live' && (
            <section className="cv-collect-only" aria-labelledby="collect-only-heading">
              <h3 id="collect-only-heading">Or collect evidence only</h3>
              <p>
                Save what Canvass reads from your AWS account into an empty folder, without auditing it here. Carry the folder to a computer
                that is not connected to the internet and audit it there.
              </p>
              {collectError && (
                <Alert type="error" heading="The evidence could not be collected" level={3}>
                  <p>{asSentence(collectError.message)}</p>
                </Alert>
              )}
              <button type="button" className="usa-button usa-button--outline" onClick={() => void collect()} disabled={collecting}>
                {collecting ? 'Choosing a folder…' : 'Collect evidence only…'}
              </button>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
