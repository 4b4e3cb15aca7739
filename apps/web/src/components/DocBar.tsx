import { Pages } from '@inkwell/protocol';
import { type ReactNode, type RefObject, useEffect, useState } from 'react';
import { Link } from './Link.tsx';

interface DocBarProps {
  /** The document's title, shown small in the bar once the big title scrolled out of sight. */
  title?: string | undefined;
  /** True while the big title is out of sight. */
  showTitle?: boolean;
  /** A click on the small title: back to the big one. */
  onTitleClick?: (() => void) | undefined;
  /** What the page knows about the document's state (save status, connection, people). */
  children?: ReactNode;
  /** Buttons at the far right (share, panel toggles, menu). */
  actions?: ReactNode;
}

/**
 * The one row above a document, sticky at the top of the window (its height is
 * `--doc-bar-height`; the editor's toolbar sticks right under it): the way back to the list,
 * the title once the big one scrolled away, and on the right the document's state and actions.
 * Every slot has a fixed or bounded width and nothing wraps, so a person joining, a status
 * changing or a panel opening never changes the bar's height. Shared by the loading, error
 * and open states so the back link does not jump when the document arrives.
 */
export function DocBar({ title, showTitle = false, onTitleClick, children, actions }: DocBarProps) {
  return (
    <div className="doc-bar" data-testid="doc-bar">
      <div className="doc-bar__inner">
        <Link to={Pages.home} className="back-link" title="All documents">
          <span aria-hidden="true" className="back-link__arrow">
            ←
          </span>
          <span className="back-link__text">All documents</span>
        </Link>
        <div className="doc-bar__title-slot">
          {title !== undefined && (
            <button
              type="button"
              className={showTitle ? 'doc-bar__title doc-bar__title--shown' : 'doc-bar__title'}
              // Hidden (and out of the tab order) while the big title is in sight.
              tabIndex={showTitle ? 0 : -1}
              aria-hidden={showTitle ? undefined : true}
              title={`${title}: go to the title`}
              onClick={onTitleClick}
              data-testid="doc-bar-title"
            >
              {title}
            </button>
          )}
        </div>
        {children && <div className="doc-bar__status">{children}</div>}
        {actions && <div className="doc-bar__actions">{actions}</div>}
      </div>
    </div>
  );
}

/**
 * Whether the element is scrolled up under the sticky doc bar (or out of the window).
 * Only an IntersectionObserver: no scroll listener runs while the person reads.
 */
export function useScrolledPast(ref: RefObject<HTMLElement | null>): boolean {
  const [past, setPast] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const barHeight = Number.parseFloat(getComputedStyle(element).getPropertyValue('--doc-bar-height')) || 48;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry) setPast(!entry.isIntersecting && entry.boundingClientRect.top < barHeight);
      },
      { rootMargin: `-${Math.round(barHeight)}px 0px 0px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return past;
}
