import type { Finding } from '../api';
import { listing, plural } from '../format';
import type { LocalFound } from '../local-findings';
import { Alert } from './Alert';
import { ResourceButtons } from './ResourceButtons';

/** Selects a file's finding (by the file's full path) and shows its details. */
export type ShowFile = (path: string) => void;

const files = (fs: Finding[]) => fs.map((f) => ({ key: f.resource.id, label: f.resource.name }));

/**
 * What a scan of folders found, first in words: voter files and credentials on the county's
 * own drives, then what could not be read, or that nothing was found.
 */
export function LocalHeadline({ found, onShow, limit }: { found: LocalFound; onShow: ShowFile; limit?: number }) {
  const { voterFiles, credentialFiles, unreadable } = found;
  const unread = unreadable.length > 0 && (
    <>
      <p>Some files could not be read, so something may be there that Canvass did not see (select a folder to see which files and why):</p>
      <ResourceButtons items={files(unreadable)} onShow={onShow} />
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
