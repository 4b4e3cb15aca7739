// "Ana mentioned you in 'Plan'": the rooms' onEdit hook. For each edit that added mention
// nodes, once the edit is stored, every mentioned member other than the author is notified,
// at most once per mention node (remembered in storage) and within a rate budget.
import type { Logger } from '../logger.ts';
import type { EditEvent, RoomHandle } from '../rooms/room.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { EventStore } from '../storage/event-store.ts';
import type { MemberStore } from '../storage/member-store.ts';
import { type AddedMention, findAddedMentions } from './mention-detector.ts';
import type { NotificationBudget } from './notification-budget.ts';
import type { NotificationService } from './notification-service.ts';

type Author = EditEvent['user'];

export class MentionNotifier {
  private readonly log: Logger;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly storage: DocumentStore & MemberStore & EventStore,
    private readonly notifications: NotificationService,
    logger: Logger,
    /** Shared with comment mentions: one budget per author and recipient, wherever they mention. */
    private readonly budget: NotificationBudget,
  ) {
    this.log = logger.child({ component: 'mentions' });
  }

  /** RoomRegistry's onEdit. Runs synchronously inside Yjs' afterTransaction: keep it cheap. */
  readonly handleEdit = ({ room, user, transaction }: EditEvent): void => {
    const mentions = findAddedMentions(transaction).filter((m) => m.userId !== user.id);
    if (mentions.length === 0) return;
    // afterTransaction fires before the doc's 'update' event, which is what hands the edit
    // to the room's write log: registering now would wait only for the edits before this
    // one. A microtask runs after the whole transaction, update event included.
    queueMicrotask(() => room.afterDurable(() => this.track(this.deliver(room, user, mentions))));
  };

  /** Resolves when every notification already started has been sent (shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async deliver(room: RoomHandle, author: Author, mentions: AddedMention[]): Promise<void> {
    const docId = room.docId;
    try {
      const byUser = new Map<string, string[]>();
      for (const m of mentions) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m.nodeId]);
      let title: string | undefined;
      for (const [userId, nodeIds] of byUser) {
        // Membership is checked now, when the edit is stored: non-members learn nothing.
        if (!(await this.storage.getRole(docId, userId))) continue;
        // Several new mentions of one person in one edit (a paste) make one notification.
        if ((await this.storage.claimMentionNodes(docId, nodeIds)).length === 0) continue;
        if (!this.budget.take(author.id, userId)) {
          this.log.warn('mention notification over budget; dropped', { docId, authorId: author.id, userId });
          continue;
        }
        title ??= (await this.storage.getDoc(docId))?.title;
        if (title === undefined) return;
        await this.notifications.notify({ userId, kind: 'mentioned', actor: author, docId, docTitle: title });
      }
    } catch (err) {
      this.log.error('could not notify mentions', { docId, err });
    }
  }
}
