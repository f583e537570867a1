import { useState } from 'react';
import type { CallResult, FindingWork } from '../api';
import { asSentence, formatDay } from '../format';
import { OverdueTag } from './WorkTags';

interface Props {
  work: FindingWork;
  editable: boolean;
  onSave: (assignee: string | null, dueDate: string | null, expectedRevision: number) => Promise<CallResult<unknown>>;
}

/** Who has the finding and by when. What is typed stays typed across a reload; the saved values are shown beside it. */
export function AssignmentForm({ work, editable, onSave }: Props) {
  const [assignee, setAssignee] = useState(work.assignee ?? '');
  const [due, setDue] = useState(work.dueDate ?? '');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const dirty = assignee.trim() !== (work.assignee ?? '') || due !== (work.dueDate ?? '');

  const save = async () => {
    setSaving(true);
    setMessage(null);
    const r = await onSave(assignee.trim() || null, due || null, work.revision);
    setSaving(false);
    if (r.ok) setMessage({ ok: true, text: 'Assignment saved.' });
    else if (r.error.code !== 'conflict') setMessage({ ok: false, text: asSentence(r.error.message) });
  };

  return (
    <section className="cv-panel" aria-labelledby="assign-heading">
      <h2 id="assign-heading">Who is doing it, and by when</h2>
      <p className="cv-saved-line">
        {work.assignee ? (
          <>
            Assigned to <strong>{work.assignee}</strong>
            {work.dueDate ? <>, due {formatDay(work.dueDate)}</> : ', no due date'}.
          </>
        ) : (
          <>Nobody is assigned{work.dueDate ? <>; due {formatDay(work.dueDate)}</> : ''}.</>
        )}{' '}
        {work.overdue && <OverdueTag />}
      </p>
      {editable && (
        <form
          className="cv-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="assignee">
              Assigned to
            </label>
            <div className="usa-hint" id="assignee-hint">
              A person, or a team like “County IT”. Leave empty for nobody.
            </div>
            <input className="usa-input" id="assignee" aria-describedby="assignee-hint" maxLength={200} value={assignee} onChange={(e) => setAssignee(e.target.value)} />
          </div>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="due-date">
              Due date
            </label>
            <div className="usa-hint" id="due-date-hint">
              Optional.
            </div>
            <input className="usa-input cv-date" id="due-date" type="date" aria-describedby="due-date-hint" value={due} onChange={(e) => setDue(e.target.value)} />
          </div>
          <button type="submit" className="usa-button" disabled={!dirty || saving}>
            {saving ? 'Saving…' : 'Save assignment'}
          </button>
        </form>
      )}
      {message && (
        <p className={message.ok ? 'cv-ok-line' : 'usa-error-message'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
