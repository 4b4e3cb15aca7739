import type { Doc, User } from '@inkwell/protocol';
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

// What this browser keeps of an account, so that a document opened before works offline and
// nothing typed offline is lost with the tab (docs/web.md, "Offline"). Everything of one account
// is named with one prefix, so signing out removes it in one sweep (shared computers):
// - IndexedDB `inkwell:<user>:<doc>`: the document's Yjs updates (y-indexeddb);
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

/**
 * One document's copy on this device: its updates in IndexedDB, and whether some of them are
 * not on the server yet.
 */
export class LocalDocStore {
  private readonly persistence: IndexeddbPersistence;
  private readonly unsavedKey: string;
  private closed = false;
  /** Resolves once what this device kept is applied to the doc and new updates are kept too. */
  readonly whenLoaded: Promise<void>;

  private constructor(userId: string, docId: string, doc: Y.Doc) {
    this.persistence = new IndexeddbPersistence(`${accountPrefix(userId)}${docId}`, doc);
    this.unsavedKey = `${accountPrefix(userId)}unsaved:${docId}`;
    this.whenLoaded = this.persistence.whenSynced.then(() => undefined);
  }

  /** Null where IndexedDB is missing (Node, some private modes): the tab keeps edits in memory only. */
  static open(userId: string, docId: string, doc: Y.Doc): LocalDocStore | null {
    if (typeof globalThis.indexedDB === 'undefined') return null;
    return new LocalDocStore(userId, docId, doc);
  }

  /** Transaction origin of the updates read back from this device. */
  get origin(): unknown {
    return this.persistence;
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
    void this.persistence.destroy();
  }

  /** Removes this document's copy (access revoked, document deleted). */
  clear(): void {
    write(this.unsavedKey, null);
    this.closed = true;
    void this.persistence.clearData();
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
