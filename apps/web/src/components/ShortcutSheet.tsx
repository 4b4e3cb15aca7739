import { useEffect, useId, useRef, useState } from 'react';
import { isApplePlatform, isShortcutSheetKey, keyLabel, OPEN_SHORTCUTS_EVENT, SHORTCUT_GROUPS, shortcutText } from '../lib/shortcuts.ts';
import '../styles/shortcuts.css';

/**
 * The keyboard shortcut sheet: "?" outside a text field or the editor, or "Keyboard
 * shortcuts" in the account menu, opens it; Escape, Close or a click outside closes it and the
 * focus goes back where it was. Mounted once, by the app shell.
 */
export function ShortcutSheet() {
  const [open, setOpen] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const show = () => {
      if (document.activeElement instanceof HTMLElement) returnTo.current = document.activeElement;
      setOpen(true);
    };
    const handleKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isShortcutSheetKey(event)) return;
      event.preventDefault();
      show();
    };
    window.addEventListener('keydown', handleKeyDown);
    window.addEventListener(OPEN_SHORTCUTS_EVENT, show);
    return () => {
      window.removeEventListener('keydown', handleKeyDown);
      window.removeEventListener(OPEN_SHORTCUTS_EVENT, show);
    };
  }, []);

  const close = () => {
    setOpen(false);
    const target = returnTo.current;
    returnTo.current = null;
    // The dialog is gone after this render; the element that had the focus gets it back.
    if (target?.isConnected) requestAnimationFrame(() => target.focus());
  };

  return open ? <ShortcutDialog onClose={close} /> : null;
}

function ShortcutDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const apple = isApplePlatform(navigator.platform || navigator.userAgent);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: only clicks on the backdrop land on the <dialog> itself; keyboard users close it with Escape (native cancel → onClose) or the Close button.
    <dialog
      ref={dialogRef}
      className="dialog shortcuts"
      aria-labelledby={titleId}
      data-testid="shortcut-sheet"
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="shortcuts__body">
        <div className="shortcuts__header">
          <h2 id={titleId} className="dialog__title">
            Keyboard shortcuts
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div className="shortcuts__groups">
          {SHORTCUT_GROUPS.map((group) => (
            <section key={group.title} className="shortcuts__group" aria-label={group.title}>
              <h3 className="shortcuts__group-title">{group.title}</h3>
              <dl className="shortcuts__list">
                {group.shortcuts.map((shortcut) => (
                  <div key={`${shortcut.action} ${shortcut.keys.join('+')}`} className="shortcuts__row">
                    <dt className="shortcuts__action">
                      {shortcut.action}
                      {shortcut.where && <span className="shortcuts__where"> {shortcut.where}</span>}
                    </dt>
                    <dd className="shortcuts__keys">
                      <span className="visually-hidden">{shortcutText(shortcut.keys, apple)}</span>
                      <span className="shortcuts__caps" aria-hidden="true">
                        {shortcut.keys.map((key) => (
                          <kbd key={key} className="shortcuts__key">
                            {keyLabel(key, apple)}
                          </kbd>
                        ))}
                      </span>
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </dialog>
  );
}
