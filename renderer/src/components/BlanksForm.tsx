import type { ChecklistView } from '../api';
import type { Blanks } from '../blanks';
import { TextField } from './TextField';

interface Props {
  inputs: NonNullable<ChecklistView['inputs']>;
  values: Blanks;
  /** Why Canvass refused a value, by blank name: shown by that field. */
  errors: Blanks;
  onChange: (name: string, value: string) => void;
}

/**
 * "Fill in the blanks": one field per blank of the checklist, so the commands and texts
 * below come filled in and can be copied as they are.
 */
export function BlanksForm({ inputs, values, errors, onChange }: Props) {
  return (
    <fieldset className="usa-fieldset margin-bottom-3">
      <legend className="usa-legend cv-legend">Fill in the blanks</legend>
      <p className="cv-muted">
        Some commands below need values only you can find. Type them here and the commands fill in as you type, ready to copy. They stay on this screen
        only: they are not saved with the audit.
      </p>
      {inputs.map((input) => (
        <TextField
          key={input.name}
          id={`blank-${input.name}`}
          label={<span className="cv-code">{input.name}</span>}
          hint={input.meaning}
          placeholder={input.example}
          error={errors[input.name]}
          value={values[input.name] ?? ''}
          onChange={(v) => onChange(input.name, v)}
          maxLength={1024}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
        />
      ))}
    </fieldset>
  );
}
