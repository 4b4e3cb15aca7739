import type { Doc } from '@inkwell/protocol';
import { useId } from 'react';
import { Dialog, DialogCloseButton } from './Dialog.tsx';
import { MemberList } from './MemberList.tsx';
import { ShareForm } from './ShareForm.tsx';

interface ShareDialogProps {
  doc: Doc;
  onClose: () => void;
}

/** Who has access to a document, and adding someone; from the list's row or the doc bar. */
export function ShareDialog({ doc, onClose }: ShareDialogProps) {
  const titleId = useId();
  const peopleId = useId();

  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="dialog dialog--wide share" testId="share-dialog">
      <div className="share__body">
        <div className="share__header">
          <h2 id={titleId} className="dialog__title share__title">
            Share “{doc.title}”
          </h2>
          <DialogCloseButton onClick={onClose} />
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
    </Dialog>
  );
}
