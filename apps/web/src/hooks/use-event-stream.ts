import { Routes } from '@inkwell/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryKeys } from '../lib/query-keys.ts';
import { applyStreamMessage } from '../lib/stream-cache.ts';
import { EventStream, type EventStreamSnapshot, type LockManagerLike } from '../sync/event-stream.ts';
import { useStore } from './use-store.ts';

const OFF: EventStreamSnapshot = { role: 'starting', status: 'connecting' };

function browserLocks(): LockManagerLike | null {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return null;
  return { request: (name, options, callback) => locks.request(name, options, callback) };
}

/**
 * The signed-in account's event stream, for as long as the app is mounted with that account:
 * once per tab, and of all tabs only the leader holds the connection (sync/event-stream.ts).
 * Created in an effect so StrictMode's double mount stops the first one (releasing its lock).
 */
export function useEventStream(userId: string | null): EventStreamSnapshot {
  const client = useQueryClient();
  const [stream, setStream] = useState<EventStream | null>(null);

  useEffect(() => {
    if (userId === null) return;
    const next = new EventStream({
      url: Routes.events,
      scope: userId,
      // Same origin, so the session cookie goes along without withCredentials.
      createSource: (url) => new EventSource(url),
      locks: browserLocks(),
      createChannel: typeof BroadcastChannel === 'function' ? (name) => new BroadcastChannel(name) : null,
      onMessage: (message) => applyStreamMessage(client, message),
      // Usually a 401: asking for the account again turns that into the sign-in page.
      onRefused: () => void client.invalidateQueries({ queryKey: queryKeys.me }),
    });
    next.start();
    setStream(next);
    return () => {
      next.stop();
      setStream(null);
    };
  }, [client, userId]);

  return useStore(stream?.snapshot, OFF);
}
