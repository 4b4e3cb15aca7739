import { describe, expect, it } from 'vitest';
import { parseRelayMessage } from './relay-message.ts';

describe('parseRelayMessage', () => {
  it('reads what the leader and followers send', () => {
    expect(parseRelayMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(parseRelayMessage({ type: 'resync' })).toEqual({ type: 'resync' });
    expect(parseRelayMessage({ type: 'refused' })).toEqual({ type: 'refused' });
    expect(parseRelayMessage({ type: 'status', status: 'live' })).toEqual({ type: 'status', status: 'live' });
    expect(
      parseRelayMessage({ type: 'event', event: { id: '4', event: 'invalidate', data: { entity: 'docs', id: 'd', action: 'created' } } }),
    ).toEqual({ type: 'event', event: { id: '4', event: 'invalidate', data: { entity: 'docs', id: 'd', action: 'created' } } });
  });

  it('drops anything else, including events that break the protocol schema', () => {
    for (const data of [
      null,
      'resync',
      { type: 'status', status: 'sleepy' },
      { type: 'event', event: { id: 4, event: 'unread', data: { count: 1 } } },
      { type: 'event', event: { id: '4', event: 'unread', data: { count: 'one' } } },
      { type: 'event', event: { id: '4', event: 'explode', data: {} } },
      { type: 'takeover' },
    ]) {
      expect(parseRelayMessage(data)).toBeNull();
    }
  });
});
