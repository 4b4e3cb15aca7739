import { type Doc, type ExportFormat, Pages } from '@inkwell/protocol';
import { useState } from 'react';
import { useMenuButton } from '../hooks/use-menu-button.ts';
import { api } from '../lib/api.ts';
import { errorMessage } from '../lib/api-error.ts';
import { saveBlob } from '../lib/download.ts';
import { navigate } from '../lib/navigation.ts';
import { isOwner } from '../lib/roles.ts';
import { trashedState } from '../lib/trash-flash.ts';
import '../styles/doc-menu.css';
import { MoveToTrashDialog } from './MoveToTrashDialog.tsx';
import { PANEL_LABELS, PanelIcon } from './PanelToggles.tsx';
import type { PanelName } from './SidePanel.tsx';
import { TrashIcon } from './TrashIcon.tsx';

const FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; extension: string }> = [
  { format: 'md', label: 'Markdown', extension: '.md' },
  { format: 'html', label: 'HTML page', extension: '.html' },
  { format: 'json', label: 'JSON', extension: '.json' },
];

type ExportState = { kind: 'idle' } | { kind: 'exporting'; label: string } | { kind: 'failed'; message: string };

/** Only the items this screen shows: the phone-only ones are display:none on wider screens. */
interface DocActionsMenuProps {
  doc: Doc;
  /** On a phone the bar keeps only Comments: Share and these panels move into the menu. */
  onShare?: (() => void) | undefined;
  panel?: PanelName | null;
  onPanel?: ((panel: PanelName) => void) | undefined;
}

/** Panels offered in the menu on a phone (Comments keeps its button in the bar). */
const MENU_PANELS: readonly PanelName[] = ['versions', 'activity'];

/**
 * "⋯" in the doc bar: Export (Markdown, HTML, JSON) for everyone who can open the document,
 * and Move to trash for its owner; on a phone also Share, Versions and Activity (their bar
 * buttons are hidden there, doc-bar.css). A menu button: ↑/↓, Home/End move, Escape closes
 * and hands the focus back.
 */
export function DocActionsMenu({ doc, onShare, panel = null, onPanel }: DocActionsMenuProps) {
  const { open, setOpen, close, handleMenuKeyDown, rootRef, buttonRef, menuRef, menuId } = useMenuButton();
  const [trashing, setTrashing] = useState(false);
  const [exportState, setExportState] = useState<ExportState>({ kind: 'idle' });
  const owner = isOwner(doc.role);

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
        title="More: export, move to trash"
        data-testid="doc-actions"
        // Where a panel opened from this menu hands the focus back (SidePanel).
        data-panel-fallback=""
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
          {(onShare || onPanel) && (
            <div className="doc-menu__narrow">
              {onShare && (
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  className="doc-menu__item"
                  onClick={() => {
                    setOpen(false);
                    onShare();
                  }}
                >
                  <span>Share…</span>
                </button>
              )}
              {onPanel &&
                MENU_PANELS.map((name) => (
                  <button
                    key={name}
                    type="button"
                    role="menuitem"
                    tabIndex={-1}
                    className="doc-menu__item"
                    aria-label={panel === name ? `Close ${PANEL_LABELS[name].toLowerCase()}` : PANEL_LABELS[name]}
                    onClick={() => {
                      setOpen(false);
                      onPanel(name);
                    }}
                  >
                    <span className="doc-menu__label">
                      <PanelIcon panel={name} /> {PANEL_LABELS[name]}
                    </span>
                  </button>
                ))}
              <hr className="doc-menu__separator" />
            </div>
          )}
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
                  // The focus on the button first: the dialog gives it back there when it closes.
                  close();
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
          onClose={() => setTrashing(false)}
          onMoved={() => navigate(Pages.home, { state: trashedState(doc) })}
        />
      )}
    </div>
  );
}
