import { Pages, type User } from '@inkwell/protocol';
import { useSignOut } from '../hooks/use-auth.ts';
import { errorMessage } from '../lib/api-error.ts';
import type { EventStreamSnapshot } from '../sync/event-stream.ts';
import { AccountMenu } from './AccountMenu.tsx';
import { Link } from './Link.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { SearchBox } from './SearchBox.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

interface AppHeaderProps {
  user: User | null;
  /** The event stream's state, shown in the notification panel while it reconnects. */
  stream?: EventStreamSnapshot;
}

const NO_STREAM: EventStreamSnapshot = { role: 'starting', status: 'connecting' };

export function AppHeader({ user, stream = NO_STREAM }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to={Pages.home} className="brand">
          <span className="brand__mark" aria-hidden="true">
            I
          </span>
          Inkwell
        </Link>
        {user && <SearchBox />}
        <div className="app-header__end">
          {user && <NotificationBell stream={stream} />}
          <ThemeToggle />
          {user && <UserChip user={user} />}
        </div>
      </div>
    </header>
  );
}

function UserChip({ user }: { user: User }) {
  const signOut = useSignOut();
  return (
    <div className="user-chip">
      {signOut.isError && (
        <span className="user-chip__error" role="alert" title={errorMessage(signOut.error)}>
          Couldn’t sign out
        </span>
      )}
      <AccountMenu user={user} />
      <button type="button" className="button button--ghost button--small" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
    </div>
  );
}
