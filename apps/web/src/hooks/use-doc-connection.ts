import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionSnapshot } from '../sync/connection-status.ts';
import { DocConnection } from '../sync/doc-connection.ts';
import type { AwarenessUser, PresenceEntry } from '../sync/presence.ts';
import { connectQueryCache } from '../sync/query-cache.ts';
import type { SaveStatus } from '../sync/save-tracker.ts';
import { docSocketBaseUrl } from '../sync/socket-url.ts';
import { useStore } from './use-store.ts';

/**
 * Opens the document socket for as long as the calling component is mounted. Created in an
 * effect (not useMemo/useState) so StrictMode's mount → unmount → mount destroys the first
 * Y.Doc and provider instead of leaking a second socket. Null until the effect has run.
 *
 * The server's pushes about the document (`doc`, `docPatch`, `invalidate`) feed the React
 * Query cache from the start, before the socket can deliver the first of them.
 */
export function useDocConnection(docId: string, user: AwarenessUser): DocConnection | null {
  const [connection, setConnection] = useState<DocConnection | null>(null);
  const queryClient = useQueryClient();
  // The account's name can change while the doc is open; that must not reopen the socket.
  const userRef = useRef(user);
  useEffect(() => {
    userRef.current = user;
  });

  useEffect(() => {
    const next = new DocConnection({
      serverUrl: docSocketBaseUrl(window.location),
      docId,
      user: userRef.current,
    });
    const disconnectCache = connectQueryCache(next.app, queryClient, docId);
    setConnection(next);
    return () => {
      disconnectCache();
      next.destroy();
      setConnection(null);
    };
  }, [docId, queryClient]);

  const { id, name, color } = user;
  useEffect(() => {
    connection?.setUser({ id, name, color });
  }, [connection, id, name, color]);

  return connection;
}

const CONNECTING: ConnectionSnapshot = { status: 'connecting', terminal: null, failedAttempts: 0 };
const NO_PRESENCE: readonly PresenceEntry[] = [];

export function useConnectionStatus(connection: DocConnection | null): ConnectionSnapshot {
  return useStore(connection?.status, CONNECTING);
}

export function usePresence(connection: DocConnection | null): readonly PresenceEntry[] {
  return useStore(connection?.presence, NO_PRESENCE);
}

export function useSaveStatus(connection: DocConnection | null): SaveStatus {
  return useStore<SaveStatus>(connection?.save.status, 'saved');
}
