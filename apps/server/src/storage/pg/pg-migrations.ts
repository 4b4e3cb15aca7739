// PostgreSQL schema migrations, numbered in code and recorded in inkwell_migrations (one row
// per applied version). Each runs in its own transaction together with its row, so a crash
// leaves the schema at a whole version. Instances starting together take one advisory lock
// first: the second waits, then finds nothing left to do. Never edit a migration that has
// shipped: add the next number.
//
// The schema mirrors SQLite's (../migrations.ts) at its version 10, with PostgreSQL's types:
// BIGINT epoch milliseconds, BYTEA state, text[] where SQLite keeps a JSON array, and a `pos`
// identity column where SQLite breaks ties by rowid (insertion order).
import type pg from 'pg';

export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

/** pg_advisory_lock key of the migration run (an arbitrary constant: "inkwmigr" in ASCII). */
const MIGRATION_LOCK_KEY = '7597127782101510002';

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'the whole schema as of SQLite version 10',
    sql: `
      -- Email addresses compare with ASCII letters folded only, as SQLite's NOCASE does:
      -- 'Ann@x.io' and 'ann@X.IO' collide, 'É' and 'é' do not (lower() would fold both).
      CREATE FUNCTION inkwell_ascii_lower(text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT translate($1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') $$;

      CREATE TABLE users (
        id text PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        color text NOT NULL,
        password_hash text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE UNIQUE INDEX users_email_key ON users (inkwell_ascii_lower(email));

      CREATE TABLE sessions (
        -- SHA-256 of the cookie token: a leaked database does not hand out live sessions
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);

      CREATE TABLE documents (
        id text PRIMARY KEY,
        -- insertion order: lists break created_at ties by it, latest first
        pos bigint GENERATED ALWAYS AS IDENTITY,
        title text NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        -- sequence number of the last appended update; survives compaction. The append
        -- transaction takes its numbers here (UPDATE ... RETURNING), under this row's lock.
        last_seq bigint NOT NULL DEFAULT 0,
        deleted_at bigint,
        deleted_by text REFERENCES users (id) ON DELETE SET NULL,
        last_editor_id text REFERENCES users (id) ON DELETE SET NULL,
        edited_at bigint
      );
      CREATE INDEX documents_by_created ON documents (created_at DESC, pos DESC);
      CREATE INDEX documents_trashed ON documents (deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE doc_snapshots (
        doc_id text PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        state bytea NOT NULL,
        through_seq bigint NOT NULL
      );

      CREATE TABLE doc_updates (
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (doc_id, seq)
      );

      CREATE TABLE doc_members (
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        pos bigint GENERATED ALWAYS AS IDENTITY,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
        added_at bigint NOT NULL,
        PRIMARY KEY (doc_id, user_id)
      );
      CREATE INDEX doc_members_by_user ON doc_members (user_id);
      -- At most one owner per document, whatever the code above it does.
      CREATE UNIQUE INDEX doc_members_one_owner ON doc_members (doc_id) WHERE role = 'owner';

      CREATE TABLE doc_versions (
        id text PRIMARY KEY,
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        pos bigint GENERATED ALWAYS AS IDENTITY,
        label text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('manual', 'before-restore', 'auto')),
        author_id text REFERENCES users (id) ON DELETE SET NULL,
        -- the user ids whose edits the version holds since the one before it
        authors text[] NOT NULL DEFAULT '{}',
        state bytea NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX doc_versions_by_doc ON doc_versions (doc_id, created_at DESC, pos DESC);

      -- The last event id issued to each user, kept apart from the events so ids keep
      -- increasing after every event of a user has been pruned.
      CREATE TABLE user_event_counters (
        user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        last_id bigint NOT NULL
      );

      CREATE TABLE user_events (
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        id bigint NOT NULL,
        name text NOT NULL,
        -- the event's JSON, exactly as sent
        data text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (user_id, id)
      );

      -- No foreign key to documents: a notification outlives its document.
      CREATE TABLE notifications (
        id text PRIMARY KEY,
        pos bigint GENERATED ALWAYS AS IDENTITY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('shared', 'mentioned', 'comment_mention', 'comment_reply')),
        actor_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        doc_id text NOT NULL,
        doc_title text NOT NULL,
        role text CHECK (role IN ('editor', 'commenter', 'viewer')),
        created_at bigint NOT NULL,
        read_at bigint,
        thread_id text,
        excerpt text
      );
      CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, pos DESC);
      CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

      -- Mention nodes already notified (Yjs item id of the mention element).
      CREATE TABLE mention_nodes (
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        node_id text NOT NULL,
        PRIMARY KEY (doc_id, node_id)
      );

      CREATE TABLE comment_threads (
        id text PRIMARY KEY,
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        pos bigint GENERATED ALWAYS AS IDENTITY,
        anchor_start text NOT NULL,
        anchor_end text NOT NULL,
        quote text NOT NULL,
        created_at bigint NOT NULL,
        resolved_by text REFERENCES users (id) ON DELETE SET NULL,
        resolved_at bigint,
        CHECK (resolved_by IS NULL OR resolved_at IS NOT NULL)
      );
      CREATE INDEX comment_threads_by_doc ON comment_threads (doc_id, created_at, pos);

      CREATE TABLE comments (
        id text PRIMARY KEY,
        thread_id text NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
        pos bigint GENERATED ALWAYS AS IDENTITY,
        author_id text NOT NULL REFERENCES users (id),
        body text NOT NULL,
        mentions text[] NOT NULL DEFAULT '{}',
        created_at bigint NOT NULL,
        edited_at bigint
      );
      CREATE INDEX comments_by_thread ON comments (thread_id, created_at, pos);

      CREATE TABLE doc_images (
        id text PRIMARY KEY,
        doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        uploader_id text REFERENCES users (id) ON DELETE SET NULL,
        sha256 text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
        size bigint NOT NULL CHECK (size = length(data)),
        data bytea NOT NULL,
        created_at bigint NOT NULL,
        UNIQUE (doc_id, sha256)
      );

      -- One search entry per document (pg-search.ts): the plain text as given (snippets and
      -- the list's text start read it), its words as a tsvector built by the server (title
      -- weight A, text weight D) and the stored state it was read from.
      CREATE TABLE search_docs (
        doc_id text PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        body text NOT NULL,
        terms tsvector NOT NULL,
        indexed_seq bigint NOT NULL,
        indexed_updated_at bigint NOT NULL
      );
      CREATE INDEX search_docs_terms ON search_docs USING gin (terms);
    `,
  },
  {
    version: 2,
    name: 'snapshot checksums (SQLite version 11)',
    sql: `
      -- CRC-32 of the snapshot as the server encoded it; see ../migrations.ts version 11.
      ALTER TABLE doc_snapshots ADD COLUMN checksum bigint;
    `,
  },
];

/** The database was migrated by a newer server than this one: running on would misread it. */
export class PgSchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`the database is at schema version ${found}, newer than this server knows (${known}); run the newer server`);
    this.name = 'PgSchemaTooNewError';
  }
}

/** Brings the schema up to date; returns the version it is at. */
export async function applyPgMigrations(pool: pg.Pool, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost meanwhile must reject the migration, not crash the process (see inTransaction).
  client.on('error', (err) => {
    broken = err;
  });
  try {
    // Session-level, on this one connection, so it spans the per-migration transactions.
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS inkwell_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM inkwell_migrations');
      let current = rows[0]?.v ?? 0;
      const known = migrations.at(-1)?.version ?? 0;
      if (current > known) throw new PgSchemaTooNewError(current, known);
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO inkwell_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
        current = migration.version;
      }
      return current;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } catch (err) {
    // A failed unlock or rollback means the connection is unusable; don't pool it again.
    broken = err as Error;
    throw err;
  } finally {
    client.release(broken);
  }
}
