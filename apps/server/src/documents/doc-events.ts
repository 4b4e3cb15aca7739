// What happens to documents, told to the people it concerns: `invalidate` events (their
// document list, the document, its members) and the "shared with you" notification. The
// documents service (documents-service.ts) calls this after each change is stored.
//
// The methods never reject: the change itself has already happened, so a failure to tell
// people about it is logged, not turned into a failed request. Clients also refetch on
// every (re)connect, so a lost invalidation heals itself.
import type { InvalidateAction, Invalidation, PublicUser, ShareRole } from '@inkwell/protocol';
import type { UserEvent, UserEventLog } from '../events/user-event-log.ts';
import type { Logger } from '../logger.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { DocRecord } from '../storage/document-store.ts';
import type { MemberStore } from '../storage/member-store.ts';

const invalidate = (userId: string, data: Invalidation): UserEvent => ({ userId, event: 'invalidate', data });

export class DocEvents {
  private readonly log: Logger;

  constructor(
    private readonly storage: MemberStore,
    private readonly events: UserEventLog,
    private readonly notifications: NotificationService,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'doc-events' });
  }

  /** A new document: its owner's list changed. */
  created(doc: DocRecord, ownerId: string): Promise<void> {
    return this.safely('created', doc.id, async () => {
      await this.events.publish([invalidate(ownerId, { entity: 'docs', id: doc.id, action: 'created' })]);
    });
  }

  /** New title (HTTP PATCH or the socket's doc.rename): every member's list and view. */
  renamed(docId: string): Promise<void> {
    return this.safely('renamed', docId, async () => {
      const members = await this.memberIds(docId);
      await this.events.publish(members.flatMap((id) => this.docChanged(id, docId, 'updated')));
    });
  }

  /**
   * Put in the trash: for every member it is deleted (their list and view); the owner's trash
   * changed. `memberIds` are read before, as members of a trashed document see nothing.
   */
  trashed(docId: string, memberIds: readonly string[], ownerId: string): Promise<void> {
    return this.safely('trashed', docId, async () => {
      await this.events.publish([
        ...memberIds.flatMap((id) => this.docChanged(id, docId, 'deleted')),
        invalidate(ownerId, { entity: 'trash', id: docId, action: 'created' }),
      ]);
    });
  }

  /** Back from the trash: it is in every member's list again; the owner's trash changed. */
  restored(docId: string, ownerId: string): Promise<void> {
    return this.safely('restored', docId, async () => {
      const members = await this.memberIds(docId);
      await this.events.publish([
        ...members.flatMap((id) => this.docChanged(id, docId, 'restored')),
        invalidate(ownerId, { entity: 'trash', id: docId, action: 'restored' }),
      ]);
    });
  }

  /** Gone from the trash for good (by its owner, or after the retention period). */
  purged(docId: string, ownerId: string): Promise<void> {
    return this.safely('purged', docId, async () => {
      await this.events.publish([invalidate(ownerId, { entity: 'trash', id: docId, action: 'purged' })]);
    });
  }

  /** `userId` was added with `role` by `actor`: they get it in their list and a notification. */
  shared(doc: DocRecord, actor: PublicUser, userId: string, role: ShareRole): Promise<void> {
    return this.safely('shared', doc.id, async () => {
      const members = await this.memberIds(doc.id);
      await this.events.publish([
        invalidate(userId, { entity: 'docs', id: doc.id, action: 'shared' }),
        ...members.map((id) => invalidate(id, { entity: 'members', id: doc.id, action: 'shared' })),
      ]);
      await this.notifications.notify({ userId, kind: 'shared', actor, docId: doc.id, docTitle: doc.title, role });
    });
  }

  /** A member's role changed: their list and view show it, every member's member list too. */
  roleChanged(docId: string, userId: string): Promise<void> {
    return this.safely('roleChanged', docId, async () => {
      const members = await this.memberIds(docId);
      await this.events.publish([
        ...this.docChanged(userId, docId, 'updated'),
        ...members.map((id) => invalidate(id, { entity: 'members', id: docId, action: 'updated' })),
      ]);
    });
  }

  /** `userId` lost access: the document leaves their list; the others' member lists change. */
  unshared(docId: string, userId: string): Promise<void> {
    return this.safely('unshared', docId, async () => {
      const members = await this.memberIds(docId);
      await this.events.publish([
        ...this.docChanged(userId, docId, 'unshared'),
        ...members.map((id) => invalidate(id, { entity: 'members', id: docId, action: 'unshared' })),
      ]);
    });
  }

  private docChanged(userId: string, docId: string, action: InvalidateAction): UserEvent[] {
    return [invalidate(userId, { entity: 'docs', id: docId, action }), invalidate(userId, { entity: 'doc', id: docId, action })];
  }

  private async memberIds(docId: string): Promise<string[]> {
    return (await this.storage.listMembers(docId)).map((m) => m.user.id);
  }

  private async safely(what: string, docId: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.log.error('could not publish a document event', { event: what, docId, err });
    }
  }
}
