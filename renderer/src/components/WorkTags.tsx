import type { Carry, WorkStatus } from '../api';
import { CARRY_LABEL, WORK_STATUS_LABEL } from '../format';

const WORK_ICON: Record<WorkStatus, string> = { open: '○', in_progress: '◐', ready_to_sign: '✎', signed_off: '✓', fixed: '✓' };

/** Where a finding's remediation stands: a word and a shape; the colour only repeats them. */
export function WorkStatusTag({ status, big }: { status: WorkStatus; big?: boolean }) {
  return (
    <span className={`usa-tag cv-tag cv-work--${status}${big ? ' usa-tag--big' : ''}`}>
      <span aria-hidden="true" className="cv-tag__icon">
        {WORK_ICON[status]}
      </span>
      {WORK_STATUS_LABEL[status]}
    </span>
  );
}

/** New, still open or fixed against the county's previous audit; nothing on a first audit. */
export function CarryBadge({ carry }: { carry: Carry }) {
  const label = CARRY_LABEL[carry];
  if (!label) return null;
  return <span className={`usa-tag cv-tag cv-carry cv-carry--${carry}`}>{label}</span>;
}

/** "Overdue" in words, beside the date it was due. */
export function OverdueTag() {
  return (
    <span className="usa-tag cv-tag cv-overdue">
      <span aria-hidden="true" className="cv-tag__icon">
        !
      </span>
      Overdue
    </span>
  );
}
