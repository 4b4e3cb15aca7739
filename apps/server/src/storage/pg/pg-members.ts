// Document members in PostgreSQL. The owner rules are enforced by the statements themselves
// (a WHERE on the upsert and the delete), so no read-then-write window opens between
// instances; the unique index doc_members_one_owner backs them.
import type pg from 'pg';
import { toUser, USER_COLUMNS, type UserRow } from '../account-rows.ts';
import { type DocRow, toDocRecord } from '../document-rows.ts';
import type { DocRecord } from '../document-store.ts';
import { DocNotFoundError, OwnerChangeError } from '../errors.ts';
import type { MemberRecord, MemberStore, Role } from '../member-store.ts';

export class PgMembers implements MemberStore {
  constructor(private readonly pool: pg.Pool) {}

  async getRole(docId: string, userId: string): Promise<Role | undefined> {
    const { rows } = await this.pool.query<{ role: Role }>('SELECT role FROM doc_members WHERE doc_id = $1 AND user_id = $2', [
      docId,
      userId,
    ]);
    return rows[0]?.role;
  }

  async listMembers(docId: string): Promise<MemberRecord[]> {
    const { rows } = await this.pool.query<UserRow & { role: Role }>(
      `SELECT ${USER_COLUMNS}, m.role FROM doc_members m JOIN users u ON u.id = m.user_id
       WHERE m.doc_id = $1 ORDER BY m.role = 'owner' DESC, m.added_at, m.pos`,
      [docId],
    );
    return rows.map((row) => ({ user: toUser(row), role: row.role }));
  }

  async setMember(docId: string, userId: string, role: 'editor' | 'commenter' | 'viewer', now: number): Promise<void> {
    // A role change keeps added_at and pos, so the member keeps their place in the list; the
    // owner's row is never touched. An unknown user fails the foreign key and throws.
    const { rowCount } = await this.pool.query(
      `INSERT INTO doc_members (doc_id, user_id, role, added_at)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1)
       ON CONFLICT (doc_id, user_id) DO UPDATE SET role = excluded.role WHERE doc_members.role <> 'owner'`,
      [docId, userId, role, now],
    );
    if (rowCount) return;
    if ((await this.getRole(docId, userId)) === 'owner') throw new OwnerChangeError();
    throw new DocNotFoundError(docId);
  }

  async removeMember(docId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`DELETE FROM doc_members WHERE doc_id = $1 AND user_id = $2 AND role <> 'owner'`, [
      docId,
      userId,
    ]);
    if (rowCount) return true;
    if ((await this.getRole(docId, userId)) === 'owner') throw new OwnerChangeError();
    return false;
  }

  async listDocsForUser(userId: string): Promise<(DocRecord & { role: Role })[]> {
    const { rows } = await this.pool.query<DocRow & { role: Role }>(
      `SELECT d.id, d.title, d.created_at, d.updated_at, m.role
       FROM doc_members m JOIN documents d ON d.id = m.doc_id
       WHERE m.user_id = $1 AND d.deleted_at IS NULL ORDER BY d.created_at DESC, d.pos DESC`,
      [userId],
    );
    return rows.map((row) => ({ ...toDocRecord(row), role: row.role }));
  }
}
