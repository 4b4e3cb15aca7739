// The document rows as both backends read them (documents, the trash, list entries) and the
// records made from them.
import type { DocListRecord, DocRecord, PersonRecord, TrashedDocRecord } from './document-store.ts';

export interface DocRow {
  id: string;
  title: string;
  created_at: number;
  updated_at: number;
}

export const toDocRecord = (row: DocRow): DocRecord => ({
  id: row.id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface TrashedRow extends DocRow {
  deleted_at: number;
  deleted_by: string | null;
}

export const toTrashedRecord = (row: TrashedRow): TrashedDocRecord => ({
  ...toDocRecord(row),
  deletedAt: row.deleted_at,
  deletedBy: row.deleted_by,
});

export interface ListEntryRow extends DocRow {
  role: DocListRecord['role'];
  edited_at: number | null;
  owner_id: string | null;
  owner_name: string | null;
  owner_color: string | null;
  editor_id: string | null;
  editor_name: string | null;
  editor_color: string | null;
  text_start: string | null;
}

export const person = (id: string | null, name: string | null, color: string | null): PersonRecord | null =>
  id === null || name === null || color === null ? null : { id, name, color };

export const toListRecord = (row: ListEntryRow): DocListRecord => ({
  ...toDocRecord(row),
  role: row.role,
  owner: person(row.owner_id, row.owner_name, row.owner_color),
  lastEditor: person(row.editor_id, row.editor_name, row.editor_color),
  editedAt: row.edited_at,
  textStart: row.text_start ?? '',
});

/** Characters of indexed text read per list entry: enough for a snippet after whitespace is folded. */
export const TEXT_START_CHARS = 400;
