import { useEffect } from 'react';
import { navigate } from '../lib/navigation.ts';

/** Replaces the current history entry with `to` once rendered (Back must not bounce here again). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true });
  }, [to]);
  return null;
}
