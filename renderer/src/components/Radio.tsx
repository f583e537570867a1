import type { ReactNode } from 'react';

interface Props {
  id: string;
  name: string;
  value?: string;
  checked: boolean;
  onChange: () => void;
  label: ReactNode;
  /** A second line under the label. */
  description?: ReactNode;
  /** The USWDS tile: a bordered box around the radio and its label. */
  tile?: boolean;
}

/** One USWDS radio button with its label. */
export function Radio({ id, name, value, checked, onChange, label, description, tile }: Props) {
  return (
    <div className="usa-radio">
      <input
        className={`usa-radio__input${tile ? ' usa-radio__input--tile' : ''}`}
        id={id}
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChange}
      />
      <label className="usa-radio__label" htmlFor={id}>
        {label}
        {description && <span className="usa-checkbox__label-description">{description}</span>}
      </label>
    </div>
  );
}
