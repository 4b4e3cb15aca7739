import { describe, expect, it } from 'vitest';
import { badgeText, bellLabel, notificationSentence } from './notification-text.ts';

const actor = { id: 'u-ana', name: 'Ana', color: '#2f6feb' };

describe('notification texts', () => {
  it('says who did what to which document', () => {
    expect(notificationSentence({ kind: 'shared', actor, docTitle: 'Plan' })).toBe('Ana shared “Plan” with you');
    expect(notificationSentence({ kind: 'mentioned', actor, docTitle: 'Plan' })).toBe('Ana mentioned you in “Plan”');
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
