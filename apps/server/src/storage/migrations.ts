// Schema migrations, numbered in code. The database's `user_version` pragma records the
// last one applied; at start-up every later migration runs, each in its own transaction
// together with the version bump, so a crash leaves the schema at a whole version.
// Never edit a migration that has shipped: add the next number.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'documents and Yjs state',
    sql: `
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- sequence number of the last appended update; survives compaction
        last_seq INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX documents_by_created ON documents (created_at DESC);

      CREATE TABLE doc_snapshots (
        doc_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        state BLOB NOT NULL,
        through_seq INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE doc_updates (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (doc_id, seq)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];
