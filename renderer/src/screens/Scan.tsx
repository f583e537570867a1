import { useEffect } from 'react';
import { call, type ScanProgress } from '../api';
import type { Navigate } from '../App';
import { ProgressPanel } from '../components/ProgressPanel';
import { RunEnded } from '../components/RunEnded';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatBytes, num, plural } from '../format';
import { useScan } from '../run-events';

const phases = (local: boolean): Array<{ id: ScanProgress['phase']; label: string }> => [
  { id: 'reading', label: local ? 'Reading the files' : 'Reading the evidence' },
  { id: 'checking', label: 'Running the checks' },
  { id: 'saving', label: 'Saving the audit' },
];

function progressText(p: ScanProgress | null): string {
  if (!p) return 'Starting…';
  // A folder's size is not known before it is walked: say what has been read and found so far.
  if (p.local) return `${plural(p.local.files, 'file')}, ${formatBytes(p.local.bytes)} read, ${plural(p.local.findings, 'finding')} so far in ${p.local.root}`;
  if (p.phase === 'reading' && p.total === 0) return p.message;
  if (p.phase === 'reading') return `Read ${num(p.done)} of ${num(p.total)} bucket${p.total === 1 ? '' : 's'}`;
  if (p.phase === 'checking') return `Checked ${num(p.done)} of ${num(p.total)} bucket${p.total === 1 ? '' : 's'}`;
  return p.done >= p.total ? 'Audit saved' : 'Saving the audit';
}

export function ScanScreen({ scanId, jurisdiction, local, navigate }: { scanId: string; jurisdiction: string; local: boolean; navigate: Navigate }) {
  const { progress, finished } = useScan(scanId);
  const stages = phases(local);

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
        {local ? (
          <p>Nothing was saved for this audit, and your earlier audits are unchanged.</p>
        ) : (
          <p>
            If the message names a file in the evidence folder, pass it on to whoever collected the evidence; collecting again usually fixes
            it. If it is about signing in to AWS or reaching it, start a new audit and use Test connection to try the sign-in. Nothing was
            saved for this audit, and your earlier audits are unchanged.
          </p>
        )}
      </RunEnded>
    );
  }

  const phaseIndex = progress ? stages.findIndex((p) => p.id === progress.phase) : 0;
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const text = progressText(progress);

  return (
    <div className="cv-screen cv-narrow">
      <ScreenHeading title={`Auditing ${jurisdiction}`}>Auditing {jurisdiction}</ScreenHeading>
      <p className="cv-lead">
        {local
          ? 'Canvass is reading every file in the folders you chose, looking for voter registration files and cloud storage credentials. A large drive or network share can take a while; you can cancel at any time.'
          : 'Canvass is reading the evidence and running its checks. For most counties this takes less than a minute.'}
      </p>

      <ProgressPanel
        id="scan-progress"
        label={stages[Math.max(0, phaseIndex)].label}
        total={total}
        done={done}
        text={text}
        detail={text === progress?.message ? undefined : progress?.message}
        cancel={() => call('scan.cancel', { scanId })}
        cancelLabel="Cancel audit"
        cancelErrorHeading="The audit could not be cancelled"
      >
        <ol className="cv-phases" aria-label="Stages of the audit">
          {stages.map((p, i) => (
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
