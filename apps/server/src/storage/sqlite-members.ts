// Document members in SQLite (table from migration 2). Besides MemberStore, it writes the
// owner rows that creating a document or the first user implies; those two run inside the
// caller's transaction.
import type Database from 'better-sqlite3';
import { toUser, USER_COLUMNS, type UserRow } from './account-rows.ts';
import { type DocRow, toDocRecord } from './document-rows.ts';
import type { DocRecord } from './document-store.ts';
import { DocNotFoundError, OwnerChangeError } from './errors.ts';
import type { MemberRecord, MemberStore, Role } from './member-store.ts';
import { transactionOf } from './sqlite-connection.ts';

export class SqliteMembers implements MemberStore {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      insertMember: db.prepare('INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES (?, ?, ?, ?)'),
      claimOwnerless: db.prepare(
        `INSERT INTO doc_members (doc_id, user_id, role, added_at)
         SELECT d.id, ?, 'owner', ? FROM documents d
         WHERE NOT EXISTS (SELECT 1 FROM doc_members m WHERE m.doc_id = d.id AND m.role = 'owner')`,
      ),
      docExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM documents WHERE id = ?'),
      // A role change keeps added_at and the rowid, so the member keeps their place in the list.
      upsertMember: db.prepare(
        `INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_id, user_id) DO UPDATE SET role = excluded.role`,
      ),
      getRole: db.prepare<[string, string], { role: Role }>('SELECT role FROM doc_members WHERE doc_id = ? AND user_id = ?'),
      listMembers: db.prepare<[string], UserRow & { role: Role }>(
        `SELECT ${USER_COLUMNS}, m.role FROM doc_members m JOIN users u ON u.id = m.user_id
         WHERE m.doc_id = ? ORDER BY m.role = 'owner' DESC, m.added_at, m.rowid`,
      ),
      deleteMember: db.prepare('DELETE FROM doc_members WHERE doc_id = ? AND user_id = ?'),
      listDocsForUser: db.prepare<[string], DocRow & { role: Role }>(
        `SELECT d.id, d.title, d.created_at, d.updated_at, m.role
         FROM doc_members m JOIN documents d ON d.id = m.doc_id
         WHERE m.user_id = ? AND d.deleted_at IS NULL ORDER BY d.created_at DESC, d.rowid DESC`,
      ),
    };
  }

  /** Call inside the transaction that inserts the document. */
  readonly addOwner = (docId: string, userId: string, at: number): void => {
    this.stmt.insertMember.run(docId, userId, 'owner', at);
  };

  /** Call inside the transaction that inserts the first user. */
  readonly claimOwnerless = (userId: string, at: number): void => {
    this.stmt.claimOwnerless.run(userId, at);
  };

  private role(docId: string, userId: string): Role | undefined {
    return this.stmt.getRole.get(docId, userId)?.role;
  }

  async getRole(docId: string, userId: string): Promise<Role | undefined> {
    return this.role(docId, userId);
  }

  async listMembers(docId: string): Promise<MemberRecord[]> {
    return this.stmt.listMembers.all(docId).map((row) => ({ user: toUser(row), role: row.role }));
  }

  // Read-then-write: immediate, so the owner check and the write see the same state.
  private readonly writeMember = (docId: string, userId: string, role: 'editor' | 'commenter' | 'viewer', now: number): void => {
    if (this.role(docId, userId) === 'owner') throw new OwnerChangeError();
    if (!this.stmt.docExists.get(docId)) throw new DocNotFoundError(docId);
    // An unknown user fails the foreign key.
    this.stmt.upsertMember.run(docId, userId, role, now);
  };

  async setMember(docId: string, userId: string, role: 'editor' | 'commenter' | 'viewer', now: number): Promise<void> {
    transactionOf(this.db, this.writeMember).immediate(docId, userId, role, now);
  }

  private readonly dropMember = (docId: string, userId: string): boolean => {
    if (this.role(docId, userId) === 'owner') throw new OwnerChangeError();
    return this.stmt.deleteMember.run(docId, userId).changes > 0;
  };

  async removeMember(docId: string, userId: string): Promise<boolean> {
    return transactionOf(this.db, this.dropMember).immediate(docId, userId);
  }

  async listDocsForUser(userId: string): Promise<(DocRecord & { role: Role })[]> {
    return this.stmt.listDocsForUser.all(userId).map((row) => ({ ...toDocRecord(row), role: row.role }));
  }
}
