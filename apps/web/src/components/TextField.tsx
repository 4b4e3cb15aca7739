import { type InputHTMLAttributes, type Ref, useId } from 'react';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
  /** Shown under the input while there is no error (e.g. the password rule). */
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
};

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function TextField({ label, value, onValueChange, error, hint, inputRef, ...input }: TextFieldProps) {
  const id = useId();
  const noteId = useId();
  const note = error ?? hint;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        {...input}
        ref={inputRef}
        id={id}
        className="input"
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? noteId : undefined}
      />
      {error ? (
        <p id={noteId} className="field__error" role="alert">
          {error}
        </p>
      ) : (
        hint && (
          <p id={noteId} className="field__hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
