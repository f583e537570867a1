import { useCallback, useEffect, useRef, useState } from 'react';
import { useActor } from '../actor';
import { call, type CallResult, type FindingWork } from '../api';
import type { Navigate } from '../App';
import { blankRefused, filledBlanks, useStoredBlanks, type Blanks } from '../blanks';
import { Alert } from '../components/Alert';
import { AssignmentForm } from '../components/AssignmentForm';
import { BlanksForm } from '../components/BlanksForm';
import { AttachmentsPanel, NotesPanel } from '../components/NotesAndFiles';
import { ScreenHeading } from '../components/ScreenHeading';
import { LoadFailed, Loading } from '../components/ScreenStates';
import { SignOffPanel } from '../components/SignOffPanel';
import { StepItem, whoText } from '../components/StepItem';
import { SeverityTag, StatusTag } from '../components/Tags';
import { VerifyFixPanel } from '../components/VerifyFixPanel';
import { WorkingAs } from '../components/WorkingAs';
import { CarryBadge, WorkStatusTag } from '../components/WorkTags';
import { asSentence, formatDateTime, resourceLabel, resourceShown, withReadableTimes } from '../format';

const NO_ACTOR = 'Enter your name under “Working as” before you change anything.';
/** How long typing in a blank pauses before the commands are filled in again. */
const TYPING_PAUSE_MS = 300;

/** The checklist screen: working one finding from open to signed off. */
export function WorkFindingScreen({ auditId, seq, navigate }: { auditId: string; seq: number; navigate: Navigate }) {
  const [work, setWork] = useState<FindingWork | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [actorError, setActorError] = useState<string | null>(null);
  const [actor] = useActor();
  const actorInput = useRef<HTMLInputElement>(null);
  const [blanks, setBlank] = useStoredBlanks(auditId, seq);
  const [blankErrors, setBlankErrors] = useState<Blanks>({});
  // The blanks as last typed, for a reload after a save: that must not fill in older values.
  const typed = useRef(blanks);
  useEffect(() => {
    typed.current = blanks;
  }, [blanks]);
  const loads = useRef(0);

  /**
   * Loads the finding with the checklist filled in from the blanks typed. A value the core
   * refuses (it names the blank) is shown by its field and left out, so the rest still fills in;
   * only the newest load's answer is shown, so a slow one cannot undo later typing.
   */
  const load = useCallback(
    async (values: Blanks) => {
      const n = ++loads.current;
      let inputs = filledBlanks(values);
      const refused: Blanks = {};
      for (;;) {
        const r = await call('work.get', { auditId, seq, inputs });
        if (n !== loads.current) return;
        const name = r.ok || r.error.code !== 'bad_input' ? undefined : blankRefused(r.error.message, Object.keys(inputs));
        if (!r.ok && name) {
          refused[name] = asSentence(r.error.message);
          inputs = Object.fromEntries(Object.entries(inputs).filter(([k]) => k !== name));
          continue;
        }
        if (r.ok) {
          setWork(r.value);
          setLoadError(null);
          setBlankErrors(refused);
        } else setLoadError(asSentence(r.error.message));
        return;
      }
    },
    [auditId, seq],
  );
  const reload = useCallback(() => load(typed.current), [load]);

  // At once when the screen opens, then after each pause in typing a blank.
  const opened = useRef(false);
  useEffect(() => {
    const t = setTimeout(() => void load(blanks), opened.current ? TYPING_PAUSE_MS : 0);
    opened.current = true;
    return () => clearTimeout(t);
  }, [blanks, load]);

  /**
   * Every change goes through here: it needs a name to record, and a conflict (someone else
   * changed it first) shows one message and reloads what is saved. Nothing typed elsewhere on
   * the screen is touched: each form keeps its own text.
   */
  const act = async <T,>(run: (actor: string) => Promise<CallResult<T>>): Promise<CallResult<T>> => {
    const who = actor.trim();
    if (!who) {
      setActorError(NO_ACTOR);
      actorInput.current?.focus();
      return { ok: false, error: { code: 'invalid_input', message: NO_ACTOR } };
    }
    setActorError(null);
    const r = await run(who);
    if (r.ok) setConflict(null);
    else if (r.error.code === 'conflict') setConflict(asSentence(withReadableTimes(r.error.message)));
    if (r.ok || r.error.code === 'conflict') await reload();
    return r;
  };

  if (loadError && !work) {
    return (
      <LoadFailed
        title="Finding not available"
        heading="This finding cannot be shown"
        alert="The finding could not be loaded"
        message={loadError}
        back={{ label: 'Back to the remediation board', go: () => navigate({ screen: 'board', auditId }) }}
      />
    );
  }
  if (!work) {
    return <Loading title="Loading finding" heading="Loading the finding…" />;
  }

  const { finding, checklist } = work;
  const editable = !work.signoff && !work.closedAt;
  const ref = { auditId, seq };

  return (
    <div className="cv-screen cv-work">
      <button type="button" className="usa-button usa-button--unstyled cv-back" onClick={() => navigate({ screen: 'board', auditId })}>
        <span aria-hidden="true">←</span> Remediation board
      </button>
      <p className="cv-detail__eyebrow">
        {work.jurisdiction} · finding {finding.seq}
      </p>
      <ScreenHeading title={checklist?.title ?? finding.title}>{checklist?.title ?? finding.title}</ScreenHeading>
      <p className="cv-work__tags">
        <WorkStatusTag status={work.status} big /> <SeverityTag severity={finding.severity} big /> <StatusTag status={finding.status} big />{' '}
        <CarryBadge carry={work.carry} />
      </p>
      <p className="cv-detail__resource">
        <span className="cv-muted">{resourceLabel(finding.resource)}:</span> <strong className="cv-code">{resourceShown(finding.resource)}</strong>
      </p>
      <p className="cv-detail__sentence">{finding.detail}</p>

      <WorkingAs error={actorError} inputRef={actorInput} />

      {conflict && (
        <Alert type="error" heading="Not saved: someone else changed this finding first" className="cv-conflict">
          <p>{conflict}</p>
          <p>The screen now shows what is saved. Anything you typed in other fields is still there.</p>
        </Alert>
      )}
      {loadError && (
        <Alert type="error" heading="The finding could not be reloaded">
          <p>{loadError}</p>
        </Alert>
      )}
      {!editable && (
        <Alert type="info" live={false}>
          <p>{work.signoff ? 'This finding is signed off' : 'This finding is closed'}: its steps can no longer change. Reopen it below to change them.</p>
        </Alert>
      )}

      {checklist ? (
        <>
          <section className="cv-panel" aria-labelledby="about-heading">
            <h2 id="about-heading">About this finding</h2>
            <h3>What it means</h3>
            <p>{checklist.meaning}</p>
            <h3>Why it matters</h3>
            <p>{checklist.whyItMatters}</p>
            <h3>Who usually does it</h3>
            <p>{asSentence(whoText(checklist.who))}</p>
            {checklist.election && checklist.election.length > 0 && (
              <>
                <h3>For election offices</h3>
                <ul>
                  {checklist.election.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              </>
            )}
          </section>

          <AssignmentForm work={work} editable={editable} onSave={(assignee, dueDate, expectedRevision) => act((a) => call('work.assign', { ...ref, assignee, dueDate, expectedRevision, actor: a }))} />

          <section className="cv-panel" aria-labelledby="steps-heading">
            <h2 id="steps-heading">Steps</h2>
            <p className="cv-muted">
              Mark each step done, not applicable or blocked (with a reason) and save it. Checklist version {checklist.version}.
            </p>
            {checklist.inputs && checklist.inputs.length > 0 && <BlanksForm inputs={checklist.inputs} values={blanks} errors={blankErrors} onChange={setBlank} />}
            <ol className="cv-steps">
              {checklist.steps.map((s) => {
                const saved = work.steps.find((x) => x.n === s.n)!;
                return (
                  <StepItem
                    key={s.n}
                    step={s}
                    saved={saved}
                    total={checklist.steps.length}
                    editable={editable}
                    onSave={(state, reason, expectedRevision) => act((a) => call('work.setStep', { ...ref, step: s.n, state, reason, expectedRevision, actor: a }))}
                  />
                );
              })}
            </ol>
            {checklist.files.length > 0 && (
              <>
                <h3>Files the steps use</h3>
                <ul className="cv-checklist-files">
                  {checklist.files.map((f) => (
                    <li key={f.name}>
                      <span className="cv-code">{f.name}</span>: {f.about}
                      {f.content && (
                        <pre className="cv-json" tabIndex={0} aria-label={`Contents of ${f.name}`}>
                          <code>{f.content}</code>
                        </pre>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      ) : (
        <Alert type="warning" live={false} heading="No checklist for this finding">
          <p>Canvass has no checklist for check {finding.checkId}. Notes, files and verification still work.</p>
        </Alert>
      )}

      <VerifyFixPanel work={work} onVerify={(source) => act((a) => call('work.verifyFix', { ...ref, source, actor: a }))} />
      <NotesPanel notes={work.notes} onAdd={(text) => act((a) => call('work.addNote', { ...ref, text, actor: a }))} />
      <AttachmentsPanel attachments={work.attachments} onAttach={() => act((a) => call('work.attach', { ...ref, actor: a }))} />
      <SignOffPanel
        work={work}
        onSignOff={(name, role) => act((a) => call('work.signOff', { ...ref, name, role, actor: a }))}
        onReopen={(reason) => act((a) => call('work.reopen', { ...ref, reason, actor: a }))}
      />

      {checklist && checklist.references.length > 0 && (
        <section className="cv-panel" aria-labelledby="refs-heading">
          <h2 id="refs-heading">References</h2>
          <ul className="cv-references">
            {checklist.references.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      <p className="cv-muted">
        {work.carriedFrom && work.carry === 'still_open' && <>Progress carried over from the audit before this one. </>}
        Check <span className="cv-code">{finding.checkId}</span>
        {work.closedAt && <> · closed {formatDateTime(work.closedAt)}</>}
      </p>
      <div className="cv-actions">
        <button type="button" className="usa-button usa-button--outline" onClick={() => navigate({ screen: 'log', auditId })}>
          Audit trail
        </button>
      </div>
    </div>
  );
}
