import type { Finding } from '../api';
import { listing, num, plural } from '../format';
import type { LocalFound } from '../local-findings';
import { Alert } from './Alert';
import { ResourceButtons } from './ResourceButtons';

/** Selects a file's finding (by the file's full path) and shows its details. */
export type ShowFile = (path: string) => void;

const files = (fs: Finding[]) => fs.map((f) => ({ key: f.resource.id, label: f.resource.name }));

/** The first few files of a folder that could not be read, with why, as its finding's evidence lists them. */
function unreadFiles(f: Finding): string {
  const list = Array.isArray(f.evidence.unreadable) ? (f.evidence.unreadable as Array<{ file?: string; reason?: string }>) : [];
  const more = list.length - 3 + (typeof f.evidence.unreadableNotListed === 'number' ? f.evidence.unreadableNotListed : 0);
  return `${list
    .slice(0, 3)
    .map((u) => `${u.file} (${u.reason})`)
    .join('; ')}${more > 0 ? `; and ${num(more)} more` : ''}`;
}

/**
 * What a scan of folders found, first in words: voter files and credentials on the county's
 * own drives, then what could not be read, or that nothing was found.
 */
export function LocalHeadline({ found, onShow, limit }: { found: LocalFound; onShow: ShowFile; limit?: number }) {
  const { voterFiles, credentialFiles, unreadable } = found;
  const unread = unreadable.length > 0 && (
    <>
      <p>Some files could not be read, so something may be in them that Canvass did not see (select a folder for the whole list):</p>
      <ul className="cv-unread-folders">
        {unreadable.map((f) => (
          <li key={f.resource.id}>
            <button type="button" className="usa-button usa-button--unstyled cv-bucket-link" onClick={() => onShow(f.resource.id)}>
              {f.resource.name}
            </button>
            : {unreadFiles(f)}
          </li>
        ))}
      </ul>
    </>
  );

  if (!voterFiles.length && !credentialFiles.length) {
    return unreadable.length ? (
      <Alert type="warning" live={false} className="cv-headline" heading="No voter file or storage credential was found in the scanned folders, but some files could not be read">
        {unread}
      </Alert>
    ) : (
      <Alert type="success" live={false} className="cv-headline" heading="No voter file or storage credential was found in the scanned folders">
        <p>Canvass read every file in the folders you chose and found no voter registration file and no cloud storage credential.</p>
      </Alert>
    );
  }

  const parts = [
    ...(voterFiles.length ? [plural(voterFiles.length, 'voter registration file')] : []),
    ...(credentialFiles.length ? [`storage credentials in ${plural(credentialFiles.length, 'file')}`] : []),
  ];
  const subject = listing(parts);
  const one = parts.length === 1 && voterFiles.length === 1;
  return (
    <Alert
      type="error"
      live={false}
      className="cv-headline"
      heading={`${subject[0].toUpperCase()}${subject.slice(1)} ${one ? 'was' : 'were'} found on the scanned drives`}
    >
      {voterFiles.length > 0 && (
        <>
          <p>
            A copy of the voter list outside the registration system has none of its protections. Move {voterFiles.length === 1 ? 'it' : 'them'}{' '}
            to where {voterFiles.length === 1 ? 'it belongs' : 'they belong'}, or delete {voterFiles.length === 1 ? 'it' : 'them'}:
          </p>
          <ResourceButtons items={files(voterFiles)} onShow={onShow} limit={limit} />
        </>
      )}
      {credentialFiles.length > 0 && (
        <>
          <p>
            Anyone who opens {credentialFiles.length === 1 ? 'this file' : 'these files'} can use the credentials in {credentialFiles.length === 1 ? 'it' : 'them'} to
            reach your county’s cloud storage. Have each credential switched off, then remove it from the file:
          </p>
          <ResourceButtons items={files(credentialFiles)} onShow={onShow} limit={limit} />
        </>
      )}
      {unread}
    </Alert>
  );
}
