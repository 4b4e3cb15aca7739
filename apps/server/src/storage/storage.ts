// The storage boundary: everything the server keeps, as one object. Each part is its own
// interface (one file each) so a caller can ask for only what it uses and a new backend
// (PostgreSQL is planned) implements them one by one, each held to its contract suite
// (apps/server/test/storage/).
import type { AccountStore } from './account-store.ts';
import type { DocumentStore } from './document-store.ts';
import type { EventStore } from './event-store.ts';
import type { MemberStore } from './member-store.ts';
import type { VersionStore } from './version-store.ts';

export interface Storage extends DocumentStore, MemberStore, AccountStore, EventStore, VersionStore {
  close(): Promise<void>;
}

// Callers import the records and errors from here, whichever part they belong to.
export type { AccountStore, SessionRecord, UserRecord } from './account-store.ts';
export type { AppendEntry, DocRecord, DocumentStore, StoredDocState } from './document-store.ts';
export { DocNotFoundError, EmailTakenError, OwnerChangeError } from './errors.ts';
export type {
  EventRetention,
  EventStore,
  MarkReadResult,
  NotificationRecord,
  UserEventInput,
  UserEventRecord,
} from './event-store.ts';
export type { MemberRecord, MemberStore, Role } from './member-store.ts';
export type { VersionReason, VersionRecord, VersionStore, VersionSummary } from './version-store.ts';
