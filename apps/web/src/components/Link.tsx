import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { isModifiedClick, navigate } from '../lib/navigation.ts';

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

// A real <a href> so middle-click, ctrl-click, "copy link" and open-in-new-tab all work;
// only a plain left click is turned into a client-side navigation.
export function Link({ to, onClick, target, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (isModifiedClick(event) || (target !== undefined && target !== '_self')) return;
    event.preventDefault();
    navigate(to);
  }
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}
