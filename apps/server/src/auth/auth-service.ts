import { randomBytes, randomInt } from 'node:crypto';
import { PRESENCE_COLORS, type User } from '@inkwell/protocol';
import type { AccountStore, SessionRecord, UserRecord } from '../storage/account-store.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.ts';
import { hashSessionToken, newSessionToken, SESSION_REFRESH_MS, SESSION_TTL_MS } from './session-tokens.ts';

export interface Authenticated {
  user: UserRecord;
  session: SessionRecord;
  /** Set when the sliding expiry moved: the caller re-sends the cookie with this token. */
  refreshed: boolean;
}

export const toApiUser = (u: UserRecord): User => ({ id: u.id, email: u.email, name: u.name, color: u.color });

/** Accounts and sessions over AccountStore; HTTP and socket code call this, never storage directly. */
export class AuthService {
  constructor(
    private readonly storage: AccountStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws EmailTakenError. Returns the new user and a session token for the cookie. */
  async register(input: { email: string; password: string; name: string }): Promise<{ user: UserRecord; token: string }> {
    const user = await this.storage.createUser({
      id: randomBytes(12).toString('base64url'),
      email: input.email,
      name: input.name,
      color: PRESENCE_COLORS[randomInt(PRESENCE_COLORS.length)]!,
      passwordHash: await hashPassword(input.password),
      createdAt: this.now(),
    });
    return { user, token: await this.startSession(user.id) };
  }

  /** undefined for an unknown e-mail or a wrong password, which take the same time. */
  async login(email: string, password: string): Promise<{ user: UserRecord; token: string } | undefined> {
    const user = await this.storage.getUserByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE()));
    if (!user || !ok) return undefined;
    return { user, token: await this.startSession(user.id) };
  }

  async authenticate(token: string | undefined): Promise<Authenticated | undefined> {
    if (!token) return undefined;
    const now = this.now();
    const session = await this.storage.getSession(hashSessionToken(token), now);
    if (!session) return undefined;
    const user = await this.storage.getUser(session.userId);
    if (!user) return undefined;
    let refreshed = false;
    if (session.expiresAt - now < SESSION_TTL_MS - SESSION_REFRESH_MS) {
      session.expiresAt = now + SESSION_TTL_MS;
      refreshed = await this.storage.touchSession(session.tokenHash, session.expiresAt);
    }
    return { user, session, refreshed };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.storage.deleteSession(tokenHash);
  }

  /** The user with the new name (already validated); undefined when the account is gone. */
  rename(userId: string, name: string): Promise<UserRecord | undefined> {
    return this.storage.renameUser(userId, name);
  }

  /**
   * Sets a new password when `currentPassword` is right, and ends every other session of the
   * account (someone who knew the old password is signed out everywhere but here). Returns the
   * ended sessions' token hashes, for the caller to close their sockets and streams; undefined
   * for a wrong current password.
   */
  async changePassword(signedIn: Authenticated, currentPassword: string, newPassword: string): Promise<string[] | undefined> {
    const { user, session } = signedIn;
    if (!(await verifyPassword(currentPassword, user.passwordHash))) return undefined;
    await this.storage.setPasswordHash(user.id, await hashPassword(newPassword));
    return this.storage.deleteOtherSessions(user.id, session.tokenHash);
  }

  /** Who should hear that `userId`'s profile changed: they and everyone they share a document with. */
  async audienceOf(userId: string): Promise<string[]> {
    return [userId, ...(await this.storage.coMemberIds(userId))];
  }

  private async startSession(userId: string): Promise<string> {
    const token = newSessionToken();
    const now = this.now();
    await this.storage.createSession({ tokenHash: hashSessionToken(token), userId, createdAt: now, expiresAt: now + SESSION_TTL_MS });
    return token;
  }
}
