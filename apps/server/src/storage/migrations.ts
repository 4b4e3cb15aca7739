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
  {
    version: 2,
    name: 'users, sessions and document members',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        -- NOCASE folds ASCII letters only: 'Ann@x.io' and 'ann@X.IO' collide, 'É' and 'é' do not
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        color TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        -- SHA-256 of the cookie token: a leaked database does not hand out live sessions
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);

      -- A rowid table on purpose: listMembers breaks added_at ties by rowid (insertion order).
      CREATE TABLE doc_members (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (doc_id, user_id)
      ) STRICT;
      CREATE INDEX doc_members_by_user ON doc_members (user_id);
      -- At most one owner per document, whatever the code above it does.
      CREATE UNIQUE INDEX doc_members_one_owner ON doc_members (doc_id) WHERE role = 'owner';
    `,
  },
  {
    version: 3,
    name: 'document versions',
    sql: `
      CREATE TABLE doc_versions (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('manual', 'before-restore')),
        -- the account is gone: the version stays, without an author
        author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
        -- Y.encodeStateAsUpdate of the document at that moment
        state BLOB NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX doc_versions_by_doc ON doc_versions (doc_id, created_at DESC);
    `,
  },
  {
    version: 4,
    name: 'per-user event log, notifications and notified mentions',
    sql: `
      -- The last event id issued to each user. Kept apart from the events so that ids keep
      -- increasing after every event of a user has been pruned (a client's Last-Event-ID
      -- from before then must read as "older than the log keeps", not as "never issued").
      CREATE TABLE user_event_counters (
        user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        last_id INTEGER NOT NULL
      ) STRICT;

      -- What GET /api/events replays after a Last-Event-ID. Ids are consecutive per user, so
      -- a gap between the client's id and the oldest kept one means events were pruned.
      CREATE TABLE user_events (
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        name TEXT NOT NULL,
        -- the event's JSON, exactly as sent
        data TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, id)
      ) STRICT, WITHOUT ROWID;

      -- A rowid table on purpose: the list breaks created_at ties by rowid (insertion order).
      -- No foreign key to documents: a notification is a record of what happened and
      -- outlives the document (docTitle keeps the title it had).
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('shared', 'mentioned')),
        actor_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL,
        doc_title TEXT NOT NULL,
        role TEXT CHECK (role IN ('editor', 'viewer')),
        created_at INTEGER NOT NULL,
        read_at INTEGER
      ) STRICT;
      CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC);
      CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

      -- Mention nodes already handled (Yjs item id "client:clock" of the mention element), so
      -- a mention notifies at most once even when the room reloads or the server restarts.
      CREATE TABLE mention_nodes (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        node_id TEXT NOT NULL,
        PRIMARY KEY (doc_id, node_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'damaged rows kept aside by the doctor',
    sql: `
      -- Rows of a document's Yjs state that did not load, moved here by "pnpm run doctor
      -- --salvage" when it rebuilt the document from what did. Kept for a person to look at;
      -- nothing reads them. No foreign key: the evidence outlives the document.
      CREATE TABLE damaged_rows (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('snapshot', 'update')),
        -- the update's seq, or the snapshot's through_seq
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        reason TEXT NOT NULL,
        kept_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX damaged_rows_by_doc ON damaged_rows (doc_id);
    `,
  },
  {
    version: 6,
    name: 'comments, the commenter role and comment notifications',
    sql: `
      -- SQLite cannot change a CHECK in place, so doc_members and notifications are rebuilt:
      -- create the new table, copy the rows with their rowids (both lists break ties by
      -- rowid, so the order people see must not change), drop the old one, rename the new.
      -- Safe inside this migration's transaction with foreign_keys on because no table
      -- references either of them (dropping a referenced table would check, or cascade).
      CREATE TABLE doc_members_v6 (
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (doc_id, user_id)
      ) STRICT;
      INSERT INTO doc_members_v6 (rowid, doc_id, user_id, role, added_at)
        SELECT rowid, doc_id, user_id, role, added_at FROM doc_members;
      DROP TABLE doc_members;
      ALTER TABLE doc_members_v6 RENAME TO doc_members;
      CREATE INDEX doc_members_by_user ON doc_members (user_id);
      CREATE UNIQUE INDEX doc_members_one_owner ON doc_members (doc_id) WHERE role = 'owner';

      -- thread_id and excerpt are set for the comment kinds only. No foreign key to
      -- comment_threads, for the same reason as none to documents: the notification outlives them.
      CREATE TABLE notifications_v6 (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('shared', 'mentioned', 'comment_mention', 'comment_reply')),
        actor_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL,
        doc_title TEXT NOT NULL,
        role TEXT CHECK (role IN ('editor', 'commenter', 'viewer')),
        created_at INTEGER NOT NULL,
        read_at INTEGER,
        thread_id TEXT,
        -- the start of the comment, as it read when the notification was made
        excerpt TEXT
      ) STRICT;
      INSERT INTO notifications_v6 (rowid, id, user_id, kind, actor_id, doc_id, doc_title, role, created_at, read_at)
        SELECT rowid, id, user_id, kind, actor_id, doc_id, doc_title, role, created_at, read_at FROM notifications;
      DROP TABLE notifications;
      ALTER TABLE notifications_v6 RENAME TO notifications;
      CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC);
      CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

      -- Rowid tables on purpose: threads and comments list oldest first, ties by rowid
      -- (insertion order). Resolved means resolved_at is set; resolved_by may be NULL.
      CREATE TABLE comment_threads (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        -- base64 of Y.encodeRelativePosition, as the client sent them, and the quoted text
        anchor_start TEXT NOT NULL,
        anchor_end TEXT NOT NULL,
        quote TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        resolved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
        resolved_at INTEGER,
        CHECK (resolved_by IS NULL OR resolved_at IS NOT NULL)
      ) STRICT;
      CREATE INDEX comment_threads_by_doc ON comment_threads (doc_id, created_at);

      -- A thread's first comment (oldest, ties by rowid) opened it; deleting that one
      -- deletes the thread, which the cascade below empties.
      CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
        -- no ON DELETE: accounts are never deleted; whoever adds that decides what a gone
        -- author's comments become
        author_id TEXT NOT NULL REFERENCES users (id),
        body TEXT NOT NULL,
        -- user ids the body mentions, as a JSON array
        mentions TEXT NOT NULL DEFAULT '[]' CHECK (json_type(mentions) = 'array'),
        created_at INTEGER NOT NULL,
        edited_at INTEGER
      ) STRICT;
      CREATE INDEX comments_by_thread ON comments (thread_id, created_at);
    `,
  },
  {
    version: 7,
    name: 'trash and automatic versions',
    sql: `
      -- A document in the trash keeps every row (content, members, versions, comments) and is
      -- hidden from every read but the trash's own; deleted_by is who put it there.
      ALTER TABLE documents ADD COLUMN deleted_at INTEGER;
      ALTER TABLE documents ADD COLUMN deleted_by TEXT REFERENCES users (id) ON DELETE SET NULL;
      CREATE INDEX documents_trashed ON documents (deleted_at) WHERE deleted_at IS NOT NULL;

      -- The reason CHECK cannot be altered, so doc_versions is rebuilt as migration 6 rebuilt
      -- doc_members: rows copied with their rowids (the list breaks created_at ties by rowid),
      -- old table dropped (nothing references it), new one renamed, index recreated.
      -- authors: the user ids whose edits the version holds since the one before it (JSON array).
      CREATE TABLE doc_versions_v7 (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('manual', 'before-restore', 'auto')),
        author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
        state BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        authors TEXT NOT NULL DEFAULT '[]' CHECK (json_type(authors) = 'array')
      ) STRICT;
      INSERT INTO doc_versions_v7 (rowid, id, doc_id, label, reason, author_id, state, created_at)
        SELECT rowid, id, doc_id, label, reason, author_id, state, created_at FROM doc_versions;
      DROP TABLE doc_versions;
      ALTER TABLE doc_versions_v7 RENAME TO doc_versions;
      CREATE INDEX doc_versions_by_doc ON doc_versions (doc_id, created_at DESC);
    `,
  },
  {
    version: 8,
    name: 'full-text search',
    sql: `
      -- One FTS5 row per document: its title and its plain text (documents/doc-text.ts).
      -- unicode61 with remove_diacritics 2 folds case and accents ('Café' finds 'cafe').
      -- A regular (not contentless) table: snippet() reads the text it keeps. Prefix indexes
      -- for 2 to 4 characters: the last word of a query is a prefix, and without them FTS5
      -- merges the position lists of every term it expands to ("co*" is hundreds of terms,
      -- seconds over 10,000 long documents); they cost about 20 % more index each.
      CREATE VIRTUAL TABLE search_index USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
      );

      -- Which document an FTS row holds (search_index.rowid = id: an INTEGER PRIMARY KEY
      -- survives VACUUM, the rowid of documents does not) and the stored state it was read
      -- from: start-up re-indexes a document whose last_seq or updated_at moved on since.
      CREATE TABLE search_docs (
        id INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
        indexed_seq INTEGER NOT NULL,
        indexed_updated_at INTEGER NOT NULL
      ) STRICT;
      -- The cascade from documents fires this too: a deleted document leaves the index with it.
      CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
        DELETE FROM search_index WHERE rowid = old.id;
      END;
    `,
  },
  {
    version: 9,
    name: 'images',
    sql: `
      -- Images uploaded into a document (API.md §8), bytes and all: one file to back up, and
      -- the cascade purges them with their document. UNIQUE (doc_id, sha256) stores identical
      -- bytes once per document and is the index for a document's images. content_type is
      -- what the server sniffed from the bytes.
      CREATE TABLE doc_images (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        uploader_id TEXT REFERENCES users (id) ON DELETE SET NULL,
        sha256 TEXT NOT NULL,
        content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
        size INTEGER NOT NULL CHECK (size = length(data)),
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (doc_id, sha256)
      ) STRICT;
    `,
  },
  {
    version: 10,
    name: 'last editor of each document',
    sql: `
      -- Who last changed a document's text, and when (the list shows "Edited 5 min ago by
      -- Ben"). updated_at also moves on a rename, so the edit has its own time. Written
      -- in batches a moment after the edits (documents/last-editors.ts), not per update.
      ALTER TABLE documents ADD COLUMN last_editor_id TEXT REFERENCES users (id) ON DELETE SET NULL;
      ALTER TABLE documents ADD COLUMN edited_at INTEGER;
    `,
  },
  {
    version: 11,
    name: 'snapshot checksums',
    sql: `
      -- CRC-32 of the snapshot as the server encoded it from a live document. A snapshot whose
      -- bytes still match can be served before it is built (docs/protocol.md, "Damaged
      -- storage"); NULL (older rows, doctor's salvage) or a mismatch means: build it first.
      ALTER TABLE doc_snapshots ADD COLUMN checksum INTEGER;
    `,
  },
];
