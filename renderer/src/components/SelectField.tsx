import type { ReactNode } from 'react';

interface Props {
  /** The select's id; the hint is `${id}-hint`. */
  id: string;
  label: ReactNode;
  hint: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The options (or option groups). */
  children: ReactNode;
  /** Shown in the same form group, under the select. */
  after?: ReactNode;
}

/** A USWDS select with its label and a hint it is described by. */
export function SelectField({ id, label, hint, value, onChange, children, after }: Props) {
  return (
    <div className="usa-form-group">
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <div className="usa-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <select className="usa-select" id={id} value={value} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
      {after}
    </div>
  );
}
