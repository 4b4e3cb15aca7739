// The account rows as both backends read them (users and sessions tables) and the records
// made from them.
import type { SessionRecord, UserRecord } from './account-store.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  color: string;
  password_hash: string;
  created_at: number;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  color: row.color,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});

export const toSession = (row: SessionRow): SessionRecord => ({
  tokenHash: row.token_hash,
  userId: row.user_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/** The user columns of a query that names the users table `u`. */
export const USER_COLUMNS = 'u.id, u.email, u.name, u.color, u.password_hash, u.created_at';
