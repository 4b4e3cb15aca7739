// Accounts: users and their login sessions. Every method that takes an email compares it
// case-insensitively (ASCII letters only, so 'É' and 'é' are different addresses).

export interface UserRecord {
  id: string;
  /** Stored as given (trimmed); compared case-insensitively. */
  email: string;
  name: string;
  color: string;
  /** scrypt hash with its parameters and salt; never the password. */
  passwordHash: string;
  createdAt: number;
}

export interface SessionRecord {
  /** SHA-256 of the cookie token (hex); the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

export interface AccountStore {
  /**
   * Throws EmailTakenError when the email is in use. The first user ever created becomes the
   * owner of every document that has no owner (documents made before accounts existed), in
   * the same transaction, so two sign-ups can never both claim them.
   */
  createUser(user: UserRecord): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  getUserByEmail(email: string): Promise<UserRecord | undefined>;
  /** The user with their new name; undefined for an unknown user. */
  renameUser(id: string, name: string): Promise<UserRecord | undefined>;
  /** false for an unknown user. */
  setPasswordHash(id: string, passwordHash: string): Promise<boolean>;
  /** Everyone who is a member of a document `userId` is a member of (not `userId`), trashed ones too. */
  coMemberIds(userId: string): Promise<string[]>;

  /** Throws for an unknown user or a token hash already in use. */
  createSession(session: SessionRecord): Promise<void>;
  /** undefined when unknown or expired at `now`. */
  getSession(tokenHash: string, now: number): Promise<SessionRecord | undefined>;
  /** Moves the expiry (sliding sessions); false when the session is gone. */
  touchSession(tokenHash: string, expiresAt: number): Promise<boolean>;
  deleteSession(tokenHash: string): Promise<boolean>;
  /** Deletes every session of the user but `keepTokenHash`; returns the deleted token hashes. */
  deleteOtherSessions(userId: string, keepTokenHash: string): Promise<string[]>;
}
