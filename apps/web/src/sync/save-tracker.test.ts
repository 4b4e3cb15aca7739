import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAVED_SETTLE_MS, SaveTracker } from './save-tracker.ts';

describe('SaveTracker', () => {
  let tracker: SaveTracker;
  beforeEach(() => {
    vi.useFakeTimers();
    tracker = new SaveTracker();
  });
  afterEach(() => {
    tracker.destroy();
    vi.useRealTimers();
  });

  /** An open socket that has answered the server's step 1, as after every connect. */
  function connect(): void {
    tracker.setOffline(false);
    tracker.socketOpened();
    tracker.dataFrameSent('step2');
  }

  const settle = () => vi.advanceTimersByTime(SAVED_SETTLE_MS);

  it('is saved before any edit, whatever the socket does', () => {
    connect();
    tracker.socketClosed();
    tracker.setOffline(true);
    expect(tracker.status.get()).toBe('saved');
    expect(tracker.unsaved.get()).toBe(false);
  });

  it('says saved on this device while offline once the device keeps edits, and saved after the server has them', () => {
    tracker.setOffline(true);
    tracker.localEdit(false);
    expect(tracker.status.get()).toBe('offline');
    // Each edit is "Saving…" until its write to this device committed, then the settle pause.
    tracker.setLocalCopy('writing');
    expect(tracker.status.get()).toBe('saving');
    tracker.setLocalCopy('kept');
    expect(tracker.status.get()).toBe('saving');
    settle();
    expect(tracker.status.get()).toBe('local');
    connect();
    expect(tracker.status.get()).toBe('saving');
    tracker.savedReceived(1);
    settle();
    expect(tracker.status.get()).toBe('saved');
    expect(tracker.unsaved.get()).toBe(false);
  });

  it('treats edits kept from an earlier page as unsaved until a step 2 is acknowledged', () => {
    tracker.restoredUnsaved();
    tracker.setLocalCopy('kept');
    tracker.setOffline(true);
    settle();
    expect(tracker.status.get()).toBe('local');
    tracker.setOffline(false);
    tracker.socketOpened();
    // An acknowledgement of nothing yet (before our step 2) does not make it saved.
    tracker.savedReceived(0);
    expect(tracker.unsaved.get()).toBe(true);
    tracker.dataFrameSent('step2');
    tracker.savedReceived(1);
    expect(tracker.unsaved.get()).toBe(false);
  });

  it('is saving from an edit until the server has stored every frame sent', () => {
    connect();
    tracker.dataFrameSent('update');
    tracker.localEdit(true);
    expect(tracker.status.get()).toBe('saving');
    tracker.savedReceived(1); // the step 2 only
    expect(tracker.unsaved.get()).toBe(true);
    tracker.savedReceived(2);
    expect(tracker.unsaved.get()).toBe(false);
    settle();
    expect(tracker.status.get()).toBe('saved');
  });

  it('shows saved only once nothing happened for a moment, so typing does not flicker', () => {
    connect();
    tracker.dataFrameSent('update');
    tracker.localEdit(true);
    tracker.savedReceived(2);
    vi.advanceTimersByTime(SAVED_SETTLE_MS / 2);
    tracker.dataFrameSent('update');
    tracker.localEdit(true);
    tracker.savedReceived(3);
    vi.advanceTimersByTime(SAVED_SETTLE_MS - 1);
    expect(tracker.status.get()).toBe('saving');
    vi.advanceTimersByTime(1);
    expect(tracker.status.get()).toBe('saved');
  });

  it('is offline with edits that no socket took, and saved after the next step 2 is stored', () => {
    connect();
    tracker.socketClosed();
    tracker.setOffline(true);
    tracker.localEdit(false);
    expect(tracker.status.get()).toBe('offline');
    expect(tracker.unsaved.get()).toBe(true);

    tracker.setOffline(false);
    tracker.socketOpened();
    expect(tracker.status.get()).toBe('saving');
    // An acknowledgement before our step 2 went out cannot cover the offline edit.
    tracker.savedReceived(0);
    expect(tracker.unsaved.get()).toBe(true);
    tracker.dataFrameSent('step2');
    tracker.savedReceived(1);
    expect(tracker.unsaved.get()).toBe(false);
    settle();
    expect(tracker.status.get()).toBe('saved');
  });

  it('treats frames a closed socket never acknowledged as unsent', () => {
    connect();
    tracker.savedReceived(1);
    tracker.dataFrameSent('update');
    tracker.localEdit(true);
    tracker.socketClosed();
    tracker.setOffline(true);
    expect(tracker.status.get()).toBe('offline');

    // The new socket's counts start at zero: its first ack must not settle the old frame.
    tracker.setOffline(false);
    tracker.socketOpened();
    tracker.savedReceived(0);
    expect(tracker.unsaved.get()).toBe(true);
    tracker.dataFrameSent('step2');
    tracker.savedReceived(1);
    expect(tracker.unsaved.get()).toBe(false);
  });

  it('keeps an update sent after the step 2 pending until it is acknowledged too', () => {
    tracker.socketOpened();
    tracker.localEdit(false); // typed while the server's step 1 was on its way
    tracker.dataFrameSent('step2');
    tracker.dataFrameSent('update');
    tracker.localEdit(true);
    tracker.savedReceived(1);
    expect(tracker.unsaved.get()).toBe(true);
    tracker.savedReceived(2);
    expect(tracker.unsaved.get()).toBe(false);
  });

  it('says saving, not offline, for edits made during the first connection attempt', () => {
    tracker.localEdit(false);
    expect(tracker.status.get()).toBe('saving');
  });

  it('switches to offline at once when the connection drops while saving', () => {
    connect();
    tracker.dataFrameSent('update');
    tracker.localEdit(true);
    tracker.socketClosed();
    tracker.setOffline(true);
    expect(tracker.status.get()).toBe('offline');
  });

  it('ignores frames and acknowledgements while no socket is open', () => {
    tracker.localEdit(false);
    tracker.dataFrameSent('step2');
    tracker.savedReceived(5);
    expect(tracker.unsaved.get()).toBe(true);
  });
});
