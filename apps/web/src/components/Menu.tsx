import { type ComponentPropsWithoutRef, createContext, type ReactNode, use } from 'react';
import { type MenuButtonState, useMenuButton } from '../hooks/use-menu-button.ts';
import '../styles/doc-menu.css';

// A menu button in four parts, the keys and the focus being useMenuButton's:
//
//   <Menu className="doc-menu">                    the root; the popup is placed against it
//     <MenuButton aria-label="…">⋯</MenuButton>    aria-haspopup, aria-expanded, ↓/↑ open
//     <MenuList label="…">                         role="menu", only while open
//       <MenuItem onSelect={…}>…</MenuItem>        role="menuitem"
//     </MenuList>
//   </Menu>
//
// Anything else inside the root (a heading in the list, a status beside it) is the caller's.

const MenuContext = createContext<MenuButtonState | null>(null);

function useMenu(): MenuButtonState {
  const menu = use(MenuContext);
  if (!menu) throw new Error('Menu parts belong inside a <Menu>');
  return menu;
}

/** The root: a press outside it closes the menu. Its CSS makes it the popup's containing block. */
export function Menu({ className, children }: { className: string; children: ReactNode }) {
  const menu = useMenuButton();
  return (
    <MenuContext value={menu}>
      <div className={className} ref={menu.rootRef}>
        {children}
      </div>
    </MenuContext>
  );
}

type MenuButtonProps = Omit<
  ComponentPropsWithoutRef<'button'>,
  'type' | 'onClick' | 'onKeyDown' | 'aria-haspopup' | 'aria-expanded' | 'aria-controls'
>;

/** The button that opens and closes the menu; every other attribute is the caller's. */
export function MenuButton(props: MenuButtonProps) {
  const menu = useMenu();
  return (
    <button
      {...props}
      ref={menu.buttonRef}
      type="button"
      aria-haspopup="menu"
      aria-expanded={menu.open}
      aria-controls={menu.open ? menu.menuId : undefined}
      onClick={menu.toggle}
      onKeyDown={menu.handleButtonKeyDown}
    />
  );
}

/** The popup, rendered while the menu is open; `label` is its accessible name. */
export function MenuList({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const menu = useMenu();
  if (!menu.open) return null;
  return (
    <div
      ref={menu.menuRef}
      id={menu.menuId}
      role="menu"
      aria-label={label}
      className={className ? `doc-menu__list ${className}` : 'doc-menu__list'}
      tabIndex={-1}
      onKeyDown={menu.handleMenuKeyDown}
    >
      {children}
    </div>
  );
}

interface MenuItemProps {
  onSelect: () => void;
  /** Said instead of the item's text, when that is not the whole name. */
  'aria-label'?: string;
  /** Added to doc-menu__item (e.g. doc-menu__item--danger). */
  className?: string;
  children: ReactNode;
}

/**
 * One choice. Choosing it closes the menu and puts the focus on the menu's button before
 * onSelect runs, so a dialog it opens gives the focus back there when it closes.
 */
export function MenuItem({ onSelect, 'aria-label': ariaLabel, className, children }: MenuItemProps) {
  const menu = useMenu();
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={className ? `doc-menu__item ${className}` : 'doc-menu__item'}
      aria-label={ariaLabel}
      onClick={() => {
        menu.close();
        onSelect();
      }}
    >
      {children}
    </button>
  );
}
