// Users, sessions and document members in SQLite (tables from migration 2). SqliteStorage
// owns the connection and delegates here; createDoc calls addOwner inside its own transaction.
import Database from 'better-sqlite3';
import {
  DocNotFoundError,
  EmailTakenError,
  OwnerChangeError,
  type MemberRecord,
  type Role,
  type SessionRecord,
  type UserRecord,
} from './storage.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  color: string;
  password_hash: string;
  created_at: number;
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  color: row.color,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});

const toSession = (row: SessionRow): SessionRecord => ({
  tokenHash: row.token_hash,
  userId: row.user_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

const USER_COLUMNS = 'u.id, u.email, u.name, u.color, u.password_hash, u.created_at';

const isEmailConflict = (err: unknown): boolean =>
  err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message.includes('users.email');

export class SqliteAccounts {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertUser: db.prepare(
        'INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      countUsers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
      claimOwnerless: db.prepare(
        `INSERT INTO doc_members (doc_id, user_id, role, added_at)
         SELECT d.id, ?, 'owner', ? FROM documents d
         WHERE NOT EXISTS (SELECT 1 FROM doc_members m WHERE m.doc_id = d.id AND m.role = 'owner')`,
      ),
      getUser: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`),
      // The column's NOCASE collation applies to `=`, so this is case-insensitive and uses the index.
      getUserByEmail: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ?`),

      insertSession: db.prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      getSession: db.prepare<[string, number], SessionRow>(
        'SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
      ),
      touchSession: db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),

      docExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM documents WHERE id = ?'),
      insertMember: db.prepare('INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES (?, ?, ?, ?)'),
      // A role change keeps added_at and the rowid, so the member keeps their place in the list.
      upsertMember: db.prepare(
        `INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_id, user_id) DO UPDATE SET role = excluded.role`,
      ),
      getRole: db.prepare<[string, string], { role: Role }>(
        'SELECT role FROM doc_members WHERE doc_id = ? AND user_id = ?',
      ),
      listMembers: db.prepare<[string], UserRow & { role: Role }>(
        `SELECT ${USER_COLUMNS}, m.role FROM doc_members m JOIN users u ON u.id = m.user_id
         WHERE m.doc_id = ? ORDER BY m.role = 'owner' DESC, m.added_at, m.rowid`,
      ),
      deleteMember: db.prepare('DELETE FROM doc_members WHERE doc_id = ? AND user_id = ?'),
    };
  }

  /** Call inside the transaction that inserts the document. */
  addOwner(docId: string, userId: string, at: number): void {
    this.stmt.insertMember.run(docId, userId, 'owner', at);
  }

  private readonly insertUser = (u: UserRecord): void => {
    this.stmt.insertUser.run(u.id, u.email, u.name, u.color, u.passwordHash, u.createdAt);
    // Users are never deleted, so a count of one means this is the first user ever. Counting
    // inside the insert's transaction means two sign-ups can never both see themselves first.
    if (this.stmt.countUsers.get()!.n === 1) this.stmt.claimOwnerless.run(u.id, u.createdAt);
  };

  createUser(user: UserRecord): UserRecord {
    try {
      this.db.transaction(this.insertUser).immediate(user);
    } catch (err) {
      if (isEmailConflict(err)) throw new EmailTakenError();
      throw err;
    }
    return { ...user };
  }

  getUser(id: string): UserRecord | undefined {
    const row = this.stmt.getUser.get(id);
    return row && toUser(row);
  }

  getUserByEmail(email: string): UserRecord | undefined {
    const row = this.stmt.getUserByEmail.get(email);
    return row && toUser(row);
  }

  createSession(s: SessionRecord): void {
    this.stmt.insertSession.run(s.tokenHash, s.userId, s.createdAt, s.expiresAt);
  }

  getSession(tokenHash: string, now: number): SessionRecord | undefined {
    const row = this.stmt.getSession.get(tokenHash, now);
    return row && toSession(row);
  }

  touchSession(tokenHash: string, expiresAt: number): boolean {
    return this.stmt.touchSession.run(expiresAt, tokenHash).changes > 0;
  }

  deleteSession(tokenHash: string): boolean {
    return this.stmt.deleteSession.run(tokenHash).changes > 0;
  }

  getRole(docId: string, userId: string): Role | undefined {
    return this.stmt.getRole.get(docId, userId)?.role;
  }

  listMembers(docId: string): MemberRecord[] {
    return this.stmt.listMembers.all(docId).map((row) => ({ user: toUser(row), role: row.role }));
  }

  // Read-then-write: immediate, so the owner check and the write see the same state.
  private readonly writeMember = (docId: string, userId: string, role: 'editor' | 'viewer', now: number): void => {
    if (this.getRole(docId, userId) === 'owner') throw new OwnerChangeError();
    if (!this.stmt.docExists.get(docId)) throw new DocNotFoundError(docId);
    // An unknown user fails the foreign key.
    this.stmt.upsertMember.run(docId, userId, role, now);
  };

  setMember(docId: string, userId: string, role: 'editor' | 'viewer', now: number): void {
    this.db.transaction(this.writeMember).immediate(docId, userId, role, now);
  }

  private readonly dropMember = (docId: string, userId: string): boolean => {
    if (this.getRole(docId, userId) === 'owner') throw new OwnerChangeError();
    return this.stmt.deleteMember.run(docId, userId).changes > 0;
  };

  removeMember(docId: string, userId: string): boolean {
    return this.db.transaction(this.dropMember).immediate(docId, userId);
  }
}
