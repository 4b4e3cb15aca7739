import type { DocPatch } from '@inkwell/protocol';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ConnectionSnapshot } from '../sync/connection-status.ts';
import { DocConnection } from '../sync/doc-connection.ts';
import type { AwarenessUser, PresenceEntry } from '../sync/presence.ts';
import type { SaveStatus } from '../sync/save-tracker.ts';
import { docSocketBaseUrl } from '../sync/socket-url.ts';

/**
 * Opens the document socket for as long as the calling component is mounted. Created in an
 * effect (not useMemo/useState) so StrictMode's mount → unmount → mount destroys the first
 * Y.Doc and provider instead of leaking a second socket. Null until the effect has run.
 */
export function useDocConnection(
  docId: string,
  user: AwarenessUser,
  onDocPatch?: (patch: DocPatch) => void,
): DocConnection | null {
  const [connection, setConnection] = useState<DocConnection | null>(null);
  // The account's name can change while the doc is open; that must not reopen the socket.
  const userRef = useRef(user);
  const patchRef = useRef(onDocPatch);
  useEffect(() => {
    userRef.current = user;
    patchRef.current = onDocPatch;
  });

  useEffect(() => {
    const next = new DocConnection({
      serverUrl: docSocketBaseUrl(window.location),
      docId,
      user: userRef.current,
      onDocPatch: (patch) => patchRef.current?.(patch),
    });
    setConnection(next);
    return () => {
      next.destroy();
      setConnection(null);
    };
  }, [docId]);

  const { id, name, color } = user;
  useEffect(() => {
    connection?.setUser({ id, name, color });
  }, [connection, id, name, color]);

  return connection;
}

const CONNECTING: ConnectionSnapshot = { status: 'connecting', terminal: null, failedAttempts: 0 };
const NO_PRESENCE: readonly PresenceEntry[] = [];
const noopSubscribe = () => () => {};

export function useConnectionStatus(connection: DocConnection | null): ConnectionSnapshot {
  return useSyncExternalStore(
    connection?.status.subscribe ?? noopSubscribe,
    connection?.status.get ?? (() => CONNECTING),
  );
}

export function usePresence(connection: DocConnection | null): readonly PresenceEntry[] {
  return useSyncExternalStore(
    connection?.presence.subscribe ?? noopSubscribe,
    connection?.presence.get ?? (() => NO_PRESENCE),
  );
}

export function useSaveStatus(connection: DocConnection | null): SaveStatus {
  return useSyncExternalStore(
    connection?.save.status.subscribe ?? noopSubscribe,
    connection?.save.status.get ?? (() => 'saved'),
  );
}
