import { describe, expect, it } from 'vitest';
import { badgeText, bellLabel, notificationSentence, notificationTarget } from './notification-text.ts';

const actor = { id: 'u-ana', name: 'Ana', color: '#2f6feb' };

describe('notification texts', () => {
  it('says who did what to which document', () => {
    expect(notificationSentence({ kind: 'shared', actor, docTitle: 'Plan' })).toBe('Ana shared “Plan” with you');
    expect(notificationSentence({ kind: 'mentioned', actor, docTitle: 'Plan' })).toBe('Ana mentioned you in “Plan”');
    expect(notificationSentence({ kind: 'comment_mention', actor, docTitle: 'Plan' })).toBe('Ana mentioned you in a comment on “Plan”');
    expect(notificationSentence({ kind: 'comment_reply', actor, docTitle: 'Plan' })).toBe('Ana replied to a comment on “Plan”');
  });

  it('leads to the document, at the thread for a comment', () => {
    expect(notificationTarget({ docId: 'd1' })).toBe('/d/d1');
    expect(notificationTarget({ docId: 'd1', threadId: 't 1' })).toBe('/d/d1?thread=t%201');
  });

  it('caps the badge at 99+', () => {
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });

  it('puts the unread count in the bell’s accessible name', () => {
    expect(bellLabel(0)).toBe('Notifications');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
  });
});
