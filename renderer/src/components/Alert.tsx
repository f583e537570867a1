import type { ReactNode } from 'react';

export type AlertType = 'success' | 'warning' | 'error' | 'info' | 'emergency';

interface Props {
  type: AlertType;
  heading?: ReactNode;
  children?: ReactNode;
  slim?: boolean;
  /** Heading level inside the alert (the screen's own heading is the only h1). */
  level?: 2 | 3;
  className?: string;
  /** Live alerts announce themselves when they appear; set false for alerts that are part of the page. */
  live?: boolean;
  id?: string;
}

/** A USWDS alert. Errors are announced assertively, everything else politely. */
export function Alert({ type, heading, children, slim, level = 2, className, live = true, id }: Props) {
  const H = level === 2 ? 'h2' : 'h3';
  const role = !live ? undefined : type === 'error' || type === 'emergency' ? 'alert' : 'status';
  return (
    <div
      id={id}
      className={['usa-alert', `usa-alert--${type}`, slim ? 'usa-alert--slim' : '', className ?? ''].filter(Boolean).join(' ')}
      role={role}
    >
      <div className="usa-alert__body">
        {heading && <H className="usa-alert__heading">{heading}</H>}
        {children && <div className="usa-alert__text">{children}</div>}
      </div>
    </div>
  );
}
