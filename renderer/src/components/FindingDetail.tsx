import type { Ref } from 'react';
import type { CheckMeta, Finding } from '../api';
import { resourceLabel, resourceShown } from '../format';
import { Json } from './JsonBlock';
import { LocalEvidence } from './LocalEvidence';
import { SeverityTag, StatusTag } from './Tags';

/** What each error code means, in words a clerk can pass on to whoever collected the evidence. */
const CODE_MEANING: Record<string, string> = {
  AccessDenied: 'The account that collected the evidence was not allowed to read this setting',
  NotCollected: 'This setting was not in the evidence folder',
  NoSuchBucket: 'The bucket no longer existed when the evidence was collected',
  NoSuchBucketPolicy: 'The bucket has no policy',
  NoSuchPublicAccessBlockConfiguration: 'Block Public Access has never been set',
  AllAccessDisabled: 'All access to this bucket is disabled',
  InvalidToken: 'The credentials used to collect were not valid',
  ExpiredToken: 'The credentials used to collect had expired',
};

/** whatItMeans describes a failure; the heading says so when this finding is not one. */
const MEANING_HEADING: Record<Finding['status'], string> = {
  fail: 'What this means',
  unknown: 'What it would mean if it is a problem',
  pass: 'What a problem here would mean',
  not_applicable: 'What a problem here would mean',
};

interface Grant {
  via?: string;
  what?: string;
  grant?: unknown;
  neutralizedBy?: string;
}
interface Unreadable {
  call?: string;
  code?: string;
  message?: string;
}

interface VoterObject {
  key?: string;
  columnsByKind?: Record<string, string[]>;
  signal?: string;
  size?: number;
}

const KIND_NAME: Record<string, string> = {
  voterId: 'voter ID',
  name: 'name',
  address: 'address',
  birth: 'date of birth',
  registration: 'registration date',
  party: 'party',
  district: 'precinct or district',
  status: 'voter status',
  phone: 'phone',
  email: 'email',
  ssn: 'Social Security number',
  license: 'driver’s license',
};
const kindName = (k: string) => KIND_NAME[k] ?? k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Evidence keys this pane shows in words; anything else is shown as JSON. */
const SHOWN = ['grants', 'neutralized', 'unreadable', 'escalated', 'objects', 'off', 'inEffect'];

const asArray = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const sameWords = (a?: string, b?: string) => (a ?? '').replace(/\s+/g, '').toLowerCase() === (b ?? '').replace(/\s+/g, '').toLowerCase();
function Evidence({ finding }: { finding: Finding }) {
  const ev = finding.evidence ?? {};
  const grants = asArray<Grant>(ev.grants);
  const neutralized = asArray<Grant>(ev.neutralized);
  const unreadable = asArray<Unreadable>(ev.unreadable);
  const objects = asArray<VoterObject>(ev.objects);
  const off = asArray<string>(ev.off).filter((x) => typeof x === 'string');
  const inEffect = isRecord(ev.inEffect) ? ev.inEffect : null;
  const escalated = typeof ev.escalated === 'string' ? ev.escalated : null;
  const rest = Object.fromEntries(Object.entries(ev).filter(([k]) => !SHOWN.includes(k) || (k === 'objects' && !Array.isArray(ev.objects))));
  const hasRest = Object.keys(rest).length > 0;
  const shownAny = grants.length || neutralized.length || unreadable.length || objects.length || off.length || inEffect || escalated;

  if (!shownAny && !hasRest) {
    return <p className="cv-muted">This check records no further evidence for this resource.</p>;
  }
  return (
    <>
      {escalated && (
        <p className="cv-escalated">
          <strong>Severity raised:</strong> {escalated}
        </p>
      )}
      {grants.length > 0 && (
        <div className="cv-evidence-block">
          <h4>{finding.status === 'fail' ? 'What gives this access' : 'Grants found'}</h4>
          <p className="cv-muted">The exact setting, as AWS stores it. Remove or narrow it to close the access.</p>
          {grants.map((g, i) => (
            <div key={i} className="cv-grant">
              <p>
                <strong>{g.via ?? 'Grant'}</strong>
                {g.what ? `: ${g.what}` : ''}
              </p>
              <Json value={g.grant} label={`${g.via ?? 'grant'} ${i + 1}`} />
            </div>
          ))}
        </div>
      )}
      {neutralized.length > 0 && (
        <div className="cv-evidence-block">
          <h4>Public grants that are switched off</h4>
          <p className="cv-muted">
            These grants would make the bucket public, but Block Public Access cancels them. If that setting were turned off, they would take
            effect again.
          </p>
          {neutralized.map((g, i) => (
            <div key={i} className="cv-grant">
              <p>
                <strong>{g.via ?? 'Grant'}</strong>
                {g.what ? `: ${g.what}` : ''}
              </p>
              <p>
                <span className="cv-neutralized">Switched off by {g.neutralizedBy}</span>
              </p>
              <Json value={g.grant} label={`switched-off ${g.via ?? 'grant'} ${i + 1}`} />
            </div>
          ))}
        </div>
      )}
      {unreadable.length > 0 && (
        <div className="cv-evidence-block">
          <h4>Evidence Canvass could not read</h4>
          <p className="cv-muted">Whoever collects the evidence can fix these by running the collection again with permission to read them.</p>
          <ul className="cv-unreadable-list">
            {unreadable.map((u, i) => (
              <li key={i}>
                <span className="cv-code cv-call">{u.call}</span> <span className="cv-code cv-errcode">{u.code}</span>
                <div>
                  {(u.code && CODE_MEANING[u.code]) ?? 'The call failed'}
                  {u.message && !sameWords(u.message, u.code) && <span className="cv-muted"> (“{u.message}”)</span>}.
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      {objects.length > 0 && (
        <div className="cv-evidence-block">
          <h4>Files that look like voter records</h4>
          <p className="cv-muted">Canvass read only column names and the shape of a few rows, never the values.</p>
          <ul className="cv-objects">
            {objects.map((o, i) => (
              <li key={i}>
                <span className="cv-code">{o.key}</span>
                <div className="cv-muted">
                  {o.columnsByKind
                    ? `Columns: ${Object.entries(o.columnsByKind)
                        .map(([k, cols]) => `${kindName(k)} (${cols.join(', ')})`)
                        .join('; ')}`
                    : o.signal === 'file name'
                      ? 'Its file name points to voter data; its contents were not sampled.'
                      : o.signal}
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      {off.length > 0 && (
        <div className="cv-evidence-block">
          <h4>Settings that are off</h4>
          <ul className="cv-off">
            {off.map((o) => (
              <li key={o} className="cv-code">
                {o}
              </li>
            ))}
          </ul>
        </div>
      )}
      {inEffect && (
        <div className="cv-evidence-block">
          <h4>Where each Block Public Access setting is on</h4>
          <table className="usa-table usa-table--compact cv-unreadable">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">On at</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(inEffect).map(([k, v]) => (
                <tr key={k}>
                  <td className="cv-code">{k}</td>
                  <td>{v === 'off' ? <strong>off</strong> : String(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasRest && (
        <div className="cv-evidence-block">
          <h4>{shownAny ? 'Other evidence' : 'What the finding rests on'}</h4>
          <Json value={rest} label="evidence" />
        </div>
      )}
    </>
  );
}

/** The selected finding: what it is, what it means, and the exact evidence behind it. */
export function FindingDetail({
  finding,
  meta,
  headingRef,
  onWork,
}: {
  finding: Finding | null;
  meta: CheckMeta | undefined;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Opens the finding's checklist; offered for what failed or could not be checked. */
  onWork?: (f: Finding) => void;
}) {
  if (!finding) {
    return (
      <section className="cv-detail cv-detail--empty" aria-labelledby="detail-heading">
        <h2 id="detail-heading" ref={headingRef} tabIndex={-1}>
          Finding details
        </h2>
        <p>Select a finding in the table to see what it means, why it matters and the evidence behind it.</p>
      </section>
    );
  }
  return (
    <section className="cv-detail" aria-labelledby="detail-heading" tabIndex={0}>
      <p className="cv-detail__eyebrow">Selected finding</p>
      <h2 id="detail-heading" ref={headingRef} tabIndex={-1}>
        {finding.title}
      </h2>
      <p className="cv-detail__resource">
        <span className="cv-muted">{resourceLabel(finding.resource)}:</span> <strong className="cv-code">{resourceShown(finding.resource)}</strong>
      </p>
      <p className="cv-detail__tags">
        <StatusTag status={finding.status} big />{' '}
        <SeverityTag severity={finding.severity} big muted={finding.status === 'pass' || finding.status === 'not_applicable'} />
      </p>
      <p className="cv-detail__sentence">{finding.detail}</p>
      {onWork && (finding.status === 'fail' || finding.status === 'unknown') && (
        <button type="button" className="usa-button cv-work-button" onClick={() => onWork(finding)}>
          Work this finding: checklist and sign-off
        </button>
      )}
      {meta && (
        <>
          <h3>{MEANING_HEADING[finding.status]}</h3>
          <p>{meta.whatItMeans}</p>
          <h3>Why it matters</h3>
          <p>{meta.whyItMatters}</p>
        </>
      )}
      <h3>Evidence</h3>
      {finding.resource.type === 'file' ? <LocalEvidence finding={finding} /> : <Evidence finding={finding} />}
      {finding.references.length > 0 && (
        <>
          <h3>References</h3>
          <ul className="cv-references">
            {finding.references.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <p className="cv-muted cv-detail__id">
        Check <span className="cv-code">{finding.checkId}</span>
      </p>
    </section>
  );
}
