import type { Notification } from '@inkwell/protocol';
import { useMarkNotificationRead } from '../hooks/use-notifications.ts';
import { NOTIFICATION_PHRASES, notificationSentence, notificationTarget } from '../lib/notification-text.ts';
import { formatAbsoluteTime, formatRelativeTime } from '../lib/relative-time.ts';
import { ROLE_LABELS } from '../lib/roles.ts';
import { Avatar } from './Avatar.tsx';
import { Link } from './Link.tsx';

interface NotificationItemProps {
  notification: Notification;
  now: number;
  onNavigate: () => void;
}

export function NotificationItem({ notification, now, onNavigate }: NotificationItemProps) {
  const markRead = useMarkNotificationRead();
  const unread = notification.readAt === null;
  const sentence = notificationSentence(notification);

  return (
    <li className={`notification${unread ? ' notification--unread' : ''}`} data-testid="notification" data-unread={unread}>
      <Link
        to={notificationTarget(notification)}
        className="notification__link"
        onClick={() => {
          // Opening it is reading it; a new-tab click counts too.
          if (unread) markRead.mutate(notification.id);
          onNavigate();
        }}
      >
        <Avatar name={notification.actor.name} color={notification.actor.color} />
        <span className="notification__body">
          <span className="notification__text">
            <Sentence notification={notification} />
          </span>
          {notification.excerpt && (
            <span className="notification__excerpt" data-testid="notification-excerpt">
              {notification.excerpt}
            </span>
          )}
          <span className="notification__meta">
            <time dateTime={notification.createdAt} title={formatAbsoluteTime(notification.createdAt)}>
              {formatRelativeTime(notification.createdAt, now)}
            </time>
            {notification.role && <span> · {ROLE_LABELS[notification.role]}</span>}
            {unread && <span className="visually-hidden"> · unread</span>}
          </span>
        </span>
      </Link>
      {unread && (
        <button
          type="button"
          className="notification__mark"
          aria-label={`Mark as read: ${sentence}`}
          title="Mark as read"
          onClick={() => markRead.mutate(notification.id)}
        >
          <span className="notification__dot" aria-hidden="true" />
        </button>
      )}
    </li>
  );
}

/** notificationSentence, with the person and the document in bold. */
function Sentence({ notification }: { notification: Notification }) {
  const actor = <strong>{notification.actor.name}</strong>;
  const title = <strong>“{notification.docTitle}”</strong>;
  const { before, after } = NOTIFICATION_PHRASES[notification.kind];
  return (
    <>
      {actor} {before} {title}
      {after && ` ${after}`}
    </>
  );
}
