import type { Finding } from '../api';
import { formatBytes, formatDateTime, num, plural } from '../format';
import { Json } from './JsonBlock';

/** A credential hit as the core records it: never the secret, only where it is and a shortened fingerprint. */
interface Hit {
  kind?: string;
  line?: number;
  fingerprint?: string;
  account?: string;
  withSecret?: boolean;
  expires?: string;
  expired?: boolean;
}
interface Unread {
  file?: string;
  reason?: string;
}

const KIND_WORDS: Record<string, string> = {
  'aws-access-key-id': 'AWS access key ID',
  'aws-credentials-file': 'AWS credentials file entry',
  'aws-secret-access-key': 'AWS secret access key',
  'azure-connection-string': 'Azure storage connection string',
  'azure-sas': 'Azure shared access (SAS) link',
  'azure-storage-key': 'Azure storage account key',
  'gcp-service-account-key': 'Google Cloud service-account key',
  's3-presigned-url': 'Presigned S3 download link',
};
const kindWords = (k?: string) => (k ? (KIND_WORDS[k] ?? k.replace(/-/g, ' ')) : 'Credential');

/** Evidence keys shown in words below; anything else is shown as JSON. */
const SHOWN = ['file', 'path', 'hits', 'problem', 'format', 'columns', 'layout', 'rowEstimate', 'reason', 'filesRead', 'bytesRead', 'archiveMembers', 'binarySkipped', 'unreadable', 'unreadableNotListed'];

const asArray = <T,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const count = (v: unknown) => (typeof v === 'number' ? v : null);

function hitNote(h: Hit): string {
  const notes = [];
  if (h.withSecret === true) notes.push('its secret is in the file too');
  if (h.withSecret === false) notes.push('the key ID alone, no secret nearby');
  if (h.expires) notes.push(`${h.expired ? 'expired' : 'expires'} ${formatDateTime(h.expires)}`);
  return notes.join('; ') || '—';
}

/** The evidence of a finding on a file or a scanned folder: credentials by line and fingerprint, a voter file's columns, what could not be read. */
export function LocalEvidence({ finding }: { finding: Finding }) {
  const ev = finding.evidence ?? {};
  const hits = asArray<Hit>(ev.hits);
  const columns = asArray<string>(ev.columns).filter((c) => typeof c === 'string');
  const layout = typeof ev.layout === 'object' && ev.layout !== null ? (ev.layout as { state?: string; name?: string }) : null;
  const rows = count(ev.rowEstimate);
  const unread = asArray<Unread>(ev.unreadable);
  const notListed = count(ev.unreadableNotListed);
  const filesRead = count(ev.filesRead);
  const isVoterCheck = typeof ev.format === 'string';
  const rest = Object.fromEntries(Object.entries(ev).filter(([k]) => !SHOWN.includes(k)));
  const hasRest = Object.keys(rest).length > 0;

  if (!hits.length && !isVoterCheck && filesRead === null && !unread.length && !hasRest) {
    return <p className="cv-muted">This check records no further evidence for this resource.</p>;
  }
  return (
    <>
      {typeof ev.problem === 'string' && (
        <p className="cv-escalated">
          <strong>Not read completely:</strong> this file {ev.problem}, so there may be more in it than is listed here.
        </p>
      )}
      {hits.length > 0 && (
        <div className="cv-evidence-block">
          <h4>Where the credentials are</h4>
          <p className="cv-muted">
            Canvass shows a shortened fingerprint, never the credential itself. Open the file at the line given to find it.
          </p>
          <table className="usa-table usa-table--compact cv-unreadable cv-hits">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Line</th>
                <th scope="col">Fingerprint</th>
                <th scope="col">Account</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {hits.map((h, i) => (
                <tr key={i}>
                  <td>{kindWords(h.kind)}</td>
                  <td>{h.line !== undefined ? num(h.line) : '—'}</td>
                  <td className="cv-code">{h.fingerprint ?? '—'}</td>
                  <td className="cv-code">{h.account ?? '—'}</td>
                  <td>{hitNote(h)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isVoterCheck && (
        <div className="cv-evidence-block">
          <h4>{finding.status === 'fail' ? 'What makes it a voter file' : 'What Canvass read'}</h4>
          <p className="cv-muted">Canvass read only the column names and the shape of the rows, never a voter’s details.</p>
          <dl className="cv-facts">
            <dt>Format</dt>
            <dd>{String(ev.format)}</dd>
            {rows !== null && (
              <>
                <dt>Rows</dt>
                <dd>about {num(rows)}</dd>
              </>
            )}
            {layout?.state && (
              <>
                <dt>Closest state layout</dt>
                <dd>
                  {layout.state} {layout.name}
                </dd>
              </>
            )}
            {typeof ev.reason === 'string' && (
              <>
                <dt>{finding.status === 'fail' ? 'Why' : 'Why not'}</dt>
                <dd>{ev.reason}</dd>
              </>
            )}
          </dl>
          {columns.length > 0 && (
            <>
              <p>Columns:</p>
              <ul className="cv-columns">
                {columns.map((c, i) => (
                  <li key={i} className="cv-code">
                    {c}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {filesRead !== null && (
        <div className="cv-evidence-block">
          <h4>What was read</h4>
          <p>
            {plural(filesRead, 'file')} ({formatBytes(count(ev.bytesRead) ?? 0)})
            {count(ev.archiveMembers) ? `, and ${plural(count(ev.archiveMembers)!, 'file')} inside archives` : ''}
            {count(ev.binarySkipped) ? `; ${plural(count(ev.binarySkipped)!, 'program or media file')} skipped by content` : ''}.
          </p>
        </div>
      )}
      {unread.length > 0 && (
        <div className="cv-evidence-block">
          <h4>Files Canvass could not read</h4>
          <p className="cv-muted">Something may be in these that Canvass did not see. Check that the files are there and readable, then scan again.</p>
          <ul className="cv-unreadable-list">
            {unread.map((u, i) => (
              <li key={i}>
                <span className="cv-code">{u.file}</span>
                <div>{u.reason}</div>
              </li>
            ))}
            {notListed !== null && <li>and {plural(notListed, 'more path')} not listed</li>}
          </ul>
        </div>
      )}
      {hasRest && (
        <div className="cv-evidence-block">
          <h4>Other evidence</h4>
          <Json value={rest} label="evidence" />
        </div>
      )}
    </>
  );
}
