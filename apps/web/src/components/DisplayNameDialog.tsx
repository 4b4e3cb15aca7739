import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { saveLocalUserName, validateDisplayName } from '../lib/local-user.ts';

interface DisplayNameDialogProps {
  /** Present when changing an existing name; the first-visit dialog cannot be dismissed. */
  currentName?: string;
  onDone: () => void;
}

// A native modal <dialog>: the browser provides the focus trap, the inert background and
// Escape handling, which a hand-made overlay tends to get subtly wrong.
export function DisplayNameDialog({ currentName, onDone }: DisplayNameDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(currentName ?? '');
  const [error, setError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const titleId = useId();
  const canCancel = currentName !== undefined;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const problem = validateDisplayName(name);
    setSubmitted(true);
    setError(problem);
    if (problem) return;
    saveLocalUserName(name);
    onDone();
  }

  function handleChange(value: string) {
    setName(value);
    // Only nag while typing once the person has tried to submit.
    if (submitted) setError(validateDisplayName(value));
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        if (canCancel) onDone();
        else event.preventDefault();
      }}
      onClose={() => {
        // Chrome may force-close on a repeated Escape even when cancel is prevented; without a
        // name nothing else on the page is usable, so the dialog comes straight back.
        const dialog = dialogRef.current;
        if (!canCancel && dialog?.isConnected && !dialog.open) dialog.showModal();
      }}
    >
      <form className="dialog__form" onSubmit={handleSubmit} noValidate>
        <h2 id={titleId} className="dialog__title">
          {canCancel ? 'Change display name' : 'Welcome to Inkwell'}
        </h2>
        <p className="dialog__text">
          {canCancel
            ? 'This is the name others see next to your cursor.'
            : 'Pick the name others will see next to your cursor. You can change it later.'}
        </p>
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            Your name
          </label>
          <input
            id={inputId}
            className="input"
            value={name}
            onChange={(event) => handleChange(event.target.value)}
            autoComplete="nickname"
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {error && (
            <p id={errorId} className="field__error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          {canCancel && (
            <button type="button" className="button button--ghost" onClick={onDone}>
              Cancel
            </button>
          )}
          <button type="submit" className="button button--primary">
            Continue
          </button>
        </div>
      </form>
    </dialog>
  );
}
