import { type ReactNode, useEffect, useRef } from 'react';

interface RowConfirmProps {
  /** The fieldset's accessible name, e.g. "Delete Plan forever". */
  label: string;
  /** What confirming does, in words. */
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Under the buttons: an error, say. */
  footer?: ReactNode;
}

// An in-row confirmation instead of window.confirm: it does not block the page, it can be
// styled, and browser tests can drive it like any other button. The harmless choice has the
// focus, so a stray Enter destroys nothing; Escape on it cancels.
export function RowConfirm({ label, children, confirmLabel, pendingLabel, pending, onConfirm, onCancel, footer }: RowConfirmProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <fieldset className="doc-row__confirm" aria-label={label}>
      <p className="doc-row__confirm-text">{children}</p>
      <div className="doc-row__actions">
        <button type="button" className="button button--danger button--small" onClick={onConfirm} disabled={pending}>
          {pending ? pendingLabel : confirmLabel}
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
      {footer}
    </fieldset>
  );
}
