// The whole router state is `location.pathname`, plus `search` for the sign-in pages' `next`.
// pushState does not fire popstate, so our own navigations notify subscribers directly;
// back/forward arrive through popstate.
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function subscribeToLocation(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

export function getPathname(): string {
  return window.location.pathname;
}

export function getSearch(): string {
  return window.location.search;
}

/** `state`: kept with the history entry, for the page it opens (e.g. "moved to the trash"). */
export function navigate(to: string, options: { replace?: boolean; state?: unknown } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  const state = options.state ?? null;
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  // A new page starts at the top, as a full page load would.
  window.scrollTo(0, 0);
  notify();
}

/** True when a click on a link should be left to the browser (new tab, download, …). */
export function isModifiedClick(event: {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
}): boolean {
  return event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}
