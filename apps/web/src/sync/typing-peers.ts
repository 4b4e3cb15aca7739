// Who else is typing in this document, from the server's `typing` notices.
import type { PublicUser, TypingNotice } from '@inkwell/protocol';
import { SnapshotStore } from './snapshot-store.ts';

const NOBODY: readonly PublicUser[] = [];

function sameUsers(a: readonly PublicUser[], b: readonly PublicUser[]): boolean {
  return a.length === b.length && a.every((user, i) => user.id === b[i]?.id && user.name === b[i]?.name && user.color === b[i]?.color);
}

/**
 * Each notice starts or renews a person's timer; they drop out when `active: false` comes or
 * the timer runs out, so a tab that vanished without a word (crash, lost network) does not
 * leave "is typing" behind. Keyed by account: two tabs of one person show as one.
 */
export class TypingPeers {
  /** In the order people started typing, which keeps the sentence from reshuffling. */
  readonly people = new SnapshotStore<readonly PublicUser[]>(NOBODY, sameUsers);
  private readonly timers = new Map<string, { user: PublicUser; timer: ReturnType<typeof setTimeout> }>();

  handle(notice: TypingNotice): void {
    const { user } = notice;
    const existing = this.timers.get(user.id);
    if (existing) clearTimeout(existing.timer);
    if (!notice.active || notice.expiresInMs <= 0) {
      if (existing) this.timers.delete(user.id);
      this.publish();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(user.id);
      this.publish();
    }, notice.expiresInMs);
    // Map.set on an existing key keeps its position: a renewal does not move the person.
    this.timers.set(user.id, { user: { id: user.id, name: user.name, color: user.color }, timer });
    this.publish();
  }

  /** The socket closed: notices (including the `active: false` ones) stop coming. */
  clear(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.publish();
  }

  private publish(): void {
    this.people.set([...this.timers.values()].map((entry) => entry.user));
  }
}

/** "Ana is typing…", "Ana and Ben are typing…", "3 people are typing…"; '' for nobody. */
export function typingSentence(names: readonly string[]): string {
  const [first, second] = names;
  if (first === undefined) return '';
  if (second === undefined) return `${first} is typing…`;
  if (names.length === 2) return `${first} and ${second} are typing…`;
  return `${names.length} people are typing…`;
}
