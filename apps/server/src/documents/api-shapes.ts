// Stored records as the API shows them (HTTP bodies and RPC results alike).
import { DOC_SNIPPET_LENGTH, type Doc, type DocListEntry, type TrashedDoc, type Version } from '@inkwell/protocol';
import type { DocListRecord, DocRecord, TrashedDocRecord } from '../storage/document-store.ts';
import type { Role } from '../storage/member-store.ts';
import type { VersionSummary } from '../storage/version-store.ts';

export const toApiDoc = (record: DocRecord, role: Role): Doc => ({
  id: record.id,
  title: record.title,
  role,
  createdAt: new Date(record.createdAt).toISOString(),
  updatedAt: new Date(record.updatedAt).toISOString(),
});

/** The start of a text as one line: whitespace folded, cut at a word near the limit, "…" when cut. */
export function snippetOf(text: string, max = DOC_SNIPPET_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // A word cut in half reads worse than a slightly shorter snippet, unless that loses a lot.
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A list entry: `owner`, `lastEditor` and `editedAt` only when known, `snippet` always. */
export function toApiDocListEntry(record: DocListRecord): DocListEntry {
  const entry: DocListEntry = { ...toApiDoc(record, record.role), snippet: snippetOf(record.textStart) };
  if (record.owner) entry.owner = record.owner;
  if (record.lastEditor && record.editedAt !== null) {
    entry.lastEditor = record.lastEditor;
    entry.editedAt = new Date(record.editedAt).toISOString();
  }
  return entry;
}

/** Stored reasons keep their first names; the API says what kind of version it is. */
const VERSION_KINDS: Record<VersionSummary['reason'], Version['kind']> = {
  manual: 'named',
  'before-restore': 'restore',
  auto: 'auto',
};

export const toApiVersion = (v: VersionSummary): Version => ({
  id: v.id,
  docId: v.docId,
  label: v.label,
  kind: VERSION_KINDS[v.reason],
  author: v.author,
  authors: v.authors,
  createdAt: new Date(v.createdAt).toISOString(),
});

/** `purgeAt` is when the automatic purge takes it: `retentionMs` after it was trashed. */
export const toApiTrashedDoc = (record: TrashedDocRecord, retentionMs: number): TrashedDoc => ({
  id: record.id,
  title: record.title,
  deletedAt: new Date(record.deletedAt).toISOString(),
  purgeAt: new Date(record.deletedAt + retentionMs).toISOString(),
});
