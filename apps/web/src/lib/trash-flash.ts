import type { Doc } from '@inkwell/protocol';

// A document moved to the trash from its editor lands the person on the list, which says so
// (with Undo). The fact travels in the history entry's state, not in the URL: it is about
// this one navigation, and a shared link must not carry it.

interface TrashedState {
  trashed: Pick<Doc, 'id' | 'title'>;
}

export function trashedState(doc: Pick<Doc, 'id' | 'title'>): TrashedState {
  return { trashed: { id: doc.id, title: doc.title } };
}

/** The document the history entry says was just moved to the trash, if any. */
export function trashedFromHistory(): Pick<Doc, 'id' | 'title'> | null {
  const state: unknown = window.history.state;
  if (typeof state !== 'object' || state === null || !('trashed' in state)) return null;
  const { trashed } = state as { trashed: unknown };
  if (typeof trashed !== 'object' || trashed === null) return null;
  const { id, title } = trashed as { id?: unknown; title?: unknown };
  return typeof id === 'string' && typeof title === 'string' ? { id, title } : null;
}
