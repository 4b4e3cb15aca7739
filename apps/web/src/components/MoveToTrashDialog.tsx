import type { Doc } from '@inkwell/protocol';
import { useEffect, useId, useRef } from 'react';
import { useMoveToTrash } from '../hooks/use-trash.ts';
import { errorMessage } from '../lib/api-error.ts';
import { trashConsequence } from './MoveToTrashConfirm.tsx';

interface MoveToTrashDialogProps {
  doc: Doc;
  onClose: () => void;
  onMoved: () => void;
}

/** The editor's confirmation (a modal: the document behind is the thing being moved). */
export function MoveToTrashDialog({ doc, onClose, onMoved }: MoveToTrashDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const move = useMoveToTrash();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    // The harmless choice has the focus, so a stray Enter trashes nothing.
    cancelRef.current?.focus();
    return () => dialog?.close();
  }, []);

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} data-testid="trash-dialog" onClose={onClose}>
      <div className="dialog__form">
        <h2 id={titleId} className="dialog__title">
          Move to trash?
        </h2>
        <p className="dialog__text dialog__text--plain">{trashConsequence(doc.title)}</p>
        {move.isError && (
          <p className="field__error" role="alert">
            Couldn't move it to the trash: {errorMessage(move.error)}
          </p>
        )}
        <div className="dialog__actions">
          <button ref={cancelRef} type="button" className="button" onClick={onClose} disabled={move.isPending}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger"
            onClick={() => move.mutate(doc.id, { onSuccess: onMoved })}
            disabled={move.isPending}
          >
            {move.isPending ? 'Moving…' : 'Move to trash'}
          </button>
        </div>
      </div>
    </dialog>
  );
}
