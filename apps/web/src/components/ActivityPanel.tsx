import type { ActivityEditor, PublicUser } from '@inkwell/protocol';
import { useActivity, useAppState } from '../hooks/use-app-channel.ts';
import type { AppClient } from '../sync/app-client.ts';
import { Avatar } from './Avatar.tsx';
import { SidePanel } from './SidePanel.tsx';

interface ActivityPanelProps {
  app: AppClient | null;
  /** Who is typing now (from the typing notices), marked in the list. */
  typing: readonly PublicUser[];
  /** The signed-in account, shown as "you". */
  userId: string;
  onClose: () => void;
}

const number = new Intl.NumberFormat('en');

/** "just now", "12 s ago", "1 min ago", measured on the server's clock (`at`). */
function ago(lastEditAt: string, at: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(at) - Date.parse(lastEditAt)) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  return '1 min ago';
}

/**
 * The document's activity stream (`activity.subscribe`): who edited in the last minute and
 * how much, the word count and the open connections. Subscribed only while this is mounted.
 */
export function ActivityPanel({ app, typing, userId, onClose }: ActivityPanelProps) {
  const { activity, error } = useActivity(app);
  const live = useAppState(app).status === 'ready';
  const typingIds = new Set(typing.map((person) => person.id));
  const most = Math.max(1, ...(activity?.editors ?? []).map((editor) => editor.added + editor.removed));

  const status = (
    <span className={`live-dot${live && !error ? ' live-dot--on' : ''}`} data-testid="activity-live">
      {live ? (error ? 'Unavailable' : 'Live') : 'Paused'}
    </span>
  );

  return (
    <SidePanel name="activity" title="Activity" status={status} onClose={onClose}>
      {!live && (
        <p className="panel-note" role="status">
          Offline: these numbers resume when the connection returns.
        </p>
      )}
      {error && (
        <p className="panel-note panel-note--error" role="alert">
          Couldn't follow this document's activity: {error.message}
        </p>
      )}
      {!activity ? (
        !error && (
          <p className="panel-empty" aria-busy="true">
            {live ? 'Loading activity…' : 'Waiting for the connection…'}
          </p>
        )
      ) : (
        <>
          <dl className="stats">
            <div className="stats__item">
              <dt>Words</dt>
              <dd data-testid="activity-words">{number.format(activity.words)}</dd>
            </div>
            <div className="stats__item" title="Open tabs and devices on this document, yours included">
              <dt>Connected</dt>
              <dd data-testid="activity-connections">{number.format(activity.connections)}</dd>
            </div>
          </dl>
          <h3 className="panel-section-title">Edits in the last minute</h3>
          {activity.editors.length === 0 ? (
            <p className="panel-empty">Nobody has changed the text in the last minute.</p>
          ) : (
            <ul className="activity-list" aria-label="People editing">
              {activity.editors.map((editor) => (
                <ActivityRow
                  key={editor.user.id}
                  editor={editor}
                  at={activity.at}
                  isYou={editor.user.id === userId}
                  typing={typingIds.has(editor.user.id)}
                  share={(editor.added + editor.removed) / most}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </SidePanel>
  );
}

interface ActivityRowProps {
  editor: ActivityEditor;
  at: string;
  isYou: boolean;
  typing: boolean;
  /** This person's changes relative to the busiest person's, for the bar. */
  share: number;
}

function ActivityRow({ editor, at, isYou, typing, share }: ActivityRowProps) {
  const { user, added, removed } = editor;
  return (
    <li className="activity-row" data-testid="activity-editor" data-user={user.name}>
      <Avatar name={user.name} color={user.color} size="small" />
      <div className="activity-row__main">
        <div className="activity-row__top">
          <span className="activity-row__name">
            {user.name}
            {isYou && <span className="activity-row__you"> (you)</span>}
          </span>
          <span className="activity-row__counts">
            {/* The short "+12 −3" is for the eye; assistive technology reads the words instead
                (an aria-label on a plain span is not supported, so it would be dropped). */}
            <span className="count count--added">
              <span data-testid="activity-added" aria-hidden="true">
                +{number.format(added)}
              </span>
              <span className="visually-hidden">{number.format(added)} characters added</span>
            </span>
            <span className="count count--removed">
              <span data-testid="activity-removed" aria-hidden="true">
                −{number.format(removed)}
              </span>
              <span className="visually-hidden">{number.format(removed)} characters removed</span>
            </span>
          </span>
        </div>
        <div className="activity-row__bar" aria-hidden="true">
          <span style={{ width: `${Math.max(4, share * 100)}%`, backgroundColor: user.color }} />
        </div>
        <span className="activity-row__when">{typing ? 'typing now' : `last edit ${ago(editor.lastEditAt, at)}`}</span>
      </div>
    </li>
  );
}
