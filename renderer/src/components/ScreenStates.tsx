import { Alert } from './Alert';
import { ScreenHeading } from './ScreenHeading';

/** A screen whose data could not be loaded: what failed, why, and the one way back. */
export function LoadFailed({ title, heading, alert, message, back }: { title: string; heading: string; alert: string; message: string; back: { label: string; go: () => void } }) {
  return (
    <div className="cv-screen cv-narrow">
      <ScreenHeading title={title}>{heading}</ScreenHeading>
      <Alert type="error" heading={alert}>
        <p>{message}</p>
      </Alert>
      <div className="cv-actions">
        <button type="button" className="usa-button" onClick={back.go}>
          {back.label}
        </button>
      </div>
    </div>
  );
}

/** A screen still loading: its heading says what, so focus and the window title move at once. */
export function Loading({ title, heading }: { title: string; heading: string }) {
  return (
    <div className="cv-screen">
      <ScreenHeading title={title}>{heading}</ScreenHeading>
    </div>
  );
}

/** The row a filtered table shows when nothing matches, across all its columns. */
export function NoMatchRow({ columns }: { columns: number }) {
  return (
    <tr>
      <td colSpan={columns} className="cv-empty-row">
        No findings match these filters.
      </td>
    </tr>
  );
}
