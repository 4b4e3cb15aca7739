import { CloseCode } from '@inkwell/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { queryKeys } from '../lib/query-keys.ts';
import { sessionEnded } from '../lib/session.ts';
import type { ConnectionSnapshot } from '../sync/connection-status.ts';

/** Failed socket attempts in a row before the page asks the HTTP API what is wrong. */
export const PROBE_AFTER_FAILURES = 2;
/** …and again after this many more, for as long as they keep failing (~10 s at full backoff). */
export const PROBE_EVERY_FAILURES = 4;

export function shouldProbe(failedAttempts: number): boolean {
  return failedAttempts >= PROBE_AFTER_FAILURES && (failedAttempts - PROBE_AFTER_FAILURES) % PROBE_EVERY_FAILURES === 0;
}

/**
 * Acts on what the document socket cannot say by itself.
 *
 * A refused upgrade (401 no session, 403 no access, 404 no document) reaches the page only as
 * a failed attempt, exactly like a server that is down. So after repeated failures the doc
 * and the account are refetched: a 404 for the doc makes EditorPage show the no-access
 * screen, a 401 ends the session (query-client's global handler), anything else (the server
 * is down) changes nothing and the provider keeps retrying.
 *
 * Terminal closes: 4401 ends the session here; 4403 and 4404 drop the document from the
 * list, and `onRevoked` swaps the editor for the no-access screen.
 */
export function useConnectionOutcome(docId: string, snapshot: ConnectionSnapshot, onRevoked: () => void): void {
  const client = useQueryClient();
  const { failedAttempts, terminal } = snapshot;
  const code = terminal?.code;
  // The latest callback, without making a new one rerun the effect below.
  const revoked = useRef(onRevoked);
  useEffect(() => {
    revoked.current = onRevoked;
  });

  useEffect(() => {
    if (!shouldProbe(failedAttempts)) return;
    void client.invalidateQueries({ queryKey: queryKeys.doc(docId), exact: true });
    void client.invalidateQueries({ queryKey: queryKeys.me, exact: true });
  }, [client, docId, failedAttempts]);

  useEffect(() => {
    if (code === CloseCode.SESSION_ENDED) sessionEnded(client);
    if (code === CloseCode.ACCESS_REVOKED || code === CloseCode.DOC_DELETED) {
      void client.invalidateQueries({ queryKey: queryKeys.docs });
    }
    if (code === CloseCode.ACCESS_REVOKED) revoked.current();
  }, [client, code]);
}
