import type { Doc } from '@inkwell/protocol';
import { useId, useRef } from 'react';
import { useMoveToTrash } from '../hooks/use-trash.ts';
import { errorMessage } from '../lib/api-error.ts';
import { Dialog } from './Dialog.tsx';
import { trashConsequence } from './MoveToTrashConfirm.tsx';

interface MoveToTrashDialogProps {
  doc: Doc;
  onClose: () => void;
  onMoved: () => void;
}

/** The editor's confirmation (a modal: the document behind is the thing being moved). */
export function MoveToTrashDialog({ doc, onClose, onMoved }: MoveToTrashDialogProps) {
  // The harmless choice has the focus, so a stray Enter trashes nothing.
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const move = useMoveToTrash();

  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="dialog" testId="trash-dialog" initialFocus={cancelRef}>
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
    </Dialog>
  );
}
