import type { Navigate } from '../App';

/** Where to go once a scan or a collection has ended: back to the list of audits, or a new audit. */
export function RunEndActions({ navigate }: { navigate: Navigate }) {
  return (
    <div className="cv-actions">
      <button type="button" className="usa-button" onClick={() => navigate({ screen: 'home' })}>
        Back to your audits
      </button>
      <button type="button" className="usa-button usa-button--outline" onClick={() => navigate({ screen: 'new' })}>
        Start a new audit
      </button>
    </div>
  );
}
