import { useEffect, useId, useState } from 'react';
import { isApplePlatform, isShortcutSheetKey, keyLabel, OPEN_SHORTCUTS_EVENT, SHORTCUT_GROUPS, shortcutText } from '../lib/shortcuts.ts';
import '../styles/shortcuts.css';
import { Dialog, DialogCloseButton, isModalOpen } from './Dialog.tsx';

/**
 * The keyboard shortcut sheet: "?" outside a text field or the editor, or "Keyboard
 * shortcuts" in the account menu, opens it; Escape, Close or a click outside closes it and the
 * focus goes back where it was (Dialog). Never over another modal (Share, Move to trash, a
 * panel's sheet, or itself): one at a time. Mounted once, by the app shell.
 */
export function ShortcutSheet() {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const show = () => {
      if (!isModalOpen()) setOpen(true);
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

  return open ? <ShortcutDialog onClose={() => setOpen(false)} /> : null;
}

function ShortcutDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const apple = isApplePlatform(navigator.platform || navigator.userAgent);

  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="dialog shortcuts" testId="shortcut-sheet">
      <div className="shortcuts__body">
        <div className="shortcuts__header">
          <h2 id={titleId} className="dialog__title">
            Keyboard shortcuts
          </h2>
          <DialogCloseButton onClick={onClose} />
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
    </Dialog>
  );
}
