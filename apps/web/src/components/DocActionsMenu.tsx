import { type Doc, type ExportFormat, Pages } from '@inkwell/protocol';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { api } from '../lib/api.ts';
import { errorMessage } from '../lib/api-error.ts';
import { saveBlob } from '../lib/download.ts';
import { navigate } from '../lib/navigation.ts';
import { isOwner } from '../lib/roles.ts';
import { trashedState } from '../lib/trash-flash.ts';
import '../styles/doc-menu.css';
import { MoveToTrashDialog } from './MoveToTrashDialog.tsx';
import { TrashIcon } from './TrashIcon.tsx';

const FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; extension: string }> = [
  { format: 'md', label: 'Markdown', extension: '.md' },
  { format: 'html', label: 'HTML page', extension: '.html' },
  { format: 'json', label: 'JSON', extension: '.json' },
];

type ExportState = { kind: 'idle' } | { kind: 'exporting'; label: string } | { kind: 'failed'; message: string };

/**
 * "⋯" in the doc bar: Export (Markdown, HTML, JSON) for everyone who can open the document,
 * and Move to trash for its owner. A menu button: ↑/↓, Home/End move, Escape closes and
 * hands the focus back.
 */
export function DocActionsMenu({ doc }: { doc: Doc }) {
  const [open, setOpen] = useState(false);
  const [trashing, setTrashing] = useState(false);
  const [exportState, setExportState] = useState<ExportState>({ kind: 'idle' });
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const owner = isOwner(doc.role);

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    // The first item takes the focus as the menu opens (menu button pattern).
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const handlePointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const focus = (next: number) => list[(next + list.length) % list.length]?.focus();
    if (event.key === 'ArrowDown') focus(index + 1);
    else if (event.key === 'ArrowUp') focus(index - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(list.length - 1);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  }

  async function exportAs(format: ExportFormat, label: string, extension: string) {
    close();
    setExportState({ kind: 'exporting', label });
    try {
      const { blob, fileName } = await api.exportDoc(doc.id, format);
      saveBlob(blob, fileName ?? `${doc.title}${extension}`);
      setExportState({ kind: 'idle' });
    } catch (error) {
      setExportState({ kind: 'failed', message: `Couldn't export as ${label}: ${errorMessage(error)}` });
    }
  }

  return (
    <div className="doc-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button--small doc-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label="Document actions"
        title="Export, move to trash"
        data-testid="doc-actions"
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true" className="doc-menu__dots">
          ⋯
        </span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Document actions"
          className="doc-menu__list"
          tabIndex={-1}
          onKeyDown={handleMenuKeyDown}
        >
          {/* The heading is for the eye; each item's name says "Export as …" itself. */}
          <p className="doc-menu__heading" aria-hidden="true">
            Export
          </p>
          {FORMATS.map(({ format, label, extension }) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="doc-menu__item"
              aria-label={`Export as ${label} (${extension})`}
              onClick={() => void exportAs(format, label, extension)}
            >
              <span>{label}</span>
              <span className="doc-menu__hint">{extension}</span>
            </button>
          ))}
          {owner && (
            <>
              <hr className="doc-menu__separator" />
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="doc-menu__item doc-menu__item--danger"
                onClick={() => {
                  setOpen(false);
                  setTrashing(true);
                }}
              >
                <span className="doc-menu__label">
                  <TrashIcon /> Move to trash…
                </span>
              </button>
            </>
          )}
        </div>
      )}
      {exportState.kind === 'exporting' && (
        <output className="doc-menu__status" aria-live="polite">
          Preparing {exportState.label}…
        </output>
      )}
      {exportState.kind === 'failed' && (
        <div className="doc-menu__status doc-menu__status--error" role="alert">
          <span>{exportState.message}</span>
          <button
            type="button"
            className="icon-button notice__dismiss"
            aria-label="Dismiss"
            onClick={() => setExportState({ kind: 'idle' })}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      {trashing && (
        <MoveToTrashDialog
          doc={doc}
          onClose={() => {
            setTrashing(false);
            buttonRef.current?.focus();
          }}
          onMoved={() => navigate(Pages.home, { state: trashedState(doc) })}
        />
      )}
    </div>
  );
}
