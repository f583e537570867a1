import { useRef, useState } from 'react';

/**
 * Copies through the selection, which works where the asynchronous clipboard is refused (the
 * app denies every permission, and a plain http origin has no navigator.clipboard).
 */
function copyText(el: HTMLElement): boolean {
  const range = document.createRange();
  range.selectNodeContents(el);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  sel?.removeAllRanges();
  return ok;
}

/** One command, in full, with a button that copies it. */
export function CopyCommand({ command, label }: { command: string; label: string }) {
  const code = useRef<HTMLElement>(null);
  // Which command the status is about: once a blank typed above changes it, "Copied" no longer holds.
  const [copied, setCopied] = useState<{ command: string; ok: boolean } | null>(null);
  const status = copied?.command === command ? copied.ok : null;
  const copy = async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(command);
      ok = true;
    } catch {
      ok = !!code.current && copyText(code.current);
    }
    setCopied({ command, ok });
  };
  return (
    <div className="cv-command">
      <pre className="cv-command__text" tabIndex={-1}>
        <code ref={code}>{command}</code>
      </pre>
      <div className="cv-command__actions">
        <button type="button" className="usa-button usa-button--outline cv-copy" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          Copy
        </button>
        <span role="status" className="cv-copy__status">
          {status === true ? 'Copied' : status === false ? 'Select the command and copy it' : ''}
        </span>
      </div>
    </div>
  );
}
