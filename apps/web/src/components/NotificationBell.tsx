import { useEffect, useId, useRef, useState } from 'react';
import { useNotificationsQuery } from '../hooks/use-notifications.ts';
import { badgeText, bellLabel } from '../lib/notification-text.ts';
import type { EventStreamSnapshot } from '../sync/event-stream.ts';
import { NotificationPanel } from './NotificationPanel.tsx';

/** The header's bell: unread badge, and the panel below it while open. */
export function NotificationBell({ stream }: { stream: EventStreamSnapshot }) {
  const query = useNotificationsQuery();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const unread = query.data?.unread ?? 0;

  // Closes on a click anywhere else (the panel is not modal: the page stays usable).
  useEffect(() => {
    if (!open) return;
    const handlePointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, [open]);

  function close({ restoreFocus }: { restoreFocus: boolean }) {
    setOpen(false);
    if (restoreFocus) buttonRef.current?.focus();
  }

  return (
    // The stream's state as attributes: for tests, and for whoever debugs "why no updates".
    // biome-ignore lint/a11y/noStaticElementInteractions: onBlur only listens to focus leaving the button or panel inside (React's blur bubbles like focusout); the wrapper itself is neither focusable nor interactive.
    <div
      className="bell"
      ref={rootRef}
      data-stream-status={stream.status}
      data-stream-role={stream.role}
      // Tabbing out of the panel closes it, as a click elsewhere does. (No relatedTarget: the
      // window lost focus, or a click on nothing focusable, which pointerdown handles.)
      onBlur={(event) => {
        const next = event.relatedTarget;
        if (open && next instanceof Node && !rootRef.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="bell__button icon-button"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-testid="notification-bell"
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell__badge" data-testid="notification-badge" aria-hidden="true">
            {badgeText(unread)}
          </span>
        )}
      </button>
      {open && <NotificationPanel id={panelId} query={query} streamStatus={stream.status} onClose={close} />}
    </div>
  );
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path
        d="M10 2.5a4.75 4.75 0 0 0-4.75 4.75v2.6c0 .55-.18 1.08-.5 1.52L3.6 12.9c-.47.64-.01 1.55.79 1.55h11.22c.8 0 1.26-.91.79-1.55l-1.15-1.53a2.55 2.55 0 0 1-.5-1.52v-2.6A4.75 4.75 0 0 0 10 2.5Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
      <path d="M8 16.25a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
