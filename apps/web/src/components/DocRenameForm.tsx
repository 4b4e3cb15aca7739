import { type Doc, TITLE_MAX_LENGTH } from '@inkwell/protocol';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useRenameDoc } from '../hooks/use-docs.ts';
import { errorMessage } from '../lib/api-error.ts';

interface DocRenameFormProps {
  doc: Doc;
  onDone: () => void;
}

/** Inline rename in a list row: Enter saves, Escape cancels, errors stay in the row. */
export function DocRenameForm({ doc, onDone }: DocRenameFormProps) {
  const rename = useRenameDoc();
  const [title, setTitle] = useState(doc.title);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = title.trim();
    if (trimmed.length === 0) {
      setError('Title must not be empty.');
      return;
    }
    if (trimmed === doc.title) {
      onDone();
      return;
    }
    setError(null);
    rename.mutate({ id: doc.id, title: trimmed }, { onSuccess: onDone, onError: (failure) => setError(errorMessage(failure)) });
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  }

  return (
    <form className="doc-row__rename" onSubmit={handleSubmit} noValidate>
      <div className="doc-row__rename-fields">
        <input
          className="input input--compact"
          aria-label="Document title"
          value={title}
          maxLength={TITLE_MAX_LENGTH}
          onChange={(event) => setTitle(event.target.value)}
          onKeyDown={handleKeyDown}
          // biome-ignore lint/a11y/noAutofocus: the field appears only because the user just chose Rename; focus (and select) it so they can type the new title at once.
          autoFocus
          onFocus={(event) => event.currentTarget.select()}
          disabled={rename.isPending}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="submit" className="button button--primary button--small" disabled={rename.isPending}>
          {rename.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
