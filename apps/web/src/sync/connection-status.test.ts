import { describe, expect, it } from 'vitest';
import { deriveConnectionSnapshot, type ProviderFacts } from './connection-status.ts';

const facts = (overrides: Partial<ProviderFacts>): ProviderFacts => ({
  connected: false,
  synced: false,
  droppedSinceOpen: false,
  terminal: null,
  failedAttempts: 0,
  ...overrides,
});

describe('deriveConnectionSnapshot', () => {
  it('is connecting on the first attempt and until the first sync', () => {
    expect(deriveConnectionSnapshot(facts({})).status).toBe('connecting');
    expect(deriveConnectionSnapshot(facts({ connected: true })).status).toBe('connecting');
  });

  it('is live only when connected and synced', () => {
    expect(deriveConnectionSnapshot(facts({ connected: true, synced: true })).status).toBe('live');
  });

  it('stays offline between retries after a drop', () => {
    expect(deriveConnectionSnapshot(facts({ droppedSinceOpen: true })).status).toBe('offline');
  });

  it('is offline for good after a terminal close', () => {
    const terminal = { code: 4404, reason: 'deleted' };
    expect(deriveConnectionSnapshot(facts({ connected: true, synced: true, terminal }))).toEqual({
      status: 'offline',
      terminal,
      failedAttempts: 0,
    });
  });

  it('passes the count of failed attempts through', () => {
    expect(deriveConnectionSnapshot(facts({ droppedSinceOpen: true, failedAttempts: 3 }))).toEqual({
      status: 'offline',
      terminal: null,
      failedAttempts: 3,
    });
  });
});
