import { type MouseEvent, type ReactNode, type RefObject, useCallback, useLayoutEffect, useRef } from 'react';
import { trapTab } from '../hooks/use-sheet.ts';

interface DialogProps {
  /** The id of the dialog's heading, which names it. */
  labelledBy: string;
  /**
   * Escape, or a click on the backdrop. The parent closes the dialog by unmounting it, and
   * leaves the focus to the Dialog: until then the page behind is inert and cannot take it.
   */
  onClose: () => void;
  className: string;
  testId: string;
  id?: string;
  /** Takes the focus when the dialog opens; without it the browser picks the first control. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Gets the focus when the dialog goes; without it, the element that had it when it opened. */
  returnFocus?: RefObject<HTMLElement | null>;
  /** Also pointed at the <dialog> element. */
  elementRef?: RefObject<HTMLElement | null>;
  children: ReactNode;
}

/**
 * A modal: a native <dialog> opened with showModal(), so the browser draws the backdrop, makes
 * the page behind inert and lays it over everything; trapTab keeps Tab from leaving it for the
 * browser's own UI. Open while mounted: Escape and a click on the backdrop ask the parent to
 * unmount it (onClose), so the parent's state and the dialog never disagree. When it goes, the
 * focus goes back to the element that opened it (or to `returnFocus`).
 */
export function Dialog({ labelledBy, onClose, className, testId, id, initialFocus, returnFocus, elementRef, children }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const setDialog = useCallback(
    (node: HTMLDialogElement | null) => {
      dialogRef.current = node;
      if (elementRef) elementRef.current = node;
    },
    [elementRef],
  );
  const pressedBackdrop = useRef(false);

  // A layout effect: the dialog is shown before its content's own effects run, since a control
  // in a closed <dialog> cannot take the focus. The cleanup runs while the <dialog> is still in
  // the document, before React removes it.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body ? active : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      dialog.close();
      const target = returnFocus?.current ?? opener;
      if (target?.isConnected) target.focus();
    };
  }, [initialFocus, returnFocus]);

  // The backdrop is the <dialog> element itself outside its box. Both the press and the release
  // must land there: a text selection dragged out of the dialog does not close it.
  const onBackdrop = (event: MouseEvent<HTMLDialogElement>) => {
    if (event.target !== event.currentTarget) return false;
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
  };

  // Keyboard users cannot reach the backdrop; Escape (the cancel event) is theirs.
  return (
    <dialog
      ref={setDialog}
      id={id}
      className={className}
      aria-modal="true"
      aria-labelledby={labelledBy}
      data-testid={testId}
      onCancel={(event) => {
        // Escape. A cancel the page may not refuse (a second Escape with no other input between,
        // the browser's guard against trapping) closes the dialog anyway; the close event below
        // reports that.
        if (!event.cancelable) return;
        event.preventDefault();
        onClose();
      }}
      onClose={(event) => {
        if (!event.currentTarget.open) onClose();
      }}
      onKeyDown={trapTab}
      onPointerDown={(event) => {
        pressedBackdrop.current = onBackdrop(event);
      }}
      onClick={(event) => {
        if (pressedBackdrop.current && onBackdrop(event)) onClose();
        pressedBackdrop.current = false;
      }}
    >
      {children}
    </dialog>
  );
}

/** The × in a dialog's header. */
export function DialogCloseButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="icon-button" aria-label="Close" onClick={onClick}>
      <span aria-hidden="true">×</span>
    </button>
  );
}

/** Whether a modal dialog is showing: one at a time, so a shortcut must not open another over it. */
export function isModalOpen(): boolean {
  return document.querySelector('dialog:modal') !== null;
}
