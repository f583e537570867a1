import type { HTMLAttributes, ReactNode, Ref } from 'react';

interface Props {
  /** The input's id; the hint and the error message are `${id}-hint` and `${id}-error`. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The error message; the field is marked invalid while there is one. */
  error?: string | null;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'url';
  name?: string;
  placeholder?: string;
  autoComplete?: string;
  maxLength?: number;
  spellCheck?: boolean;
  autoCapitalize?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  inputRef?: Ref<HTMLInputElement>;
}

/** A USWDS text input with its label, an optional hint and the error message, wired up with aria-invalid and aria-describedby. */
export function TextField({ id, label, hint, error, value, onChange, inputRef, ...input }: Props) {
  const hintId = hint ? `${id}-hint` : '';
  const errorId = error ? `${id}-error` : '';
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="usa-hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <span className="usa-error-message" id={errorId}>
          {error}
        </span>
      )}
      <input
        {...input}
        ref={inputRef}
        className={`usa-input${error ? ' usa-input--error' : ''}`}
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
