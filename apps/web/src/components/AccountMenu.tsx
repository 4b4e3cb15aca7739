import { Pages, type User } from '@inkwell/protocol';
import { navigate } from '../lib/navigation.ts';
import { openShortcutSheet } from '../lib/shortcuts.ts';
import '../styles/settings.css';
import { Avatar } from './Avatar.tsx';
import { Menu, MenuButton, MenuItem, MenuList } from './Menu.tsx';

/** The signed-in person in the header, as a menu button: Settings and Keyboard shortcuts. */
export function AccountMenu({ user }: { user: User }) {
  return (
    <Menu className="account-menu">
      <MenuButton
        className="account-menu__button"
        aria-label={`Account: ${user.name}`}
        title={`${user.name} (${user.email})`}
        data-testid="account-menu"
      >
        <Avatar name={user.name} color={user.color} size="small" />
        <span className="user-chip__name" data-testid="current-user">
          {user.name}
        </span>
        <span className="account-menu__caret" aria-hidden="true">
          ▾
        </span>
      </MenuButton>
      <MenuList label="Account" className="account-menu__list">
        <p className="account-menu__who" aria-hidden="true">
          {user.email}
        </p>
        <MenuItem onSelect={() => navigate(Pages.settings)}>Settings</MenuItem>
        <MenuItem onSelect={openShortcutSheet}>
          Keyboard shortcuts
          <kbd className="account-menu__key">?</kbd>
        </MenuItem>
      </MenuList>
    </Menu>
  );
}
