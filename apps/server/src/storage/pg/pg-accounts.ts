// Users and sessions in PostgreSQL. Emails compare through inkwell_ascii_lower (ASCII letters
// folded only, as SQLite's NOCASE), which the unique index users_email_key is built on.
import type pg from 'pg';
import { type SessionRow, toSession, toUser, USER_COLUMNS, type UserRow } from '../account-rows.ts';
import type { AccountStore, SessionRecord, UserRecord } from '../account-store.ts';
import { EmailTakenError } from '../errors.ts';
import { inTransaction, isConstraintError, PgCode } from './pg-connection.ts';

/** pg_advisory_xact_lock key that serialises sign-ups ("inkwuser" in ASCII). */
const SIGN_UP_LOCK_KEY = '7597127782236382578';

export class PgAccounts implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async createUser(user: UserRecord): Promise<UserRecord> {
    try {
      await inTransaction(this.pool, async (c) => {
        // Under READ COMMITTED two concurrent sign-ups would each count only themselves and
        // both claim the ownerless documents; the lock makes the second wait for the first.
        await c.query(`SELECT pg_advisory_xact_lock(${SIGN_UP_LOCK_KEY})`);
        await c.query('INSERT INTO users (id, email, name, color, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          user.id,
          user.email,
          user.name,
          user.color,
          user.passwordHash,
          user.createdAt,
        ]);
        // Users are never deleted, so a count of one means this is the first user ever.
        const { rows } = await c.query<{ n: number }>('SELECT count(*) AS n FROM users');
        if (rows[0]?.n === 1) {
          await c.query(
            `INSERT INTO doc_members (doc_id, user_id, role, added_at)
             SELECT d.id, $1, 'owner', $2 FROM documents d
             WHERE NOT EXISTS (SELECT 1 FROM doc_members m WHERE m.doc_id = d.id AND m.role = 'owner')
             ORDER BY d.pos`,
            [user.id, user.createdAt],
          );
        }
      });
    } catch (err) {
      if (isConstraintError(err, PgCode.uniqueViolation, 'users_email_key')) throw new EmailTakenError();
      throw err;
    }
    return { ...user };
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return rows[0] && toUser(rows[0]);
  }

  async getUserByEmail(email: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users u WHERE inkwell_ascii_lower(u.email) = inkwell_ascii_lower($1)`,
      [email],
    );
    return rows[0] && toUser(rows[0]);
  }

  async renameUser(id: string, name: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>(`UPDATE users u SET name = $2 WHERE u.id = $1 RETURNING ${USER_COLUMNS}`, [id, name]);
    return rows[0] && toUser(rows[0]);
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
    return (rowCount ?? 0) > 0;
  }

  async coMemberIds(userId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT DISTINCT other.user_id FROM doc_members mine
       JOIN doc_members other ON other.doc_id = mine.doc_id
       WHERE mine.user_id = $1 AND other.user_id <> $1`,
      [userId],
    );
    return rows.map((row) => row.user_id);
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.pool.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      s.tokenHash,
      s.userId,
      s.createdAt,
      s.expiresAt,
    ]);
  }

  async getSession(tokenHash: string, now: number): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<SessionRow>(
      'SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2',
      [tokenHash, now],
    );
    return rows[0] && toSession(rows[0]);
  }

  async touchSession(tokenHash: string, expiresAt: number): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE sessions SET expires_at = $2 WHERE token_hash = $1', [tokenHash, expiresAt]);
    return (rowCount ?? 0) > 0;
  }

  async deleteSession(tokenHash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    return (rowCount ?? 0) > 0;
  }

  async deleteOtherSessions(userId: string, keepTokenHash: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ token_hash: string }>(
      'DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash',
      [userId, keepTokenHash],
    );
    return rows.map((row) => row.token_hash);
  }
}
