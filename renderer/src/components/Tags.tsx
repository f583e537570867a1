import type { Severity, Status } from '../api';
import { SEVERITY_LABEL, STATUS_LABEL } from '../format';

const STATUS_ICON: Record<Status, string> = { fail: '✕', unknown: '?', pass: '✓', not_applicable: '–' };

/** Status as words with a shape beside them; the colour only repeats what the words say. */
export function StatusTag({ status, big }: { status: Status; big?: boolean }) {
  return (
    <span className={`usa-tag cv-tag cv-status--${status}${big ? ' usa-tag--big' : ''}`}>
      <span aria-hidden="true" className="cv-tag__icon">
        {STATUS_ICON[status]}
      </span>
      {STATUS_LABEL[status]}
    </span>
  );
}

/** muted: the check passed, so its severity is only what a failure would have been. */
export function SeverityTag({ severity, big, muted }: { severity: Severity; big?: boolean; muted?: boolean }) {
  return (
    <span className={`usa-tag cv-tag cv-severity--${severity}${big ? ' usa-tag--big' : ''}${muted ? ' cv-tag--muted' : ''}`}>
      {SEVERITY_LABEL[severity]}
      <span className="usa-sr-only"> severity</span>
    </span>
  );
}
