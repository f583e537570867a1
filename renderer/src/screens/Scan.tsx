import { useEffect } from 'react';
import { call, type ScanProgress } from '../api';
import type { Navigate } from '../App';
import { ProgressPanel } from '../components/ProgressPanel';
import { RunEnded } from '../components/RunEnded';
import { ScreenHeading } from '../components/ScreenHeading';
import { num } from '../format';
import { useScan } from '../run-events';

const PHASES: Array<{ id: ScanProgress['phase']; label: string }> = [
  { id: 'reading', label: 'Reading the evidence' },
  { id: 'checking', label: 'Running the checks' },
  { id: 'saving', label: 'Saving the audit' },
];

function progressText(p: ScanProgress | null): string {
  if (!p) return 'Starting…';
  if (p.phase === 'reading') return `Read ${num(p.done)} of ${num(p.total)} bucket${p.total === 1 ? '' : 's'}`;
  if (p.phase === 'checking') return `Checked ${num(p.done)} of ${num(p.total)} bucket${p.total === 1 ? '' : 's'}`;
  return p.done >= p.total ? 'Audit saved' : 'Saving the audit';
}

export function ScanScreen({ scanId, jurisdiction, navigate }: { scanId: string; jurisdiction: string; navigate: Navigate }) {
  const { progress, finished } = useScan(scanId);

  useEffect(() => {
    if (finished?.status === 'complete' && finished.auditId) navigate({ screen: 'findings', auditId: finished.auditId });
  }, [finished, navigate]);

  if (finished?.status === 'cancelled') {
    return (
      <RunEnded title="Audit cancelled" type="info" heading="Nothing was checked" navigate={navigate}>
        <p>
          The audit of {jurisdiction} was stopped before it finished. It is listed among your audits as cancelled, with no findings. Your
          earlier audits are unchanged.
        </p>
      </RunEnded>
    );
  }

  if (finished?.status === 'failed') {
    return (
      <RunEnded title="The audit could not finish" type="error" heading="What went wrong" navigate={navigate}>
        <p>{finished.error?.message ?? 'Canvass stopped without saying why.'}</p>
        <p>
          If the message names a file in the evidence folder, pass it on to whoever collected the evidence; collecting again usually fixes
          it. If it is about signing in to AWS or reaching it, start a new audit and use Test connection to try the sign-in. Nothing was
          saved for this audit, and your earlier audits are unchanged.
        </p>
      </RunEnded>
    );
  }

  const phaseIndex = progress ? PHASES.findIndex((p) => p.id === progress.phase) : 0;
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const text = progressText(progress);

  return (
    <div className="cv-screen cv-narrow">
      <ScreenHeading title={`Auditing ${jurisdiction}`}>Auditing {jurisdiction}</ScreenHeading>
      <p className="cv-lead">Canvass is reading the evidence and running its checks. For most counties this takes less than a minute.</p>

      <ProgressPanel
        id="scan-progress"
        label={PHASES[Math.max(0, phaseIndex)].label}
        total={total}
        done={done}
        text={text}
        detail={progress?.message}
        cancel={() => call('scan.cancel', { scanId })}
        cancelLabel="Cancel audit"
        cancelErrorHeading="The audit could not be cancelled"
      >
        <ol className="cv-phases" aria-label="Stages of the audit">
          {PHASES.map((p, i) => (
            <li
              key={p.id}
              className={i < phaseIndex ? 'cv-phase--done' : i === phaseIndex ? 'cv-phase--current' : ''}
              aria-current={i === phaseIndex ? 'step' : undefined}
            >
              <span aria-hidden="true" className="cv-phase__mark">
                {i < phaseIndex ? '✓' : i + 1}
              </span>
              {p.label}
              {i < phaseIndex && <span className="usa-sr-only"> (done)</span>}
            </li>
          ))}
        </ol>
      </ProgressPanel>
    </div>
  );
}
