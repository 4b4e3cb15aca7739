import { awarenessUserSchema } from '@inkwell/protocol';

/** What a tab publishes as its awareness `user`: the account, without the e-mail. */
export interface AwarenessUser {
  id: string;
  name: string;
  color: string;
}

/** One person in the document, however many tabs they have open in it. */
export interface PresenceEntry {
  /** The account id; `client:<clientId>` for a state that names no account. */
  key: string;
  name: string;
  color: string;
  /** One of the tabs is this one. */
  isLocal: boolean;
  /** How many tabs (awareness client ids) the person has in the document. */
  tabs: number;
}

// Awareness states are untrusted: entries without a valid `user` field (a client that has
// not announced itself yet) are left out rather than shown as blank avatars.
export function readPresence(states: ReadonlyMap<number, Record<string, unknown>>, localClientId: number): PresenceEntry[] {
  const byKey = new Map<string, PresenceEntry>();
  // Lowest client id first, so a person's name and colour come from the same tab each time.
  const ordered = [...states].sort(([a], [b]) => a - b);
  for (const [clientId, state] of ordered) {
    const user = awarenessUserSchema.safeParse(state['user']);
    if (!user.success) continue;
    const key = user.data.id ?? `client:${clientId}`;
    const isLocal = clientId === localClientId;
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { key, name: user.data.name, color: user.data.color, isLocal, tabs: 1 });
      continue;
    }
    existing.tabs += 1;
    if (isLocal) {
      // Our own tab knows our current name best.
      existing.isLocal = true;
      existing.name = user.data.name;
      existing.color = user.data.color;
    }
  }
  // You first, then everyone by name, so the list does not reshuffle as people type.
  return [...byKey.values()].sort(
    (a, b) => Number(b.isLocal) - Number(a.isLocal) || a.name.localeCompare(b.name) || a.key.localeCompare(b.key),
  );
}

export function samePresence(a: readonly PresenceEntry[], b: readonly PresenceEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((entry, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        entry.key === other.key &&
        entry.name === other.name &&
        entry.color === other.color &&
        entry.isLocal === other.isLocal &&
        entry.tabs === other.tabs
      );
    })
  );
}
