import { useEffect } from 'react';

/** Sets the browser tab title; undefined keeps the plain app name. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Inkwell` : 'Inkwell';
  }, [title]);
}
