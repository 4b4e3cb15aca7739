// The storage boundary: everything the server keeps, as one object. Each part is its own
// interface (one file each) so a caller can ask for only what it uses and a backend (SQLite,
// PostgreSQL) implements them one by one, each held to its contract suite
// (apps/server/test/storage/); ComposedStorage puts a backend's parts together.
import type { AccountStore } from './account-store.ts';
import type { CommentStore } from './comment-store.ts';
import type { DocumentStore } from './document-store.ts';
import type { EventStore } from './event-store.ts';
import type { ImageStore } from './image-store.ts';
import type { MemberStore } from './member-store.ts';
import type { SearchStore } from './search-store.ts';
import type { VersionStore } from './version-store.ts';

export interface Storage extends DocumentStore, MemberStore, AccountStore, EventStore, VersionStore, CommentStore, SearchStore, ImageStore {
  close(): Promise<void>;
}
