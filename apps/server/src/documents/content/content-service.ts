// A document's content in and out (API.md §6): export as Markdown, HTML or ProseMirror JSON,
// import Markdown as a new document, and the content API, which reads the live state and
// writes Markdown into it as an ordinary edit through the room. Every conversion uses the one
// shared schema (@inkwell/editor-schema); the HTTP edge (http/content-routes.ts) only parses
// and answers.
import type { Doc, ExportFormat, PublicUser, WriteContentBody } from '@inkwell/protocol';
import * as Y from 'yjs';
import { ProtocolError } from '../../errors.ts';
import { RestoreOrigin } from '../../rooms/restore-origin.ts';
import type { Room } from '../../rooms/room.ts';
import type { RoomRegistry } from '../../rooms/room-registry.ts';
import type { StoredStateReport } from '../../rooms/stored-state.ts';
import type { DocumentStore, StoredDocState } from '../../storage/document-store.ts';
import { DocDamagedError } from '../../storage/errors.ts';
import type { Role } from '../../storage/member-store.ts';
import type { DocumentsService } from '../documents-service.ts';
import { requireEditor } from '../permissions.ts';
import { ConversionError, type ConversionPool } from './conversion-pool.ts';
import type { ConversionJob, ReadResult } from './conversions.ts';

/**
 * Transaction origin of a content API write: the room attributes it to `user` as if they had
 * typed it (activity, mention watch), the way it does a restore.
 */
export class ContentWriteOrigin extends RestoreOrigin {}

export interface ExportedDoc {
  body: string;
  contentType: string;
  /** File name extension, without the dot. */
  extension: string;
}

export interface ContentServiceDeps {
  storage: DocumentStore;
  /** A function for the same reason as DocumentsDeps.rooms: the registry is built later. */
  rooms: () => RoomRegistry;
  documents: DocumentsService;
  /** Where the conversions run: worker threads (conversion-pool.ts). */
  conversions: Pick<ConversionPool, 'run'>;
  storedState?: StoredStateReport;
}

/**
 * A write is converted against a copy of the room's state; when the room changed meanwhile it
 * is converted again, this many times in all, and then applied as it is, the way a client's
 * edit that crossed others' is (Yjs merges them).
 */
const WRITE_ATTEMPTS = 3;

const EXPORT_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
};

/**
 * The conversions run in worker threads (conversions.ts, conversion-pool.ts); the main thread
 * reads and stores bytes and applies the finished Yjs update to the room, nothing more.
 */
export class ContentService {
  constructor(private readonly deps: ContentServiceDeps) {}

  /**
   * `{json, text, markdown}` of the live state (the open room's document, else what is
   * stored), as JSON text: a DocContent serialized by the worker, sent as it is.
   */
  async read(docId: string): Promise<string> {
    return (await this.readAs(docId, { format: 'content' })).body;
  }

  async export(docId: string, title: string, format: ExportFormat): Promise<ExportedDoc> {
    const { body } = await this.readAs(docId, { format, title });
    return { body, contentType: EXPORT_TYPES[format], extension: format };
  }

  /**
   * A new document owned by `owner` holding `markdown`, stored before this resolves. The
   * title is `title` when given, else the first heading's text, else "Untitled".
   */
  async import(owner: PublicUser, title: string | undefined, markdown: string): Promise<Doc> {
    // Converted first: Markdown that cannot be read creates no document.
    const converted = await this.deps.conversions.run({ kind: 'import', markdown });
    // Stored as the new document's first update, not applied through a room: nobody can have
    // it open yet, and integrating a 5 MB import into a Y.Doc is seconds of main-thread work.
    // The answer is the new doc, not its content: converting it back would double the work.
    return this.deps.documents.create(owner.id, title?.trim() || converted.title, converted.update);
  }

  /**
   * Appends `markdown` to the live document or replaces its content with it (editors and
   * owner), as one edit through the room: live clients get it at once, and it is stored
   * before it is relayed and before this resolves. Answers the content after the edit, as
   * read() does.
   */
  async writeMarkdown(docId: string, user: PublicUser, role: Role, { markdown, mode }: WriteContentBody): Promise<string> {
    requireEditor(role, 'change the content');
    // The room if it is open, loaded for this edit if not (and unloaded, stored, after it).
    const lease = this.deps.rooms().acquire(docId);
    try {
      const room = await lease.room;
      if (!room) throw new ProtocolError('NOT_FOUND', 'No such document');
      const update = await this.convertWrite(room, markdown, mode);
      if (update) Y.applyUpdate(room.doc, update, new ContentWriteOrigin(user));
      await room.flushed();
      return (await this.convert({ update: Y.encodeStateAsUpdate(room.doc) }, { format: 'content' })).body;
    } finally {
      lease.release();
    }
  }

  /**
   * The plain text of stored rows, for the search index (SearchIndexerOptions.storedText):
   * null while the workers are busy or the conversion timed out, so it is tried again later.
   */
  async storedText(docId: string, stored: StoredDocState): Promise<string | null> {
    try {
      return (await this.deps.conversions.run({ kind: 'text', source: { docId, stored } })).text;
    } catch (err) {
      if (err instanceof ConversionError && err.code === 'UNAVAILABLE') return null;
      throw err;
    }
  }

  /** The edit as an update of the room's current state (see WRITE_ATTEMPTS). */
  private async convertWrite(room: Room, markdown: string, mode: WriteContentBody['mode']): Promise<Uint8Array | null> {
    for (let attempt = 1; ; attempt++) {
      let changed = false;
      const onUpdate = () => {
        changed = true;
      };
      const state = Y.encodeStateAsUpdate(room.doc);
      room.doc.on('update', onUpdate);
      let update: Uint8Array | null;
      try {
        ({ update } = await this.deps.conversions.run({ kind: 'write', markdown, mode, state }, movable(state)));
      } finally {
        room.doc.off('update', onUpdate);
      }
      if (room.isClosed) throw new ConversionError('UNAVAILABLE', 'The document was closed while the content was converted; try again');
      if (!changed || attempt >= WRITE_ATTEMPTS) return update;
    }
  }

  /** The live state when the room is open (never behind storage), else the stored rows, converted in a worker. */
  private async readAs(docId: string, output: Extract<ConversionJob, { kind: 'read' }>['output']): Promise<ReadResult> {
    const room = this.deps.rooms().loaded(docId);
    if (room) return this.convert({ update: Y.encodeStateAsUpdate(room.doc) }, output);
    const stored = await this.deps.storage.loadDocState(docId);
    if (!stored) throw new ProtocolError('NOT_FOUND', 'No such document');
    // The worker checks the rows the way a room load does: a damaged document is
    // DocDamagedError (503 DOC_DAMAGED), never a blank read.
    try {
      const result = await this.convert({ docId, stored }, output);
      this.deps.storedState?.readable(docId);
      return result;
    } catch (err) {
      if (err instanceof DocDamagedError) this.deps.storedState?.damaged(err);
      throw err;
    }
  }

  private convert(
    source: Extract<ConversionJob, { kind: 'read' }>['source'],
    output: Extract<ConversionJob, { kind: 'read' }>['output'],
  ): Promise<ReadResult> {
    return this.deps.conversions.run({ kind: 'read', source, output }, 'update' in source ? movable(source.update) : []);
  }
}

/**
 * An encoded state made for the job, moved to the worker rather than copied, when it owns its
 * whole buffer (moving a shared one would empty its other views).
 */
const movable = (bytes: Uint8Array): ArrayBuffer[] =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
