import {
  type AppendEntry,
  DocNotFoundError,
  EmailTakenError,
  OwnerChangeError,
  type DocRecord,
  type EventRetention,
  type MarkReadResult,
  type MemberRecord,
  type NotificationRecord,
  type Role,
  type SessionRecord,
  type Storage,
  type StoredDocState,
  type UserEventInput,
  type UserEventRecord,
  type UserRecord,
  type VersionRecord,
  type VersionSummary,
} from './storage.ts';

interface Member {
  role: Role;
  addedAt: number;
}

interface Entry {
  doc: DocRecord;
  snapshot: { state: Uint8Array; throughSeq: number } | null;
  updates: { seq: number; data: Uint8Array }[];
  lastSeq: number;
  /** By user id, in insertion order (a role change keeps the member's place, as in SQLite). */
  members: Map<string, Member>;
  /** Oldest first. */
  versions: VersionRecord[];
  /** Mention nodes already handled (gone with the document, like SQLite's cascade). */
  mentions: Set<string>;
}

interface EventLog {
  lastId: number;
  /** Consecutive ids, oldest first. */
  events: UserEventRecord[];
}

// Folds ASCII letters only, exactly like SQLite's NOCASE, so both stores agree on which
// emails collide (toLowerCase would also fold 'É' to 'é', which SQLite does not).
const emailKey = (email: string): string => email.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Keeps everything in process memory: for tests and throwaway servers. */
export class MemoryStorage implements Storage {
  private readonly docs = new Map<string, Entry>();
  private readonly users = new Map<string, UserRecord>();
  /** emailKey → user id. */
  private readonly emails = new Map<string, string>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly eventLogs = new Map<string, EventLog>();
  /** Oldest first (insertion order), so newest-first lists reverse it. */
  private notifications: NotificationRecord[] = [];

  async createDoc(doc: DocRecord, ownerId?: string): Promise<DocRecord> {
    if (this.docs.has(doc.id)) throw new Error(`document ${doc.id} already exists`);
    if (ownerId !== undefined) this.requireUser(ownerId);
    const members = new Map<string, Member>();
    if (ownerId !== undefined) members.set(ownerId, { role: 'owner', addedAt: doc.createdAt });
    this.docs.set(doc.id, { doc: { ...doc }, snapshot: null, updates: [], lastSeq: 0, members, mentions: new Set(), versions: [] });
    return { ...doc };
  }

  async getDoc(id: string): Promise<DocRecord | undefined> {
    const entry = this.docs.get(id);
    return entry && { ...entry.doc };
  }

  async listDocs(): Promise<DocRecord[]> {
    return this.newestFirst().map((e) => ({ ...e.doc }));
  }

  async listDocsForUser(userId: string): Promise<(DocRecord & { role: Role })[]> {
    return this.newestFirst().flatMap((e) => {
      const member = e.members.get(userId);
      return member ? [{ ...e.doc, role: member.role }] : [];
    });
  }

  // Map iteration is insertion order; reversed, ties (same millisecond) go to the later
  // insert, and the sort is stable.
  private newestFirst(): Entry[] {
    return [...this.docs.values()].reverse().sort((a, b) => b.doc.createdAt - a.doc.createdAt);
  }

  async renameDoc(id: string, title: string, now: number): Promise<DocRecord | undefined> {
    const entry = this.docs.get(id);
    if (!entry) return undefined;
    entry.doc = { ...entry.doc, title, updatedAt: now };
    return { ...entry.doc };
  }

  async deleteDoc(id: string): Promise<boolean> {
    return this.docs.delete(id);
  }

  async loadDocState(id: string): Promise<StoredDocState | undefined> {
    const entry = this.docs.get(id);
    if (!entry) return undefined;
    return {
      snapshot: entry.snapshot ? entry.snapshot.state.slice() : null,
      updates: entry.updates.map((u) => u.data.slice()),
      lastSeq: entry.lastSeq,
    };
  }

  async appendUpdates(id: string, updates: readonly Uint8Array[], now: number): Promise<number> {
    const [seq] = await this.appendBatch([{ docId: id, updates }], now);
    if (seq === undefined) throw new DocNotFoundError(id);
    return seq;
  }

  async appendBatch(entries: readonly AppendEntry[], now: number): Promise<(number | undefined)[]> {
    return entries.map(({ docId, updates }) => {
      const entry = this.docs.get(docId);
      if (!entry) return undefined;
      for (const data of updates) entry.updates.push({ seq: ++entry.lastSeq, data: data.slice() });
      entry.doc.updatedAt = now;
      return entry.lastSeq;
    });
  }

  async compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const entry = this.docs.get(id);
    if (!entry) throw new DocNotFoundError(id);
    if (entry.snapshot && entry.snapshot.throughSeq > throughSeq) return;
    entry.snapshot = { state: snapshot.slice(), throughSeq };
    entry.updates = entry.updates.filter((u) => u.seq > throughSeq);
  }

  async createUser(user: UserRecord): Promise<UserRecord> {
    if (this.users.has(user.id)) throw new Error(`user ${user.id} already exists`);
    if (this.emails.has(emailKey(user.email))) throw new EmailTakenError();
    this.users.set(user.id, { ...user });
    this.emails.set(emailKey(user.email), user.id);
    // Users are never deleted, so a size of one means this is the first user ever.
    if (this.users.size === 1) {
      for (const entry of this.docs.values()) {
        if (![...entry.members.values()].some((m) => m.role === 'owner')) {
          entry.members.set(user.id, { role: 'owner', addedAt: user.createdAt });
        }
      }
    }
    return { ...user };
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const user = this.users.get(id);
    return user && { ...user };
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    const id = this.emails.get(emailKey(email));
    return id === undefined ? undefined : this.getUser(id);
  }

  async createSession(session: SessionRecord): Promise<void> {
    if (this.sessions.has(session.tokenHash)) throw new Error('session already exists');
    this.requireUser(session.userId);
    this.sessions.set(session.tokenHash, { ...session });
  }

  async getSession(tokenHash: string, now: number): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(tokenHash);
    return session && session.expiresAt > now ? { ...session } : undefined;
  }

  async touchSession(tokenHash: string, expiresAt: number): Promise<boolean> {
    const session = this.sessions.get(tokenHash);
    if (!session) return false;
    session.expiresAt = expiresAt;
    return true;
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    return this.sessions.delete(tokenHash);
  }

  async getRole(docId: string, userId: string): Promise<Role | undefined> {
    return this.docs.get(docId)?.members.get(userId)?.role;
  }

  async listMembers(docId: string): Promise<MemberRecord[]> {
    const members = [...(this.docs.get(docId)?.members ?? [])];
    // Stable sort over insertion order: owner first, then added_at, ties by insertion.
    members.sort(([, a], [, b]) => Number(b.role === 'owner') - Number(a.role === 'owner') || a.addedAt - b.addedAt);
    return members.map(([userId, m]) => ({ user: { ...this.users.get(userId)! }, role: m.role }));
  }

  async setMember(docId: string, userId: string, role: 'editor' | 'viewer', now: number): Promise<void> {
    const entry = this.docs.get(docId);
    const existing = entry?.members.get(userId);
    if (existing?.role === 'owner') throw new OwnerChangeError();
    if (!entry) throw new DocNotFoundError(docId);
    this.requireUser(userId);
    if (existing) existing.role = role;
    else entry.members.set(userId, { role, addedAt: now });
  }

  async removeMember(docId: string, userId: string): Promise<boolean> {
    const members = this.docs.get(docId)?.members;
    if (members?.get(userId)?.role === 'owner') throw new OwnerChangeError();
    return members?.delete(userId) ?? false;
  }

  async appendUserEvents(
    events: readonly UserEventInput[],
    now: number,
    retention: EventRetention,
  ): Promise<UserEventRecord[]> {
    // All or none, like the SQLite transaction.
    for (const e of events) this.requireUser(e.userId);
    const records = events.map((e) => {
      const log = this.eventLog(e.userId);
      const record = { userId: e.userId, id: ++log.lastId, name: e.name, data: e.data, createdAt: now };
      log.events.push(record);
      return record;
    });
    for (const userId of new Set(events.map((e) => e.userId))) this.pruneEvents(userId, now, retention);
    return records.map((r) => ({ ...r }));
  }

  async readUserEvents(
    userId: string,
    afterId: number,
    now: number,
    retention: EventRetention,
  ): Promise<{ lastId: number; events: UserEventRecord[] }> {
    this.pruneEvents(userId, now, retention);
    const log = this.eventLogs.get(userId);
    return { lastId: log?.lastId ?? 0, events: (log?.events ?? []).filter((e) => e.id > afterId).map((e) => ({ ...e })) };
  }

  private eventLog(userId: string): EventLog {
    let log = this.eventLogs.get(userId);
    if (!log) this.eventLogs.set(userId, (log = { lastId: 0, events: [] }));
    return log;
  }

  // Removes a prefix of ids, as SQLite does: through the newest expired event and beyond
  // the newest maxEvents.
  private pruneEvents(userId: string, now: number, retention: EventRetention): void {
    const log = this.eventLogs.get(userId);
    if (!log) return;
    let through = log.lastId - retention.maxEvents;
    for (const e of log.events) if (e.createdAt < now - retention.maxAgeMs) through = Math.max(through, e.id);
    log.events = log.events.filter((e) => e.id > through);
  }

  async createNotification(notification: NotificationRecord, keep: number): Promise<void> {
    this.requireUser(notification.userId);
    this.requireUser(notification.actorId);
    if (this.notifications.some((n) => n.id === notification.id)) throw new Error('notification already exists');
    this.notifications.push({ ...notification });
    const mine = this.newestNotifications(notification.userId);
    if (mine.length > keep) {
      const dropped = new Set(mine.slice(keep));
      this.notifications = this.notifications.filter((n) => !dropped.has(n));
    }
  }

  // Stable sort of the reversed insertion order: ties go to the later insert, as in SQLite.
  private newestNotifications(userId: string): NotificationRecord[] {
    return this.notifications
      .filter((n) => n.userId === userId)
      .reverse()
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  async listNotifications(userId: string, limit: number): Promise<NotificationRecord[]> {
    return this.newestNotifications(userId)
      .slice(0, limit)
      .map((n) => ({ ...n }));
  }

  async countUnreadNotifications(userId: string): Promise<number> {
    return this.notifications.filter((n) => n.userId === userId && n.readAt === null).length;
  }

  async markNotificationRead(userId: string, id: string, now: number): Promise<MarkReadResult> {
    const found = this.notifications.find((n) => n.id === id && n.userId === userId);
    if (!found) return 'missing';
    if (found.readAt !== null) return 'unchanged';
    found.readAt = now;
    return 'marked';
  }

  async markAllNotificationsRead(userId: string, now: number): Promise<number> {
    let changed = 0;
    for (const n of this.notifications) {
      if (n.userId !== userId || n.readAt !== null) continue;
      n.readAt = now;
      changed += 1;
    }
    return changed;
  }

  async claimMentionNodes(docId: string, nodeIds: readonly string[]): Promise<string[]> {
    const mentions = this.docs.get(docId)?.mentions;
    if (!mentions) return [];
    return [...new Set(nodeIds)].filter((id) => !mentions.has(id) && Boolean(mentions.add(id)));
  }

  // Stands in for SQLite's foreign keys, so both stores refuse the same writes.
  private requireUser(id: string): void {
    if (!this.users.has(id)) throw new Error(`user ${id} does not exist`);
  }

  async createVersion(version: VersionRecord): Promise<VersionSummary> {
    const entry = this.docs.get(version.docId);
    if (!entry) throw new DocNotFoundError(version.docId);
    if (entry.versions.some((v) => v.id === version.id)) throw new Error(`version ${version.id} already exists`);
    entry.versions.push({ ...version, state: version.state.slice() });
    return this.summary(version);
  }

  async listVersions(docId: string): Promise<VersionSummary[]> {
    const versions = this.docs.get(docId)?.versions ?? [];
    // Newest first; a stable sort keeps later inserts first among equal times once reversed.
    return [...versions]
      .reverse()
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((v) => this.summary(v));
  }

  async getVersion(docId: string, versionId: string): Promise<(VersionSummary & { state: Uint8Array }) | undefined> {
    const version = this.docs.get(docId)?.versions.find((v) => v.id === versionId);
    return version && { ...this.summary(version), state: version.state.slice() };
  }

  private summary(version: VersionRecord): VersionSummary {
    const author = version.authorId === null ? undefined : this.users.get(version.authorId);
    return {
      id: version.id,
      docId: version.docId,
      label: version.label,
      reason: version.reason,
      createdAt: version.createdAt,
      author: author ? { id: author.id, name: author.name, color: author.color } : null,
    };
  }

  async close(): Promise<void> {}
}
