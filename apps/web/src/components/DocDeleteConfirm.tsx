import type { Doc } from '@inkwell/protocol';
import { useEffect, useRef, useState } from 'react';
import { useDeleteDoc } from '../hooks/use-docs.ts';
import { errorMessage } from '../lib/api-error.ts';

interface DocDeleteConfirmProps {
  doc: Doc;
  onCancel: () => void;
}

// An in-row confirmation instead of window.confirm: it does not block the page, it can be
// styled, and browser tests can drive it like any other button.
export function DocDeleteConfirm({ doc, onCancel }: DocDeleteConfirmProps) {
  const remove = useDeleteDoc();
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // Focus the harmless choice, so a stray Enter does not delete.
  useEffect(() => cancelRef.current?.focus(), []);

  function confirm() {
    setError(null);
    remove.mutate(doc.id, { onError: (failure) => setError(errorMessage(failure)) });
  }

  return (
    <fieldset className="doc-row__confirm" aria-label={`Delete ${doc.title}`}>
      <p className="doc-row__confirm-text">
        Delete <strong>{doc.title}</strong>? This cannot be undone.
      </p>
      <div className="doc-row__actions">
        <button type="button" className="button button--danger button--small" onClick={confirm} disabled={remove.isPending}>
          {remove.isPending ? 'Deleting…' : 'Delete'}
        </button>
        <button
          ref={cancelRef}
          type="button"
          className="button button--ghost button--small"
          onClick={onCancel}
          onKeyDown={(event) => event.key === 'Escape' && onCancel()}
        >
          Cancel
        </button>
      </div>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
