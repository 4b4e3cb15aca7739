// The menu button pattern (WAI-ARIA): a button that opens a menu whose first item takes the
// focus (↓ on the button opens it too, ↑ opens it on the last item); ↑/↓ wrap, Home/End jump,
// Escape closes and hands the focus back to the button, Tab closes and moves on, a pointer down
// outside closes. Items are the menu's visible `[role="menuitem"]` elements (a phone hides some
// with CSS). Menu.tsx puts the markup around it.
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return Array.from(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []).filter((item) => item.checkVisibility?.() ?? true);
}

export type MenuButtonState = ReturnType<typeof useMenuButton>;

export function useMenuButton() {
  const [open, setOpen] = useState(false);
  // Which item takes the focus when the menu opens: the last one after ↑ on the button.
  const startAtEnd = useRef(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const items = menuItems(menuRef.current);
    (startAtEnd.current ? items.at(-1) : items[0])?.focus();
    startAtEnd.current = false;
    const handlePointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, [open]);

  function toggle() {
    setOpen((value) => !value);
  }

  /** Closes the menu and gives the focus back to its button. */
  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  function handleButtonKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (open || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    event.preventDefault();
    startAtEnd.current = event.key === 'ArrowUp';
    setOpen(true);
  }

  function handleMenuKeyDown(event: KeyboardEvent<HTMLElement>) {
    const list = menuItems(menuRef.current);
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

  return { open, toggle, close, handleButtonKeyDown, handleMenuKeyDown, rootRef, buttonRef, menuRef, menuId };
}
