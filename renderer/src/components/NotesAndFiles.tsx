import { useState } from 'react';
import type { CallResult, FindingWork, Output } from '../api';
import { asSentence, formatBytes, formatDateTime } from '../format';

interface NotesProps {
  notes: FindingWork['notes'];
  onAdd: (text: string) => Promise<CallResult<unknown>>;
}

/** Notes: who wrote what, when; a note is never edited or removed. */
export function NotesPanel({ notes, onAdd }: NotesProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const add = async () => {
    if (!text.trim()) {
      setError('Write the note first.');
      return;
    }
    setSaving(true);
    setError(null);
    const r = await onAdd(text);
    setSaving(false);
    if (r.ok) setText('');
    else if (r.error.code !== 'conflict') setError(asSentence(r.error.message));
  };
  return (
    <section className="cv-panel" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes</h2>
      {notes.length === 0 ? (
        <p className="cv-muted">No notes yet.</p>
      ) : (
        <ol className="cv-notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="cv-notes__meta">
                <strong>{n.author}</strong>, {formatDateTime(n.at)}
              </p>
              <p className="cv-notes__text">{n.text}</p>
            </li>
          ))}
        </ol>
      )}
      <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
        <label className="usa-label" htmlFor="note-text">
          Add a note
        </label>
        {error && (
          <span className="usa-error-message" id="note-error">
            {error}
          </span>
        )}
        <textarea
          className="usa-textarea"
          id="note-text"
          rows={3}
          maxLength={10_000}
          value={text}
          aria-describedby={error ? 'note-error' : undefined}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <button type="button" className="usa-button usa-button--outline" onClick={() => void add()} disabled={saving}>
        {saving ? 'Adding…' : 'Add note'}
      </button>
    </section>
  );
}

interface FilesProps {
  attachments: FindingWork['attachments'];
  onAttach: () => Promise<CallResult<Output<'work.attach'>>>;
}

/** Files kept with the finding, copied into Canvass's data folder; the SHA-256 shows a copy is the same file. */
export function AttachmentsPanel({ attachments, onAttach }: FilesProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const attach = async () => {
    setBusy(true);
    setMessage(null);
    const r = await onAttach();
    setBusy(false);
    if (r.ok) setMessage(r.value.attachment ? { ok: true, text: `${r.value.attachment.name} is attached.` } : null);
    else if (r.error.code !== 'conflict') setMessage({ ok: false, text: asSentence(r.error.message) });
  };
  return (
    <section className="cv-panel" aria-labelledby="files-heading">
      <h2 id="files-heading">Attached files</h2>
      <p className="cv-muted">
        Screenshots, exported logs, a signed letter: Canvass keeps a copy on this computer with its SHA-256 fingerprint, up to 25 MB a file.
      </p>
      {attachments.length > 0 && (
        <div className="cv-table-scroll">
          <table className="usa-table usa-table--compact cv-files">
            <caption className="usa-sr-only">Files attached to this finding</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="cv-num">
                  Size
                </th>
                <th scope="col">SHA-256</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {attachments.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className="cv-code">
                    {a.name}
                  </th>
                  <td className="cv-num">{formatBytes(a.size)}</td>
                  <td className="cv-code cv-hash">{a.sha256}</td>
                  <td>
                    {a.addedBy}, {formatDateTime(a.at)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" className="usa-button usa-button--outline" onClick={() => void attach()} disabled={busy}>
        {busy ? 'Attaching…' : 'Attach a file…'}
      </button>
      {message && (
        <p className={message.ok ? 'cv-ok-line' : 'usa-error-message'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
