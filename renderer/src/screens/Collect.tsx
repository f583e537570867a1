import { call } from '../api';
import type { Navigate } from '../App';
import { ProgressPanel } from '../components/ProgressPanel';
import { RunEnded } from '../components/RunEnded';
import { ScreenHeading } from '../components/ScreenHeading';
import { asSentence, num, plural } from '../format';
import { useCollect } from '../run-events';

/** Collect evidence only: progress and cancel while the account is read into the folder, then where the folder is and what to do with it. */
export function CollectScreen({ collectId, path, navigate }: { collectId: string; path: string; navigate: Navigate }) {
  const { progress, finished } = useCollect(collectId);

  if (finished?.status === 'complete' && finished.result) {
    const r = finished.result;
    return (
      <RunEnded
        title="Evidence collected"
        type="success"
        heading="The evidence is in this folder"
        navigate={navigate}
        next={
          <>
            <h2 className="cv-next-heading">Next: carry it to the offline computer</h2>
            <p>
              Copy this whole folder to a USB drive and carry it to the computer that is not connected to the internet. There, open Canvass,
              start a new audit, choose “An evidence folder collected from your AWS account”, and choose this folder. It holds your storage
              settings and the column names of a few files, never the voter records themselves.
            </p>
          </>
        }
      >
        <p className="cv-path cv-collected-path">{finished.path}</p>
        <p>
          {plural(r.bucketCount, 'bucket')}
          {r.accountId ? ` of AWS account ${r.accountId}` : ''}, read with {plural(r.calls, 'call')} to AWS. Any call AWS refused is
          recorded too, and the audit will show what it could not check.
        </p>
      </RunEnded>
    );
  }

  if (finished?.status === 'cancelled') {
    return (
      <RunEnded title="Collection cancelled" type="info" heading="Nothing was saved" navigate={navigate}>
        <p>
          The collection was stopped before it finished. Nothing was written to <span className="cv-path">{finished.path}</span>.
        </p>
      </RunEnded>
    );
  }

  if (finished?.status === 'failed') {
    return (
      <RunEnded title="The evidence could not be collected" type="error" heading="What went wrong" navigate={navigate}>
        <p>{asSentence(finished.error?.message ?? 'Canvass stopped without saying why')}</p>
        <p>Nothing was written to the folder. Start a new audit and use Test connection to check the sign-in before collecting again.</p>
      </RunEnded>
    );
  }

  const total = progress?.bucketsFound ?? 0;
  const done = progress?.bucketsDone ?? 0;
  const text = !progress ? 'Signing in…' : `Read ${num(done)} of ${plural(total, 'bucket')}`;

  return (
    <div className="cv-screen cv-narrow">
      <ScreenHeading title="Collecting evidence">Collecting evidence</ScreenHeading>
      <p className="cv-lead">
        Canvass is reading your AWS account’s storage settings, read-only, into <span className="cv-path">{path}</span>.
      </p>
      <ProgressPanel
        id="collect-progress"
        label="Reading your AWS account"
        total={total}
        done={done}
        text={text}
        detail={progress && `${plural(progress.callsDone, 'call')} to AWS so far`}
        cancel={() => call('collect.cancel', { collectId })}
        cancelLabel="Cancel collection"
        cancelErrorHeading="The collection could not be cancelled"
      />
    </div>
  );
}
