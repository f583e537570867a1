import { useState } from 'react';
import { asSentence } from '../format';
import { call, type CallError } from '../api';
import { Alert } from './Alert';

/** As many folders as a scan takes sources (the contract allows 20). */
const MAX_FOLDERS = 20;

interface Props {
  folders: string[];
  onChange: (folders: string[]) => void;
}

/**
 * The "folder or drive" source: what Canvass looks for and what it never does with the files,
 * then the folders chosen in the system dialog, each with a way to take it off the list.
 */
export function LocalSourceFields({ folders, onChange }: Props) {
  const [choosing, setChoosing] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [already, setAlready] = useState<string | null>(null);

  const choose = async () => {
    setChoosing(true);
    try {
      const r = await call('sources.chooseLocalFolder', {});
      setAlready(null);
      if (!r.ok) return setError(r.error);
      setError(null);
      const chosen = r.value.path;
      if (!chosen) return; // the clerk closed the dialog: keep what was there
      if (folders.includes(chosen)) return setAlready(chosen);
      onChange([...folders, chosen]);
    } finally {
      setChoosing(false);
    }
  };

  return (
    <div className="cv-evidence cv-local">
      <p>Canvass looks for two things in every file under the folders you choose, including inside .zip, Excel and Word files:</p>
      <ul className="cv-local__looks">
        <li>
          <strong>Voter registration files</strong>: copies or extracts of the voter list, recognized by their columns.
        </li>
        <li>
          <strong>Cloud storage credentials</strong>: AWS access keys, Azure storage keys and links, Google Cloud key files, and S3
          download links.
        </li>
      </ul>
      <p>
        It only reads the files. It never copies, moves or uploads them, and nothing leaves this computer. For a credential it shows the
        file, the line and a shortened fingerprint, never the credential itself; for a voter file, the columns, never a voter’s details.
      </p>
      {folders.length > 0 && (
        <>
          <h3 className="cv-local__heading" id="local-folders-heading">
            {folders.length === 1 ? 'Folder to scan' : `${folders.length} folders to scan`}
          </h3>
          <ul className="cv-local__folders" aria-labelledby="local-folders-heading">
            {folders.map((f) => (
              <li key={f}>
                <span className="cv-path">{f}</span>
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => onChange(folders.filter((x) => x !== f))}>
                  Remove<span className="usa-sr-only"> {f}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="cv-evidence__pickers">
        <button type="button" className="usa-button usa-button--outline" onClick={() => void choose()} disabled={choosing || folders.length >= MAX_FOLDERS}>
          {choosing ? 'Opening…' : folders.length ? 'Add another folder…' : 'Choose folder…'}
        </button>
        <span className="cv-muted">
          {folders.length >= MAX_FOLDERS
            ? `One audit scans up to ${MAX_FOLDERS} folders; choose a folder that holds several of them instead.`
            : 'A whole drive (such as D:) or a network share you have opened on this computer works too.'}
        </span>
      </div>
      {already && (
        <Alert type="info" slim>
          <p>
            <span className="cv-path">{already}</span> is already on the list.
          </p>
        </Alert>
      )}
      {error && (
        <Alert type="error" heading="This folder cannot be scanned" level={3}>
          <p>{asSentence(error.message)}</p>
          <p>If it is on a network share or a USB drive, check that it is still connected, then choose it again.</p>
        </Alert>
      )}
    </div>
  );
}
