import { DEFAULT_TRASH_RETENTION_DAYS, type Doc } from '@inkwell/protocol';
import { useState } from 'react';
import { useMoveToTrash } from '../hooks/use-trash.ts';
import { errorMessage } from '../lib/api-error.ts';
import { RowConfirm } from './RowConfirm.tsx';

interface MoveToTrashConfirmProps {
  doc: Doc;
  onCancel: () => void;
  onMoved: (doc: Doc) => void;
}

/** "Move Plan to the trash?" in the document's row of the list. */
export function MoveToTrashConfirm({ doc, onCancel, onMoved }: MoveToTrashConfirmProps) {
  const move = useMoveToTrash();
  const [error, setError] = useState<string | null>(null);

  function confirm() {
    setError(null);
    move.mutate(doc.id, { onSuccess: () => onMoved(doc), onError: (failure) => setError(errorMessage(failure)) });
  }

  return (
    <RowConfirm
      label={`Move ${doc.title} to the trash`}
      confirmLabel="Move to trash"
      pendingLabel="Moving…"
      pending={move.isPending}
      onConfirm={confirm}
      onCancel={onCancel}
      footer={
        error && (
          <p className="field__error" role="alert">
            Couldn't move it to the trash: {error}
          </p>
        )
      }
    >
      {trashConsequence(doc.title)}
    </RowConfirm>
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
