import type { Audit, Finding, Summary } from '../api';
import { SEVERITIES, SEVERITY_LABEL, listing, plural } from '../format';
import { localFound } from '../local-findings';
import { Alert } from './Alert';
import { LocalHeadline } from './LocalHeadline';
import { ResourceButtons } from './ResourceButtons';

interface Props {
  audit: Audit;
  summary: Summary;
  /** The audit's findings: what a folder scan found is read from them. */
  findings: Finding[];
  /** Selects the finding of one of these checks (a problem or unknown first) on the resource this matches, and shows its details. */
  onShowResource: (matches: (f: Finding) => boolean, checkIds: string[]) => void;
}

const EXPOSURE_CHECKS = ['s3.bucket.public-read', 's3.bucket.public-write', 's3.bucket.public-list'];

/** The first thing a clerk reads: what anyone on the internet can reach, then what could not be known, then the rest. */
export function AuditSummary({ audit, summary, findings, onShowResource }: Props) {
  const s = summary;
  const local = localFound(findings);
  // A scan of folders alone has no bucket to speak of.
  const buckets = s.buckets > 0 || !local;
  const bucketItems = (names: string[]) => names.map((n) => ({ key: n, label: n }));
  const onShowBucket = (checkIds: string[]) => (name: string) => onShowResource((f) => f.resource.type !== 'file' && f.resource.name === name, checkIds);
  const onShowFile = (path: string) => onShowResource((f) => f.resource.type === 'file' && f.resource.id === path, []);
  const nRead = s.publicRead.length;
  const total = s.counts.fail + s.counts.pass + s.counts.unknown + s.counts.not_applicable;

  let headline;
  if (nRead > 0) {
    headline = (
      <Alert
        type={s.publicVoterData.length ? 'emergency' : 'error'}
        live={false}
        className="cv-headline"
        heading={`${plural(nRead, 'bucket')} can be read by anyone on the internet`}
      >
        {s.publicVoterData.length > 0 ? (
          <p className="cv-headline__voter">
            Voter data is among them: <strong>{listing(s.publicVoterData)}</strong>. Anyone who finds {s.publicVoterData.length === 1 ? 'this bucket' : 'these buckets'} can
            download the voter records in {s.publicVoterData.length === 1 ? 'it' : 'them'} without signing in. Fix this first.
          </p>
        ) : (
          <p>No voter data was found in {nRead === 1 ? 'it' : 'them'}, but anything stored there can be downloaded without signing in.</p>
        )}
        <p className="cv-headline__list-intro">{nRead === 1 ? 'The bucket' : 'The buckets'} (select one to see why):</p>
        <ResourceButtons items={bucketItems(s.publicRead)} onShow={onShowBucket(['s3.bucket.public-read'])} />
      </Alert>
    );
  } else if (s.exposureUnknown.length > 0) {
    headline = (
      <Alert type="warning" live={false} className="cv-headline" heading="No bucket was found readable by anyone on the internet, but some could not be checked">
        <p>
          Canvass could not tell whether {plural(s.exposureUnknown.length, 'bucket')} {s.exposureUnknown.length === 1 ? 'is' : 'are'} public,
          because some of the evidence it needs was missing or unreadable. Until they are checked, treat them as possibly public.
        </p>
      </Alert>
    );
  } else {
    headline = (
      <Alert type="success" live={false} className="cv-headline" heading="No bucket is readable by anyone on the internet">
        <p>
          Canvass checked {plural(s.buckets, 'bucket')} and found none whose files can be downloaded without signing in. Review the other
          problems below.
        </p>
      </Alert>
    );
  }

  const cards: Array<{ n: number; label: string; note: string; names: string[]; checkIds: string[]; tone: 'bad' | 'warn' | 'ok' | 'data' }> = [
    {
      n: s.publicWrite.length,
      label: 'Anyone can change or delete files',
      note: 'Strangers can add, replace or delete files, or change who may read them.',
      names: s.publicWrite,
      checkIds: ['s3.bucket.public-write'],
      tone: s.publicWrite.length ? 'bad' : 'ok',
    },
    {
      n: s.publicList.length,
      label: 'Anyone can see the list of files',
      note: 'Strangers can see every file name, which makes the files easy to find.',
      names: s.publicList,
      checkIds: ['s3.bucket.public-list'],
      tone: s.publicList.length ? 'bad' : 'ok',
    },
    {
      n: s.exposureUnknown.length,
      label: 'Could not be checked',
      note: 'Evidence was missing or unreadable, so Canvass cannot say whether these are public.',
      names: s.exposureUnknown,
      checkIds: EXPOSURE_CHECKS,
      tone: s.exposureUnknown.length ? 'warn' : 'ok',
    },
    {
      n: s.voterData.length,
      label: 'Hold voter data',
      note: 'Files that look like voter registration records. These need the tightest protection.',
      names: s.voterData,
      checkIds: ['s3.bucket.voter-data'],
      tone: 'data',
    },
  ];

  const checked = listing([
    ...(buckets ? [`${plural(s.buckets, 'bucket')}${audit.accountId ? ` in AWS account ${audit.accountId}` : ''}`] : []),
    ...(local ? ['the scanned folders'] : []),
  ]);

  return (
    <section className="cv-glance" aria-label="At a glance">
      {/* What anyone on the internet can read comes first; then what the drives hold; then the buckets' other news. */}
      {buckets && nRead > 0 && headline}
      {local && <LocalHeadline found={local} onShow={onShowFile} limit={buckets ? 4 : undefined} />}
      {buckets && nRead === 0 && headline}
      {buckets && (
        <ul className="cv-stat-cards">
          {cards.map((c) => (
            <li key={c.label} className={`cv-stat-card cv-stat-card--${c.tone}`}>
              <p className="cv-stat-card__value">
                <span className="cv-stat-card__n">{c.n}</span> <span className="cv-stat-card__unit">{c.n === 1 ? 'bucket' : 'buckets'}</span>
              </p>
              <h3 className="cv-stat-card__label">{c.label}</h3>
              <p className="cv-stat-card__note">{c.n ? c.note : c.tone === 'data' ? 'No file that looks like voter records was found.' : 'None.'}</p>
              {c.n > 0 && <ResourceButtons items={bucketItems(c.names)} onShow={onShowBucket(c.checkIds)} limit={2} />}
            </li>
          ))}
        </ul>
      )}
      <div className="cv-totals">
        <p>
          <strong>{plural(total, 'check')}</strong> on {checked}:{' '}
          <strong>{plural(s.counts.fail, 'problem')}</strong>, {s.counts.unknown} could not be checked, {s.counts.pass} OK,{' '}
          {s.counts.not_applicable} did not apply.
        </p>
        {s.counts.fail > 0 && (
          <p className="cv-severity-line">
            Problems by severity:{' '}
            {SEVERITIES.map((sev, i) => (
              <span key={sev}>
                {i > 0 && ' · '}
                {SEVERITY_LABEL[sev]} <strong>{s.failsBySeverity[sev] ?? 0}</strong>
              </span>
            ))}
          </p>
        )}
      </div>
    </section>
  );
}
