import type { Doc, User } from '@inkwell/protocol';
import * as Y from 'yjs';

// What this browser keeps of an account, so that a document opened before works offline and
// nothing typed offline is lost with the tab (docs/web.md, "Offline"). Everything of one account
// is named with one prefix, so signing out removes it in one sweep (shared computers):
// - IndexedDB `inkwell:<user>:<doc>`: the document's Yjs updates (LocalDocStore);
// - localStorage `inkwell:<user>:meta:<doc>`: its metadata (title, role) as last fetched;
// - localStorage `inkwell:<user>:unsaved:<doc>`: set while edits kept here are not on the server;
// - localStorage `inkwell:me`: the account last signed in, for a start without the network.

const ME_KEY = 'inkwell:me';
const accountPrefix = (userId: string): string => `inkwell:${userId}:`;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Blocked storage (privacy settings) throws on access.
    return null;
  }
}

function readJson(key: string): unknown {
  const raw = storage()?.getItem(key);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, value);
  } catch {
    // Full or blocked: this device keeps less, nothing else changes.
  }
}

export const rememberMe = (user: User): void => write(ME_KEY, JSON.stringify(user));
export const rememberedMe = (): unknown => readJson(ME_KEY);
export const forgetMe = (): void => write(ME_KEY, null);

export const rememberDoc = (userId: string, doc: Doc): void => write(`${accountPrefix(userId)}meta:${doc.id}`, JSON.stringify(doc));
export const rememberedDoc = (userId: string, docId: string): unknown => readJson(`${accountPrefix(userId)}meta:${docId}`);

/** Where this device's copy of a document stands. */
export type LocalCopyState =
  /** Not loaded yet, or it failed (no space, blocked): edits live in the tab only. */
  | 'none'
  /** Loaded, and some edit is still being written. */
  | 'writing'
  /** Loaded, and every edit so far is committed to IndexedDB. */
  | 'kept';

const STORE = 'updates';

/**
 * One document's copy on this device: its Yjs updates in IndexedDB, and whether some of them
 * are not on the server yet. Written here rather than with y-indexeddb, which does not say
 * when a write has committed: "Saved on this device" must not show while the last keystroke
 * is still in flight (a reload aborts it).
 *
 * The database holds one full state and the updates after it. Opening reads them, applies
 * them to the doc and replaces them with the doc's full state, all in one transaction (so
 * another tab's write cannot fall between the read and the rewrite); then every update of the
 * doc not read from here is added in a transaction of its own.
 */
export class LocalDocStore {
  private readonly unsavedKey: string;
  /** Set once the opening transaction has read the copy: updates from then on are written. */
  private db: IDBDatabase | null = null;
  /** The opening transaction committed. */
  private loaded = false;
  private writing = 0;
  private failed = false;
  private closed = false;

  private constructor(
    private readonly name: string,
    userId: string,
    docId: string,
    private readonly doc: Y.Doc,
    private readonly onChange: (state: LocalCopyState) => void,
  ) {
    this.unsavedKey = `${accountPrefix(userId)}unsaved:${docId}`;
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { autoIncrement: true });
    request.onsuccess = () => this.load(request.result);
    request.onerror = () => this.fail();
    doc.on('update', this.handleUpdate);
  }

  /** Null where IndexedDB is missing (Node, some private modes): the tab keeps edits in memory only. */
  static open(userId: string, docId: string, doc: Y.Doc, onChange: (state: LocalCopyState) => void): LocalDocStore | null {
    if (typeof globalThis.indexedDB === 'undefined') return null;
    return new LocalDocStore(`${accountPrefix(userId)}${docId}`, userId, docId, doc, onChange);
  }

  get state(): LocalCopyState {
    if (this.failed || this.closed || !this.loaded) return 'none';
    return this.writing > 0 ? 'writing' : 'kept';
  }

  /** Edits kept here were not acknowledged by the server when the page last had them. */
  get hadUnsaved(): boolean {
    return storage()?.getItem(this.unsavedKey) === '1';
  }

  setUnsaved(unsaved: boolean): void {
    write(this.unsavedKey, unsaved ? '1' : null);
  }

  /** Stops keeping updates; what is kept stays. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.doc.off('update', this.handleUpdate);
    // Transactions already made still commit; the connection closes after them.
    this.db?.close();
  }

  /** Removes this document's copy (access revoked, document deleted). */
  clear(): void {
    write(this.unsavedKey, null);
    this.close();
    // Waits for this and any other connection to close, then deletes.
    indexedDB.deleteDatabase(this.name);
  }

  private load(db: IDBDatabase): void {
    // Deleting the database (sign-out here or in another tab) waits for every connection to
    // close; ours must not hold it up, even while a document is still open.
    db.onversionchange = () => {
      db.close();
      this.fail();
    };
    if (this.closed) {
      db.close();
      return;
    }
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const read = store.getAll();
    read.onsuccess = () => {
      Y.transact(
        this.doc,
        () => {
          for (const update of read.result as Uint8Array[]) Y.applyUpdate(this.doc, update, this);
        },
        this,
      );
      // Also holds what the doc got before the database opened (not written one by one).
      store.clear();
      store.add(Y.encodeStateAsUpdate(this.doc));
      // Updates from now on are written in transactions of their own, which IndexedDB runs
      // after this one (same store, created later).
      if (this.closed) db.close();
      else this.db = db;
    };
    tx.oncomplete = () => {
      if (this.closed) return;
      this.loaded = true;
      this.onChange(this.state);
    };
    tx.onerror = () => this.fail();
  }

  private readonly handleUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || !this.db || this.closed || this.failed) return;
    let tx: IDBTransaction;
    try {
      tx = this.db.transaction(STORE, 'readwrite');
    } catch {
      this.fail();
      return;
    }
    tx.objectStore(STORE).add(update);
    this.writing += 1;
    if (this.writing === 1) this.onChange(this.state);
    tx.oncomplete = () => {
      this.writing -= 1;
      if (this.writing === 0) this.onChange(this.state);
    };
    // A lost write means the copy here is incomplete: stop claiming it.
    tx.onabort = () => this.fail();
  };

  private fail(): void {
    if (this.failed) return;
    this.failed = true;
    this.onChange('none');
  }
}

/** Removes everything this browser keeps of an account (sign-out). */
export async function forgetAccount(userId: string): Promise<void> {
  const prefix = accountPrefix(userId);
  const store = storage();
  if (store) {
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter(
      (key): key is string => key?.startsWith(prefix) ?? false,
    );
    for (const key of keys) write(key, null);
  }
  write(ME_KEY, null);
  if (typeof globalThis.indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases();
  for (const { name } of databases) {
    // Deletion waits for an open connection (a document still closing) to go, then runs.
    if (name?.startsWith(prefix)) indexedDB.deleteDatabase(name);
  }
}
