import { PANEL_IDS, type PanelName } from './SidePanel.tsx';

const LABELS: Record<PanelName, string> = { versions: 'Versions', activity: 'Activity' };

interface PanelTogglesProps {
  open: PanelName | null;
  onChange: (panel: PanelName | null) => void;
}

/** "Versions" and "Activity" in the doc bar: each opens its side panel, or closes it again. */
export function PanelToggles({ open, onChange }: PanelTogglesProps) {
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
        >
          {LABELS[panel]}
        </button>
      ))}
    </fieldset>
  );
}
