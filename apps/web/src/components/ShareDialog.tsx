import type { Doc } from '@inkwell/protocol';
import { useEffect, useId, useRef } from 'react';
import { MemberList } from './MemberList.tsx';
import { ShareForm } from './ShareForm.tsx';

interface ShareDialogProps {
  doc: Doc;
  onClose: () => void;
}

// A native modal <dialog>: the browser provides the focus trap, the inert background and
// Escape handling, which a hand-made overlay tends to get subtly wrong.
export function ShareDialog({ doc, onClose }: ShareDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const peopleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click handler only catches clicks on the backdrop, which keyboard users cannot reach; they close the modal with Escape (native cancel, reported through onClose) or the Close/Done buttons.
    <dialog
      ref={dialogRef}
      className="dialog dialog--wide share"
      aria-labelledby={titleId}
      data-testid="share-dialog"
      // Escape closes the dialog natively; this keeps the parent's state in step.
      onClose={onClose}
      // A click on the backdrop lands on the <dialog> itself; the content covers the rest.
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="share__body">
        <div className="share__header">
          <h2 id={titleId} className="dialog__title share__title">
            Share “{doc.title}”
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <p className="dialog__text">
          People you add see this document in their list. Editors can change it; commenters can read it and comment; viewers can only read
          it.
        </p>
        <ShareForm docId={doc.id} />
        <section className="share__people" aria-labelledby={peopleId}>
          <h3 id={peopleId} className="share__section-title">
            People with access
          </h3>
          <MemberList docId={doc.id} />
        </section>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </dialog>
  );
}
