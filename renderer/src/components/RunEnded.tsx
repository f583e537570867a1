import type { ReactNode } from 'react';
import type { Navigate } from '../App';
import { Alert, type AlertType } from './Alert';
import { ScreenHeading } from './ScreenHeading';

interface Props {
  /** The screen's heading and document title. */
  title: string;
  type: AlertType;
  heading: ReactNode;
  /** What the alert says. */
  children: ReactNode;
  /** What follows the alert, before the buttons. */
  next?: ReactNode;
  navigate: Navigate;
}

/** The screen once a scan or a collection has ended: how it ended, then back to the list of audits or a new audit. */
export function RunEnded({ title, type, heading, children, next, navigate }: Props) {
  return (
    <div className="cv-screen cv-narrow">
      <ScreenHeading title={title}>{title}</ScreenHeading>
      <Alert type={type} heading={heading} live={false}>
        {children}
      </Alert>
      {next}
      <div className="cv-actions">
        <button type="button" className="usa-button" onClick={() => navigate({ screen: 'home' })}>
          Back to your audits
        </button>
        <button type="button" className="usa-button usa-button--outline" onClick={() => navigate({ screen: 'new' })}>
          Start a new audit
        </button>
      </div>
    </div>
  );
}
