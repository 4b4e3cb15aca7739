// Users and sessions in SQLite (tables from migration 2).
import Database from 'better-sqlite3';
import { type SessionRow, toSession, toUser, USER_COLUMNS, type UserRow } from './account-rows.ts';
import type { AccountStore, SessionRecord, UserRecord } from './account-store.ts';
import { EmailTakenError } from './errors.ts';
import { transactionOf } from './sqlite-connection.ts';

const isEmailConflict = (err: unknown): boolean =>
  err instanceof Database.SqliteError && err.code === 'SQLITE_CONSTRAINT_UNIQUE' && err.message.includes('users.email');

export class SqliteAccounts implements AccountStore {
  private readonly stmt;

  /**
   * @param claimOwnerless makes the user the owner of every document without one; called
   * inside the transaction that inserts the first user.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly claimOwnerless: (userId: string, at: number) => void,
  ) {
    this.stmt = {
      insertUser: db.prepare('INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      countUsers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
      getUser: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`),
      // The column's NOCASE collation applies to `=`, so this is case-insensitive and uses the index.
      getUserByEmail: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ?`),
      renameUser: db.prepare<[string, string], UserRow>(
        'UPDATE users SET name = ? WHERE id = ? RETURNING id, email, name, color, password_hash, created_at',
      ),
      setPasswordHash: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
      // Both sides use doc_members_by_user / the primary key: one lookup per shared document.
      coMemberIds: db.prepare<[string, string], { user_id: string }>(
        `SELECT DISTINCT other.user_id FROM doc_members mine
         JOIN doc_members other ON other.doc_id = mine.doc_id
         WHERE mine.user_id = ? AND other.user_id <> ?`,
      ),

      insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      getSession: db.prepare<[string, number], SessionRow>(
        'SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
      ),
      touchSession: db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?'),
      deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteOtherSessions: db.prepare<[string, string], { token_hash: string }>(
        'DELETE FROM sessions WHERE user_id = ? AND token_hash <> ? RETURNING token_hash',
      ),
    };
  }

  private readonly insertUser = (u: UserRecord): void => {
    this.stmt.insertUser.run(u.id, u.email, u.name, u.color, u.passwordHash, u.createdAt);
    // Users are never deleted, so a count of one means this is the first user ever. Counting
    // inside the insert's transaction means two sign-ups can never both see themselves first.
    if (this.stmt.countUsers.get()!.n === 1) this.claimOwnerless(u.id, u.createdAt);
  };

  async createUser(user: UserRecord): Promise<UserRecord> {
    try {
      transactionOf(this.db, this.insertUser).immediate(user);
    } catch (err) {
      if (isEmailConflict(err)) throw new EmailTakenError();
      throw err;
    }
    return { ...user };
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = this.stmt.getUser.get(id);
    return row && toUser(row);
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    const row = this.stmt.getUserByEmail.get(email);
    return row && toUser(row);
  }

  async renameUser(id: string, name: string): Promise<UserRecord | undefined> {
    const row = this.stmt.renameUser.get(name, id);
    return row && toUser(row);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return this.stmt.setPasswordHash.run(passwordHash, id).changes > 0;
  }

  async coMemberIds(userId: string): Promise<string[]> {
    return this.stmt.coMemberIds.all(userId, userId).map((row) => row.user_id);
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.stmt.insertSession.run(s.tokenHash, s.userId, s.createdAt, s.expiresAt);
  }

  async getSession(tokenHash: string, now: number): Promise<SessionRecord | undefined> {
    const row = this.stmt.getSession.get(tokenHash, now);
    return row && toSession(row);
  }

  async touchSession(tokenHash: string, expiresAt: number): Promise<boolean> {
    return this.stmt.touchSession.run(expiresAt, tokenHash).changes > 0;
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    return this.stmt.deleteSession.run(tokenHash).changes > 0;
  }

  async deleteOtherSessions(userId: string, keepTokenHash: string): Promise<string[]> {
    return this.stmt.deleteOtherSessions.all(userId, keepTokenHash).map((row) => row.token_hash);
  }
}
