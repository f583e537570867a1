import { useState, type ReactNode } from 'react';
import type { CallError, CallResult } from '../api';
import { Alert } from './Alert';

interface Props {
  /** The <progress> element's id, which its label points to. */
  id: string;
  label: ReactNode;
  /** What there is to do; 0 while it is not yet known (the bar is then indeterminate). */
  total: number;
  done: number;
  /** The live text under the bar, also the bar's aria-valuetext. */
  text: string;
  /** A quieter line under the live text, left out when empty. */
  detail?: ReactNode;
  /** Shown above the bar in the same card (the stages of a scan). */
  children?: ReactNode;
  /** Asks the core to stop; a result with ok:false is shown under the card. */
  cancel: () => Promise<CallResult<unknown>>;
  cancelLabel: string;
  cancelErrorHeading: string;
}

/** The progress of a running scan or collection: a card with the bar and its live text, then Cancel. */
export function ProgressPanel({ id, label, total, done, text, detail, children, cancel, cancelLabel, cancelErrorHeading }: Props) {
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<CallError | null>(null);

  const onCancel = async () => {
    setCancelling(true);
    setCancelError(null);
    const r = await cancel();
    if (!r.ok) {
      setCancelling(false);
      setCancelError(r.error);
    }
    // cancelled:false means the run had already ended; its finished event says how.
  };

  return (
    <>
      <div className="cv-progress-card">
        {children}
        <label htmlFor={id} className="cv-progress-label">
          {label}
        </label>
        <progress
          id={id}
          className="cv-progress"
          max={Math.max(total, 1)}
          value={total ? done : undefined}
          aria-valuemin={0}
          aria-valuemax={Math.max(total, 1)}
          aria-valuenow={total ? done : undefined}
          aria-valuetext={text}
        />
        <p className="cv-progress-text" role="status" aria-live="polite">
          {text}
        </p>
        {detail && <p className="cv-muted cv-progress-detail">{detail}</p>}
      </div>
      {cancelError && (
        <Alert type="error" heading={cancelErrorHeading}>
          <p>{cancelError.message}</p>
        </Alert>
      )}
      <div className="cv-actions">
        <button type="button" className="usa-button usa-button--secondary" onClick={() => void onCancel()} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : cancelLabel}
        </button>
      </div>
    </>
  );
}
