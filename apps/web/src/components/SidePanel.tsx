import { type ReactNode, useId } from 'react';
import '../styles/panels.css';

export type PanelName = 'comments' | 'versions' | 'activity';

/** Ids of the panels, for the toggles' aria-controls. */
export const PANEL_IDS: Record<PanelName, string> = {
  comments: 'doc-panel-comments',
  versions: 'doc-panel-versions',
  activity: 'doc-panel-activity',
};

interface SidePanelProps {
  name: PanelName;
  title: string;
  /** Next to the title: e.g. the activity's live dot. */
  status?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}

/**
 * The column to the right of the editor (an overlay on narrow screens). A landmark with its
 * own heading, so screen reader users can jump to it; Escape inside it closes it.
 */
export function SidePanel({ name, title, status, onClose, children }: SidePanelProps) {
  const titleId = useId();
  return (
    <aside
      id={PANEL_IDS[name]}
      className={`side-panel side-panel--${name}`}
      aria-labelledby={titleId}
      data-testid={`${name}-panel`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="side-panel__header">
        <h2 id={titleId} className="side-panel__title">
          {title}
        </h2>
        {status}
        <button type="button" className="icon-button side-panel__close" aria-label={`Close ${title.toLowerCase()}`} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="side-panel__body">{children}</div>
    </aside>
  );
}
