import { PANEL_IDS, type PanelName } from './SidePanel.tsx';

export const PANEL_LABELS: Record<PanelName, string> = { comments: 'Comments', versions: 'Versions', activity: 'Activity' };

const HINTS: Record<PanelName, string> = {
  comments: 'Comments: threads on this document',
  versions: 'Versions: saved and automatic history',
  activity: 'Activity: who is editing now',
};

interface PanelTogglesProps {
  open: PanelName | null;
  onChange: (panel: PanelName | null) => void;
  /** Open comment threads, shown as a badge on "Comments" (nothing for 0). */
  openComments: number;
}

/**
 * "Comments", "Versions" and "Activity" in the doc bar: icon buttons with their name as the
 * accessible name and in a tooltip, each opening its side panel or closing it again. On a
 * phone only Comments stays in the bar; the other two are in the "⋯" menu (DocActionsMenu).
 */
export function PanelToggles({ open, onChange, openComments }: PanelTogglesProps) {
  return (
    <fieldset className="panel-toggles" aria-label="Side panels">
      {(Object.keys(PANEL_LABELS) as PanelName[]).map((panel) => (
        <button
          key={panel}
          type="button"
          className={`icon-button panel-toggle panel-toggle--${panel}${open === panel ? ' panel-toggle--on' : ''}`}
          aria-pressed={open === panel}
          aria-controls={open === panel ? PANEL_IDS[panel] : undefined}
          onClick={() => onChange(open === panel ? null : panel)}
          data-testid={`${panel}-toggle`}
          title={HINTS[panel]}
          // The badge is for the eye; the name carries the count.
          aria-label={panel === 'comments' && openComments > 0 ? `${PANEL_LABELS[panel]}, ${openComments} open` : PANEL_LABELS[panel]}
        >
          <PanelIcon panel={panel} />
          {panel === 'comments' && openComments > 0 && (
            <span className="panel-toggle__badge" aria-hidden="true" data-testid="comments-count">
              {openComments > 99 ? '99+' : openComments}
            </span>
          )}
        </button>
      ))}
    </fieldset>
  );
}

export function PanelIcon({ panel }: { panel: PanelName }) {
  const common = {
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.7,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
  };
  return (
    <svg className="panel-toggle__icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      {panel === 'comments' && (
        <path {...common} d="M4 4.5h12a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1H9l-3.5 3v-3H4a1 1 0 0 1-1-1V5.5a1 1 0 0 1 1-1z" />
      )}
      {panel === 'versions' && (
        <>
          <path {...common} d="M3.5 10a6.5 6.5 0 1 0 1.9-4.6" />
          <path {...common} d="M3.5 3.5v3h3" />
          <path {...common} d="M10 6.5V10l2.5 1.8" />
        </>
      )}
      {panel === 'activity' && <path {...common} d="M2.5 10h3l2-5 4 10 2-5h4" />}
    </svg>
  );
}
