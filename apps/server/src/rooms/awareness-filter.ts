import { MalformedMessageError } from '@inkwell/protocol/wire';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Largest awareness state (JSON) one client may publish; larger entries are dropped. */
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;
/** Awareness client ids one connection may speak for (a provider uses one; Yjs may renew it). */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

export interface AwarenessIdentity {
  /** Ids this connection already speaks for. */
  owned: ReadonlySet<number>;
  /** Whether another connection speaks for this id. */
  ownedByOther: (clientId: number) => boolean;
  /** Written over each state's `user` field, whatever the client claimed. */
  user: { id: string; name: string; color: string };
}

/**
 * Rewrites an awareness update from one connection before it is applied: entries for client
 * ids another connection owns are dropped (no speaking for others), a connection may claim at
 * most MAX_AWARENESS_IDS_PER_CONNECTION ids, oversized states are dropped, and every state's
 * `user` becomes the connection's account. Returns null when nothing is left.
 * Throws MalformedMessageError when the update does not decode.
 */
export function filterAwarenessUpdate(update: Uint8Array, who: AwarenessIdentity): Uint8Array | null {
  const kept: { clientId: number; clock: number; json: string }[] = [];
  try {
    const dec = decoding.createDecoder(update);
    const count = decoding.readVarUint(dec);
    const claimed = new Set(who.owned);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(dec);
      const clock = decoding.readVarUint(dec);
      const json = decoding.readVarString(dec);
      if (who.ownedByOther(clientId)) continue;
      if (!claimed.has(clientId)) {
        if (claimed.size >= MAX_AWARENESS_IDS_PER_CONNECTION) continue;
        claimed.add(clientId);
      }
      if (json.length > MAX_AWARENESS_STATE_BYTES) continue;
      const state: unknown = JSON.parse(json);
      if (state === null) {
        kept.push({ clientId, clock, json });
      } else if (typeof state === 'object' && !Array.isArray(state)) {
        kept.push({ clientId, clock, json: JSON.stringify({ ...state, user: who.user }) });
      }
    }
    if (dec.pos > update.byteLength) throw new Error('truncated');
  } catch (err) {
    throw new MalformedMessageError(`invalid awareness update: ${(err as Error).message}`);
  }
  if (kept.length === 0) return null;
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(enc, entry.clientId);
    encoding.writeVarUint(enc, entry.clock);
    encoding.writeVarString(enc, entry.json);
  }
  return encoding.toUint8Array(enc);
}
