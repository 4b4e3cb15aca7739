import type { NotificationList } from '@inkwell/protocol';
import type { UseQueryResult } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useMarkAllNotificationsRead } from '../hooks/use-notifications.ts';
import { useNow } from '../hooks/use-now.ts';
import { errorMessage } from '../lib/api-error.ts';
import type { StreamStatus } from '../sync/sse-connection.ts';
import { NotificationItem } from './NotificationItem.tsx';

interface NotificationPanelProps {
  id: string;
  query: UseQueryResult<NotificationList>;
  streamStatus: StreamStatus;
  /** restoreFocus: put focus back on the bell (Escape), not when a link moves it elsewhere. */
  onClose(options: { restoreFocus: boolean }): void;
}

export function NotificationPanel({ id, query, streamStatus, onClose }: NotificationPanelProps) {
  const panelRef = useRef<HTMLElement>(null);
  const markAll = useMarkAllNotificationsRead();
  const now = useNow();
  const list = query.data;

  // Focus moves into the panel, so the keyboard lands among the notifications.
  useEffect(() => {
    panelRef.current?.focus();
  }, []);

  function handleKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose({ restoreFocus: true });
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    // Arrow keys walk the notifications, as in any menu-like list.
    const links = [...(panelRef.current?.querySelectorAll<HTMLElement>('.notification__link') ?? [])];
    if (links.length === 0) return;
    event.preventDefault();
    const current = links.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const next = current === -1 ? (step === 1 ? 0 : links.length - 1) : (current + step + links.length) % links.length;
    links[next]?.focus();
  }

  return (
    <section
      ref={panelRef}
      id={id}
      className="notification-panel"
      role="dialog"
      aria-label="Notifications"
      tabIndex={-1}
      onKeyDown={handleKeyDown}
      data-testid="notification-panel"
    >
      <header className="notification-panel__header">
        <h2 className="notification-panel__title">Notifications</h2>
        {streamStatus === 'reconnecting' && (
          <span className="notification-panel__status" role="status">
            Reconnecting…
          </span>
        )}
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => markAll.mutate()}
          disabled={!list || list.unread === 0 || markAll.isPending}
        >
          Mark all read
        </button>
      </header>
      {markAll.isError && (
        <p className="notification-panel__error" role="alert">
          Couldn’t mark them read. {errorMessage(markAll.error)}
        </p>
      )}
      <PanelBody query={query} now={now} onNavigate={() => onClose({ restoreFocus: false })} />
    </section>
  );
}

function PanelBody({ query, now, onNavigate }: { query: UseQueryResult<NotificationList>; now: number; onNavigate: () => void }) {
  const list = query.data;
  if (!list) {
    if (query.isError) {
      return (
        <div className="notification-panel__state" role="alert">
          <p className="notification-panel__state-title">Couldn’t load notifications</p>
          <p className="notification-panel__state-text">{errorMessage(query.error)}</p>
          <button type="button" className="button button--small" onClick={() => void query.refetch()} disabled={query.isFetching}>
            {query.isFetching ? 'Retrying…' : 'Try again'}
          </button>
        </div>
      );
    }
    return (
      <p className="notification-panel__state notification-panel__state-text" aria-busy="true">
        Loading…
      </p>
    );
  }
  if (list.notifications.length === 0) {
    return (
      <div className="notification-panel__state" data-testid="notifications-empty">
        <p className="notification-panel__state-title">You’re all caught up</p>
        <p className="notification-panel__state-text">Shares and mentions will show up here.</p>
      </div>
    );
  }
  return (
    <ul className="notification-panel__list">
      {list.notifications.map((notification) => (
        <NotificationItem key={notification.id} notification={notification} now={now} onNavigate={onNavigate} />
      ))}
    </ul>
  );
}
