import { PANEL_IDS, type PanelName } from './SidePanel.tsx';

const LABELS: Record<PanelName, string> = { comments: 'Comments', versions: 'Versions', activity: 'Activity' };

interface PanelTogglesProps {
  open: PanelName | null;
  onChange: (panel: PanelName | null) => void;
  /** Open comment threads, shown as a badge on "Comments" (nothing for 0). */
  openComments: number;
}

/** "Comments", "Versions" and "Activity" in the doc bar: each opens its side panel, or closes it again. */
export function PanelToggles({ open, onChange, openComments }: PanelTogglesProps) {
  return (
    <fieldset className="panel-toggles" aria-label="Side panels">
      {(Object.keys(LABELS) as PanelName[]).map((panel) => (
        <button
          key={panel}
          type="button"
          className={`button button--small panel-toggle${open === panel ? ' panel-toggle--on' : ''}`}
          aria-pressed={open === panel}
          aria-controls={open === panel ? PANEL_IDS[panel] : undefined}
          onClick={() => onChange(open === panel ? null : panel)}
          data-testid={`${panel}-toggle`}
          // The badge is for the eye; the name carries the count.
          aria-label={panel === 'comments' && openComments > 0 ? `${LABELS[panel]}, ${openComments} open` : undefined}
        >
          {LABELS[panel]}
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
