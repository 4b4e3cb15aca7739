import { Pages, type User } from '@inkwell/protocol';
import { navigate } from '../lib/navigation.ts';
import { openShortcutSheet } from '../lib/shortcuts.ts';
import '../styles/doc-menu.css';
import '../styles/settings.css';
import { useMenuButton } from '../hooks/use-menu-button.ts';
import { Avatar } from './Avatar.tsx';

/**
 * The signed-in person in the header, as a menu button: Settings and Keyboard shortcuts.
 * ↑/↓, Home/End move; Escape closes and hands the focus back (menu button pattern).
 */
export function AccountMenu({ user }: { user: User }) {
  const { open, setOpen, close, handleMenuKeyDown, rootRef, buttonRef, menuRef, menuId } = useMenuButton();

  return (
    <div className="account-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Account: ${user.name}`}
        title={`${user.name} (${user.email})`}
        data-testid="account-menu"
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={user.name} color={user.color} size="small" />
        <span className="user-chip__name" data-testid="current-user">
          {user.name}
        </span>
        <span className="account-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Account"
          className="doc-menu__list account-menu__list"
          tabIndex={-1}
          onKeyDown={handleMenuKeyDown}
        >
          <p className="account-menu__who" aria-hidden="true">
            {user.email}
          </p>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="doc-menu__item"
            onClick={() => {
              close();
              navigate(Pages.settings);
            }}
          >
            Settings
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="doc-menu__item"
            onClick={() => {
              close();
              openShortcutSheet();
            }}
          >
            Keyboard shortcuts
            <kbd className="account-menu__key">?</kbd>
          </button>
        </div>
      )}
    </div>
  );
}
