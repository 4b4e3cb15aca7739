import type { PresenceUser } from '@inkwell/protocol';
import { Pages } from '@inkwell/protocol';
import { Avatar } from './Avatar.tsx';
import { Link } from './Link.tsx';

interface AppHeaderProps {
  user: PresenceUser | null;
  onChangeName: () => void;
}

export function AppHeader({ user, onChangeName }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link to={Pages.home} className="brand">
          <span className="brand__mark" aria-hidden="true">
            I
          </span>
          Inkwell
        </Link>
        {user && (
          <div className="user-chip">
            <Avatar name={user.name} color={user.color} size="small" />
            <span className="user-chip__name" data-testid="current-user" title={user.name}>
              {user.name}
            </span>
            <button type="button" className="button button--ghost button--small" onClick={onChangeName}>
              Change name
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
