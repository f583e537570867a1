import { useRef, useState } from 'react';
import type { CallResult, ChecklistStep, StepState, StepView } from '../api';
import { asSentence, formatDateTime, STEP_STATE_LABEL } from '../format';
import { CopyCommand } from './CopyCommand';

const STATES: StepState[] = ['open', 'done', 'not_applicable', 'blocked'];
const needsReason = (s: StepState) => s === 'not_applicable' || s === 'blocked';
const WHO: Record<string, string> = { clerk: 'the clerk', 'county IT': 'county IT', vendor: 'the vendor' };

export const whoText = (who: string[]) => {
  const names = who.map((w) => WHO[w] ?? w);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
};

/** What the person chose but has not saved: kept across reloads of the finding, so a conflict loses none of it. */
interface Draft {
  state?: StepState;
  reason?: string;
}

interface Props {
  step: ChecklistStep;
  saved: StepView;
  total: number;
  /** False once the finding is signed off: its steps are then read only. */
  editable: boolean;
  onSave: (state: StepState, reason: string, expectedRevision: number) => Promise<CallResult<unknown>>;
}

/** One step of a checklist: what to do, where, the commands, and its state with who set it when. */
export function StepItem({ step, saved, total, editable, onSave }: Props) {
  const [draft, setDraft] = useState<Draft>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const state = draft.state ?? saved.state;
  const reason = draft.reason ?? saved.reason;
  const dirty = state !== saved.state || (needsReason(state) && reason.trim() !== saved.reason);
  const id = `step-${step.n}`;
  // The blanks the person types (<NAME>) and has not yet; the core leaves out those already filled.
  const missing = step.missing.filter((m) => m.startsWith('<'));

  const save = async () => {
    if (needsReason(state) && !reason.trim()) {
      setError(`Say why step ${step.n} is ${state === 'blocked' ? 'blocked' : 'not applicable'}.`);
      reasonRef.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    const r = await onSave(state, needsReason(state) ? reason.trim() : '', saved.revision);
    setSaving(false);
    if (r.ok) setDraft({});
    // Someone else changed this step first: show what is saved now, and keep the reason typed here.
    else if (r.error.code === 'conflict') setDraft((d) => ({ reason: d.reason }));
    else setError(asSentence(r.error.message));
  };

  return (
    <li className={`cv-step cv-step--${saved.state}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="cv-step__title">
        <span className="cv-step__n">
          Step {step.n} <span className="usa-sr-only">of {total}</span>
        </span>
        {step.title}
      </h3>
      <p className="cv-step__who">
        <strong>Who:</strong> {whoText(step.who)}
        {step.changes ? ' · changes a setting' : ' · only reads or records'}
        {step.manual ? ' · done by hand' : ''}
      </p>
      <p>{step.do}</p>
      {step.console && (
        <p className="cv-step__console">
          <strong>In the AWS console:</strong> <span className="cv-code">{step.console}</span>
        </p>
      )}
      {missing.length > 0 && (
        <p className="cv-step__inputs">
          <strong>Fill in first</strong>, under “Fill in the blanks” above:{' '}
          {missing.map((m, i) => (
            <span key={m}>
              {i > 0 && ', '}
              <span className="cv-code">{m.slice(1, -1)}</span>
            </span>
          ))}
          .
        </p>
      )}
      {step.cli && step.cli.length > 0 && (
        <div className="cv-step__cli">
          <p>
            <strong>{step.cli.length === 1 ? 'The AWS CLI command' : 'The AWS CLI commands, in order'}:</strong>
          </p>
          {step.cli.map((cmd, i) => (
            <CopyCommand key={i} command={cmd} label={`command ${i + 1} of step ${step.n}`} />
          ))}
        </div>
      )}
      {step.caution && (
        <p className="cv-step__caution">
          <strong>Careful:</strong> {step.caution}
        </p>
      )}

      <div className="cv-step__state">
        <fieldset className="usa-fieldset" disabled={!editable || saving}>
          <legend className="usa-legend cv-step__legend">Step {step.n} is</legend>
          <div className="cv-step__radios">
            {STATES.map((s) => (
              <div className="usa-radio" key={s}>
                <input
                  className="usa-radio__input"
                  id={`${id}-${s}`}
                  type="radio"
                  name={`${id}-state`}
                  value={s}
                  checked={state === s}
                  onChange={() => {
                    setError(null);
                    setDraft((d) => ({ ...d, state: s }));
                  }}
                />
                <label className="usa-radio__label" htmlFor={`${id}-${s}`}>
                  {STEP_STATE_LABEL[s]}
                </label>
              </div>
            ))}
          </div>
          {needsReason(state) && (
            <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
              <label className="usa-label" htmlFor={`${id}-reason`}>
                {state === 'blocked' ? `What is step ${step.n} waiting for?` : `Why does step ${step.n} not apply?`} (required)
              </label>
              {error && (
                <span className="usa-error-message" id={`${id}-error`}>
                  {error}
                </span>
              )}
              <textarea
                ref={reasonRef}
                className={`usa-textarea cv-reason${error ? ' usa-input--error' : ''}`}
                id={`${id}-reason`}
                rows={2}
                maxLength={2000}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                value={reason}
                onChange={(e) => setDraft((d) => ({ ...d, reason: e.target.value }))}
              />
            </div>
          )}
          {!needsReason(state) && error && (
            <span className="usa-error-message" role="alert">
              {error}
            </span>
          )}
        </fieldset>
        <div className="cv-step__save">
          {editable && (
            <button type="button" className="usa-button" onClick={() => void save()} disabled={!dirty || saving}>
              {saving ? 'Saving…' : `Save step ${step.n}`}
            </button>
          )}
          <p className="cv-step__changed">
            {saved.updatedAt ? (
              <>
                Saved as <strong>{STEP_STATE_LABEL[saved.state].toLowerCase()}</strong> by {saved.updatedBy} on {formatDateTime(saved.updatedAt)}
                {saved.reason && <>: “{saved.reason}”</>}
              </>
            ) : (
              'Not started yet.'
            )}
            {dirty && editable && <strong className="cv-unsaved"> Not saved yet.</strong>}
          </p>
        </div>
      </div>
    </li>
  );
}
