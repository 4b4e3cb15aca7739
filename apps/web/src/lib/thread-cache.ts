// Pure updates of a document's cached threads (React Query key `threads`): the server's
// `{type:"thread"}` pushes and the answers to our own calls both land here, so a change
// shows at once in the tab that made it and in every other tab when the push arrives.
import type { Comment, Thread, ThreadPush } from '@inkwell/protocol';

type Threads = readonly Thread[] | undefined;

/**
 * Replaces the thread with the same id, or adds it (the list stays oldest first, as the
 * server sends it). Undefined stays undefined: the list has not loaded yet, and when it
 * does it will contain the thread.
 */
export function upsertThread(threads: Threads, thread: Thread): Thread[] | undefined {
  if (!threads) return undefined;
  const index = threads.findIndex((existing) => existing.id === thread.id);
  if (index === -1) return [...threads, thread];
  return threads.map((existing, i) => (i === index ? thread : existing));
}

export function removeThread(threads: Threads, threadId: string): Thread[] | undefined {
  if (!threads) return undefined;
  return threads.some((thread) => thread.id === threadId) ? threads.filter((thread) => thread.id !== threadId) : [...threads];
}

export function applyThreadPush(threads: Threads, pushed: ThreadPush['thread']): Thread[] | undefined {
  return 'deleted' in pushed ? removeThread(threads, pushed.id) : upsertThread(threads, pushed);
}

/** A reply or an edit the server answered with: added to its thread, or replacing itself. */
export function upsertComment(threads: Threads, threadId: string, comment: Comment): Thread[] | undefined {
  return threads?.map((thread) => {
    if (thread.id !== threadId) return thread;
    const index = thread.comments.findIndex((existing) => existing.id === comment.id);
    const comments = index === -1 ? [...thread.comments, comment] : thread.comments.map((c, i) => (i === index ? comment : c));
    return { ...thread, comments };
  });
}

/** A deleted comment; deleting the first one deletes the whole thread (API.md §7). */
export function removeComment(threads: Threads, threadId: string, commentId: string): Thread[] | undefined {
  const thread = threads?.find((candidate) => candidate.id === threadId);
  if (!thread) return threads ? [...threads] : undefined;
  if (thread.comments[0]?.id === commentId) return removeThread(threads, threadId);
  return threads?.map((t) => (t.id === threadId ? { ...t, comments: t.comments.filter((c) => c.id !== commentId) } : t));
}
