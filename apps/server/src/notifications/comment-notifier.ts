// "Ana mentioned you in a comment" and "Ana replied to a comment": told over SSE once the
// comment is stored. Each recipient is checked again when told (someone removed from the
// document meanwhile hears nothing), and counts against the same per-author budget as
// mentions in the text.
import { NOTIFICATION_EXCERPT_MAX_LENGTH, type PublicUser } from '@inkwell/protocol';
import type { Logger } from '../logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { MemberStore } from '../storage/member-store.ts';
import type { NotificationBudget } from './notification-budget.ts';
import type { NotificationService } from './notification-service.ts';

export interface CommentActivity {
  docId: string;
  threadId: string;
  actor: PublicUser;
  body: string;
  /** People the comment newly mentions. */
  mentioned: readonly string[];
  /** For a reply: the others who wrote in the thread before it. */
  participants: readonly string[];
}

/** The body on one line, shortened for a notification. */
export function excerptOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length <= NOTIFICATION_EXCERPT_MAX_LENGTH ? line : `${line.slice(0, NOTIFICATION_EXCERPT_MAX_LENGTH - 1).trimEnd()}…`;
}

/**
 * Who hears of a comment, and how: a mention wins over a reply (one notification each), the
 * actor never hears of their own comment.
 */
export function commentRecipients(
  activity: Pick<CommentActivity, 'actor' | 'mentioned' | 'participants'>,
): Map<string, 'comment_mention' | 'comment_reply'> {
  const recipients = new Map<string, 'comment_mention' | 'comment_reply'>();
  for (const id of activity.mentioned) if (id !== activity.actor.id) recipients.set(id, 'comment_mention');
  for (const id of activity.participants) if (id !== activity.actor.id && !recipients.has(id)) recipients.set(id, 'comment_reply');
  return recipients;
}

export class CommentNotifier {
  private readonly log: Logger;

  constructor(
    private readonly storage: DocumentStore & MemberStore,
    private readonly notifications: NotificationService,
    logger: Logger,
    private readonly budget: NotificationBudget,
  ) {
    this.log = logger.child({ component: 'comment-notifications' });
  }

  /** Never rejects: the comment is stored already; a failure to tell people is logged. */
  async commented(activity: CommentActivity): Promise<void> {
    const { docId, actor } = activity;
    try {
      const recipients = commentRecipients(activity);
      if (recipients.size === 0) return;
      const doc = await this.storage.getDoc(docId);
      if (!doc) return;
      const excerpt = excerptOf(activity.body);
      for (const [userId, kind] of recipients) {
        if (!(await this.storage.getRole(docId, userId))) continue;
        if (!this.budget.take(actor.id, userId)) {
          this.log.warn('comment notification over budget; dropped', { docId, authorId: actor.id, userId });
          continue;
        }
        await this.notifications.notify({ userId, kind, actor, docId, docTitle: doc.title, threadId: activity.threadId, excerpt });
      }
    } catch (err) {
      this.log.error('could not notify about a comment', { docId, threadId: activity.threadId, err });
    }
  }
}
