import { useState } from 'react';
import type { CallResult, FindingWork } from '../api';
import { asSentence, formatDateTime, listing, STEP_STATE_LABEL } from '../format';
import { TextField } from './TextField';

interface Props {
  work: FindingWork;
  onSignOff: (name: string, role: string) => Promise<CallResult<unknown>>;
  onReopen: (reason: string) => Promise<CallResult<unknown>>;
}

const settled = (s: FindingWork['steps'][number]) => s.state === 'done' || s.state === 'not_applicable';

/** The sign-off (name, role, time), possible once every step is done or does not apply; and reopening it. */
export function SignOffPanel({ work, onSignOff, onReopen }: Props) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ name?: string; role?: string; reason?: string; call?: string }>({});
  const [busy, setBusy] = useState(false);
  const unsettled = work.steps.filter((s) => !settled(s));
  const ready = unsettled.length === 0 && work.steps.length > 0;

  const sign = async () => {
    const e = { name: name.trim() ? undefined : 'Enter the name of the person signing.', role: role.trim() ? undefined : 'Enter their role, like County Clerk.' };
    setErrors(e);
    if (e.name || e.role) {
      document.getElementById(e.name ? 'signoff-name' : 'signoff-role')?.focus();
      return;
    }
    setBusy(true);
    const r = await onSignOff(name, role);
    setBusy(false);
    if (!r.ok && r.error.code !== 'conflict') setErrors({ call: asSentence(r.error.message) });
  };
  const reopen = async () => {
    if (!reason.trim()) {
      setErrors({ reason: 'Say why the finding is reopened.' });
      document.getElementById('reopen-reason')?.focus();
      return;
    }
    setBusy(true);
    const r = await onReopen(reason);
    setBusy(false);
    if (r.ok) setReason('');
    else if (r.error.code !== 'conflict') setErrors({ call: asSentence(r.error.message) });
  };

  if (work.signoff || work.closedAt) {
    return (
      <section className="cv-panel cv-signoff" aria-labelledby="signoff-heading">
        <h2 id="signoff-heading">Sign-off</h2>
        {work.signoff ? (
          <p className="cv-signoff__done">
            Signed off by <strong>{work.signoff.name}</strong> ({work.signoff.role}) on {formatDateTime(work.signoff.at)}.
          </p>
        ) : (
          <p>Not signed off.</p>
        )}
        {work.closedAt && <p>A re-check on {formatDateTime(work.closedAt)} found it fixed: the finding is closed.</p>}
        <div className={`usa-form-group${errors.reason ? ' usa-form-group--error' : ''}`}>
          <label className="usa-label" htmlFor="reopen-reason">
            Reopen it: why?
          </label>
          <div className="usa-hint" id="reopen-hint">
            Reopen when a step must change or the problem came back. The sign-off stays in the audit trail.
          </div>
          {errors.reason && (
            <span className="usa-error-message" id="reopen-error">
              {errors.reason}
            </span>
          )}
          <textarea
            className="usa-textarea"
            id="reopen-reason"
            rows={2}
            maxLength={2000}
            aria-describedby={`reopen-hint${errors.reason ? ' reopen-error' : ''}`}
            aria-invalid={errors.reason ? true : undefined}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button type="button" className="usa-button usa-button--outline" onClick={() => void reopen()} disabled={busy}>
          Reopen finding
        </button>
        {errors.call && (
          <p className="usa-error-message" role="alert">
            {errors.call}
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="cv-panel cv-signoff" aria-labelledby="signoff-heading">
      <h2 id="signoff-heading">Sign-off</h2>
      <p id="signoff-status" className={ready ? 'cv-ok-line' : 'cv-signoff__wait'}>
        {ready
          ? 'Every step is done or does not apply: this finding can be signed off.'
          : `You can sign off once every step is done or marked not applicable. Still to settle: ${listing(
              unsettled.map((s) => `step ${s.n} (${STEP_STATE_LABEL[s.state].toLowerCase()})`),
            )}.`}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void sign();
        }}
      >
        <fieldset className="usa-fieldset" disabled={!ready || busy} aria-describedby="signoff-status">
          <legend className="usa-sr-only">Who signs off</legend>
          <TextField id="signoff-name" label="Name of the person signing" error={errors.name} value={name} onChange={setName} maxLength={200} autoComplete="name" />
          <TextField
            id="signoff-role"
            label="Their role"
            hint="For example County Clerk, IT Director, or the vendor’s name and title."
            error={errors.role}
            value={role}
            onChange={setRole}
            maxLength={200}
          />
          <button type="submit" className="usa-button">
            {busy ? 'Signing off…' : 'Sign off this finding'}
          </button>
        </fieldset>
      </form>
      {errors.call && (
        <p className="usa-error-message" role="alert">
          {errors.call}
        </p>
      )}
    </section>
  );
}
