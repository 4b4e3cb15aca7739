import { type ReactNode, useEffect, useId, useLayoutEffect, useRef } from 'react';
import { useMediaQuery } from '../hooks/use-media-query.ts';
import '../styles/panels.css';
import { Dialog } from './Dialog.tsx';

export type PanelName = 'comments' | 'versions' | 'activity';

/** Ids of the panels, for the toggles' aria-controls. */
export const PANEL_IDS: Record<PanelName, string> = {
  comments: 'doc-panel-comments',
  versions: 'doc-panel-versions',
  activity: 'doc-panel-activity',
};

/** Phones: the panel is a modal sheet over the page (panels.css has the same width). */
export const SHEET_QUERY = '(max-width: 640px)';

interface SidePanelProps {
  name: PanelName;
  title: string;
  /** Next to the title: e.g. the activity's live dot. */
  status?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}

/**
 * The column to the right of the editor. Wide windows reserve that column whether a panel is
 * open or not, narrower ones lay the panel over the right of the text (panels.css), so opening
 * or closing one never moves the text. A landmark with its own heading, so screen reader
 * users can jump to it; Escape inside it closes it.
 *
 * On a phone there is no room beside the text, and an overlay would sit on the very text a
 * person wants to select, so there it is a sheet instead: a modal <dialog> over a backdrop
 * (Dialog: the page behind is inert, Tab stays inside the sheet), closed with Escape, ×, or a
 * tap on the backdrop, after which the focus goes back to the panel's toggle.
 */
export function SidePanel(props: SidePanelProps) {
  const sheet = useMediaQuery(SHEET_QUERY);
  const ref = useRef<HTMLElement | null>(null);
  const { onClose } = props;

  // The toggle that controls this panel, found while it says so (aria-controls is set in the
  // same commit that mounts the panel, and cleared in the one that unmounts it). On a phone
  // Versions and Activity have no button in the bar (they open from the "⋯" menu): the focus
  // goes back to that menu's button instead.
  const toggle = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const own = document.querySelector<HTMLElement>(`[aria-controls="${PANEL_IDS[props.name]}"]`);
    toggle.current = own?.checkVisibility() ? own : document.querySelector<HTMLElement>('[data-panel-fallback]');
  }, [props.name]);

  // Focus that was in the panel when it went (Escape, ×) would fall to the page's body: it
  // goes back to the toggle. Focus elsewhere (the editor, after a click on a highlight) stays.
  useLayoutEffect(() => {
    const panel = ref.current;
    return () => {
      const active = document.activeElement;
      const lost = !active || active === document.body || (panel?.contains(active) ?? false);
      if (lost && toggle.current?.isConnected) toggle.current.focus();
    };
  }, []);

  return sheet ? <PanelSheet {...props} panelRef={ref} toggle={toggle} onClose={onClose} /> : <PanelAside {...props} panelRef={ref} />;
}

interface PanelShellProps extends SidePanelProps {
  panelRef: React.RefObject<HTMLElement | null>;
}

function PanelAside({ name, title, status, onClose, children, panelRef }: PanelShellProps) {
  const titleId = useId();
  return (
    <aside
      ref={panelRef}
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
      <PanelContent titleId={titleId} title={title} status={status} onClose={onClose}>
        {children}
      </PanelContent>
    </aside>
  );
}

function PanelSheet({
  name,
  title,
  status,
  onClose,
  children,
  panelRef,
  toggle,
}: PanelShellProps & { toggle: React.RefObject<HTMLElement | null> }) {
  const titleId = useId();

  // The page behind does not scroll under a finger on the sheet.
  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('has-sheet');
    return () => root.classList.remove('has-sheet');
  }, []);

  // The focus goes back to the toggle, not to what had it before (the floating Comment button,
  // gone by then, or the text): the toggle is where a person finds the panel again.
  return (
    <Dialog
      elementRef={panelRef}
      id={PANEL_IDS[name]}
      className={`side-panel side-panel--sheet side-panel--${name}`}
      labelledBy={titleId}
      testId={`${name}-panel`}
      onClose={onClose}
      returnFocus={toggle}
    >
      <PanelContent titleId={titleId} title={title} status={status} onClose={onClose}>
        {children}
      </PanelContent>
    </Dialog>
  );
}

function PanelContent({
  titleId,
  title,
  status,
  onClose,
  children,
}: {
  titleId: string;
  title: string;
  status?: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <>
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
    </>
  );
}
