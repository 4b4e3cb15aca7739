import { presenceUserSchema } from '@inkwell/protocol';

export interface PresenceEntry {
  clientId: number;
  name: string;
  color: string;
  isLocal: boolean;
}

// Awareness states come from other browsers and are untrusted: entries without a valid
// `user` field (a client that has not announced itself yet, or a stock Yjs client) are
// left out rather than shown as blank avatars.
export function readPresence(
  states: ReadonlyMap<number, Record<string, unknown>>,
  localClientId: number,
): PresenceEntry[] {
  const entries: PresenceEntry[] = [];
  for (const [clientId, state] of states) {
    const user = presenceUserSchema.safeParse(state['user']);
    if (!user.success) continue;
    entries.push({ clientId, ...user.data, isLocal: clientId === localClientId });
  }
  // You first, then everyone by name, so the list does not reshuffle as people type.
  return entries.sort(
    (a, b) =>
      Number(b.isLocal) - Number(a.isLocal) ||
      a.name.localeCompare(b.name) ||
      a.clientId - b.clientId,
  );
}

export function samePresence(a: readonly PresenceEntry[], b: readonly PresenceEntry[]): boolean {
  return (
    a.length === b.length &&
    a.every((entry, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        entry.clientId === other.clientId &&
        entry.name === other.name &&
        entry.color === other.color &&
        entry.isLocal === other.isLocal
      );
    })
  );
}
