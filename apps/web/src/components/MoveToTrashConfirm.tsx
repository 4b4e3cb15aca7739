import { DEFAULT_TRASH_RETENTION_DAYS, type Doc } from '@inkwell/protocol';
import { useEffect, useRef, useState } from 'react';
import { useMoveToTrash } from '../hooks/use-trash.ts';
import { errorMessage } from '../lib/api-error.ts';

interface MoveToTrashConfirmProps {
  doc: Doc;
  onCancel: () => void;
  onMoved: (doc: Doc) => void;
}

// An in-row confirmation instead of window.confirm: it does not block the page, it can be
// styled, and browser tests can drive it like any other button.
export function MoveToTrashConfirm({ doc, onCancel, onMoved }: MoveToTrashConfirmProps) {
  const move = useMoveToTrash();
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // Focus the harmless choice, so a stray Enter does not trash anything.
  useEffect(() => cancelRef.current?.focus(), []);

  function confirm() {
    setError(null);
    move.mutate(doc.id, { onSuccess: () => onMoved(doc), onError: (failure) => setError(errorMessage(failure)) });
  }

  return (
    <fieldset className="doc-row__confirm" aria-label={`Move ${doc.title} to the trash`}>
      <p className="doc-row__confirm-text">{trashConsequence(doc.title)}</p>
      <div className="doc-row__actions">
        <button type="button" className="button button--danger button--small" onClick={confirm} disabled={move.isPending}>
          {move.isPending ? 'Moving…' : 'Move to trash'}
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
          Couldn't move it to the trash: {error}
        </p>
      )}
    </fieldset>
  );
}

/** The one sentence both confirmations (list and editor) use. */
export function trashConsequence(title: string) {
  return (
    <>
      Move <strong>{title}</strong> to the trash? Nobody can open it there, people it is shared with included. You can restore it from the
      Trash for {DEFAULT_TRASH_RETENTION_DAYS} days; after that it is deleted for good.
    </>
  );
}
