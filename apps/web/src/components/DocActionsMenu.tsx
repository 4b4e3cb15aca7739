import { type Doc, type ExportFormat, Pages } from '@inkwell/protocol';
import { useState } from 'react';
import { api } from '../lib/api.ts';
import { errorMessage } from '../lib/api-error.ts';
import { saveBlob } from '../lib/download.ts';
import { navigate } from '../lib/navigation.ts';
import { isOwner } from '../lib/roles.ts';
import { trashedState } from '../lib/trash-flash.ts';
import '../styles/doc-menu.css';
import { Menu, MenuButton, MenuItem, MenuList } from './Menu.tsx';
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
 * buttons are hidden there, doc-bar.css). A Menu: ↑/↓, Home/End move, Escape closes and hands
 * the focus back.
 */
export function DocActionsMenu({ doc, onShare, panel = null, onPanel }: DocActionsMenuProps) {
  const [trashing, setTrashing] = useState(false);
  const [exportState, setExportState] = useState<ExportState>({ kind: 'idle' });
  const owner = isOwner(doc.role);

  async function exportAs(format: ExportFormat, label: string, extension: string) {
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
    <Menu className="doc-menu">
      <MenuButton
        className="button button--small doc-menu__button"
        aria-label="Document actions"
        title="More: export, move to trash"
        data-testid="doc-actions"
        // Where a panel opened from this menu hands the focus back (SidePanel).
        data-panel-fallback=""
      >
        <span aria-hidden="true" className="doc-menu__dots">
          ⋯
        </span>
      </MenuButton>
      <MenuList label="Document actions">
        {(onShare || onPanel) && (
          <div className="doc-menu__narrow">
            {onShare && (
              <MenuItem onSelect={onShare}>
                <span>Share…</span>
              </MenuItem>
            )}
            {onPanel &&
              MENU_PANELS.map((name) => (
                <MenuItem
                  key={name}
                  aria-label={panel === name ? `Close ${PANEL_LABELS[name].toLowerCase()}` : PANEL_LABELS[name]}
                  onSelect={() => onPanel(name)}
                >
                  <span className="doc-menu__label">
                    <PanelIcon panel={name} /> {PANEL_LABELS[name]}
                  </span>
                </MenuItem>
              ))}
            <hr className="doc-menu__separator" />
          </div>
        )}
        {/* The heading is for the eye; each item's name says "Export as …" itself. */}
        <p className="doc-menu__heading" aria-hidden="true">
          Export
        </p>
        {FORMATS.map(({ format, label, extension }) => (
          <MenuItem key={format} aria-label={`Export as ${label} (${extension})`} onSelect={() => void exportAs(format, label, extension)}>
            <span>{label}</span>
            <span className="doc-menu__hint">{extension}</span>
          </MenuItem>
        ))}
        {owner && (
          <>
            <hr className="doc-menu__separator" />
            <MenuItem className="doc-menu__item--danger" onSelect={() => setTrashing(true)}>
              <span className="doc-menu__label">
                <TrashIcon /> Move to trash…
              </span>
            </MenuItem>
          </>
        )}
      </MenuList>
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
      {/* The dialog gives the focus back to the menu's button, which had it when it opened. */}
      {trashing && (
        <MoveToTrashDialog
          doc={doc}
          onClose={() => setTrashing(false)}
          onMoved={() => navigate(Pages.home, { state: trashedState(doc) })}
        />
      )}
    </Menu>
  );
}
