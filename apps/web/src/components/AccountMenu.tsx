import { Pages, type User } from '@inkwell/protocol';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { navigate } from '../lib/navigation.ts';
import { openShortcutSheet } from '../lib/shortcuts.ts';
import '../styles/doc-menu.css';
import '../styles/settings.css';
import { Avatar } from './Avatar.tsx';

/**
 * The signed-in person in the header, as a menu button: Settings and Keyboard shortcuts.
 * ↑/↓, Home/End move; Escape closes and hands the focus back (menu button pattern).
 */
export function AccountMenu({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const handlePointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = list.indexOf(document.activeElement as HTMLElement);
    const focus = (next: number) => list[(next + list.length) % list.length]?.focus();
    if (event.key === 'ArrowDown') focus(index + 1);
    else if (event.key === 'ArrowUp') focus(index - 1);
    else if (event.key === 'Home') focus(0);
    else if (event.key === 'End') focus(list.length - 1);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  }

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
