import type { DataFrameKind } from '@inkwell/protocol/wire';
import type { LocalCopyState } from './local-store.ts';
import { SnapshotStore } from './snapshot-store.ts';

/**
 * What the editor says about this tab's own edits:
 * - saved: the server has stored every one of them (or there were none);
 * - saving: some are on their way (to the server, or offline to this device's copy), or wait
 *   for a socket that is opening;
 * - local: some are not on the server yet, no socket can take them now, and every one is
 *   committed to this device's copy (IndexedDB), so closing the tab loses nothing;
 * - offline: some exist only in this tab, and no socket can take them now.
 */
export type SaveStatus = 'saved' | 'saving' | 'local' | 'offline';

/**
 * "All changes saved" shows only once nothing new happened for this long. On a fast server
 * every keystroke is acknowledged within milliseconds; without the pause the label would
 * flip at typing speed.
 */
export const SAVED_SETTLE_MS = 700;

/**
 * Knows whether every local edit is durable, from the server's `saved` acknowledgements
 * (packages/protocol messages/saved.ts).
 *
 * The server counts the data frames (sync step 2 and update) it received on one socket and
 * stored; we count those we sent on the same socket. Both start at zero when a socket opens,
 * so nothing carries over between sockets: edits whose frames were not acknowledged before a
 * socket closed count as unsent again. The sync step 2 we send on every new socket answers
 * the server's state vector, so it carries every edit the server lacks, including those.
 *
 * `unsaved` is the truth (for the unload warning); `status` is what the UI shows, with the
 * settle delay. Plain state, no sockets: DocConnection reports the events.
 */
export class SaveTracker {
  readonly status = new SnapshotStore<SaveStatus>('saved');
  /** Local edits were made since the server last acknowledged everything we sent. */
  readonly unsaved = new SnapshotStore(false);

  private socketOpen = false;
  private offline = false;
  /** This device's copy (IndexedDB): none, writing an edit, or holding every edit so far. */
  private localCopy: LocalCopyState = 'none';
  private framesSent = 0;
  private framesAcked = 0;
  /** Some local edit is in no frame the current socket has sent. */
  private unsentEdits = false;
  private lastActivityAt = 0;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Edits made before this page loaded, kept on this device, were never acknowledged: they
   * are unsaved until a step 2 (which carries them) is acknowledged.
   */
  restoredUnsaved(): void {
    this.unsaved.set(true);
    this.unsentEdits = true;
    this.show();
  }

  setLocalCopy(state: LocalCopyState): void {
    this.localCopy = state;
    this.show();
  }

  /** A change to the document made here (not received from the server). */
  localEdit(sentNow: boolean): void {
    this.unsaved.set(true);
    if (!sentNow) this.unsentEdits = true;
    this.show();
  }

  socketOpened(): void {
    this.socketOpen = true;
    this.framesSent = 0;
    this.framesAcked = 0;
    this.show();
  }

  socketClosed(): void {
    if (this.framesAcked < this.framesSent && this.unsaved.get()) this.unsentEdits = true;
    this.socketOpen = false;
    this.framesSent = 0;
    this.framesAcked = 0;
    this.show();
  }

  dataFrameSent(kind: DataFrameKind): void {
    if (!this.socketOpen) return;
    this.framesSent += 1;
    // A step 2 holds everything the server lacks, so no edit is left behind any more.
    if (kind === 'step2') this.unsentEdits = false;
    this.show();
  }

  /** The server's `saved`: `updates` of this socket's data frames are stored. */
  savedReceived(updates: number): void {
    if (!this.socketOpen) return;
    this.framesAcked = Math.max(this.framesAcked, updates);
    // Only an acknowledgement can make things saved: sending, opening or closing never does.
    if (!this.unsentEdits && this.framesAcked >= this.framesSent) this.unsaved.set(false);
    this.show();
  }

  /** Whether the connection is offline (dropped, or closed for good). */
  setOffline(offline: boolean): void {
    this.offline = offline;
    this.show();
  }

  destroy(): void {
    this.cancelSettle();
    this.status.clear();
    this.unsaved.clear();
  }

  private show(): void {
    const next = this.target();
    this.cancelSettle();
    // The calm states wait out the settle pause after "Saving…"; the others show at once.
    if (next === 'saving' || next === 'offline') {
      this.lastActivityAt = Date.now();
      this.status.set(next);
      return;
    }
    const wait = this.lastActivityAt + SAVED_SETTLE_MS - Date.now();
    if (this.status.get() !== 'saving' || wait <= 0) {
      this.status.set(next);
      return;
    }
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.status.set(this.target());
    }, wait);
  }

  private target(): SaveStatus {
    if (!this.unsaved.get()) return 'saved';
    if (!this.offline) return 'saving';
    return this.localCopy === 'kept' ? 'local' : this.localCopy === 'writing' ? 'saving' : 'offline';
  }

  private cancelSettle(): void {
    if (this.settleTimer === null) return;
    clearTimeout(this.settleTimer);
    this.settleTimer = null;
  }
}
