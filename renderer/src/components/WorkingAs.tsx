import type { Ref } from 'react';
import { useActor } from '../actor';
import { TextField } from './TextField';

/** "Working as": the name every change on this screen is recorded under. */
export function WorkingAs({ error, inputRef }: { error?: string | null; inputRef?: Ref<HTMLInputElement> }) {
  const [actor, setActor] = useActor();
  return (
    <div className="cv-working-as">
      <TextField
        id="working-as"
        label="Working as"
        hint="Your name goes with every change you make here and into the audit trail. Canvass remembers it on this computer."
        error={error}
        value={actor}
        onChange={setActor}
        autoComplete="name"
        maxLength={200}
        inputRef={inputRef}
      />
    </div>
  );
}
