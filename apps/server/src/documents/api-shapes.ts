// Stored records as the API shows them (HTTP bodies and RPC results alike).
import type { Doc, TrashedDoc, Version } from '@inkwell/protocol';
import type { DocRecord, TrashedDocRecord } from '../storage/document-store.ts';
import type { Role } from '../storage/member-store.ts';
import type { VersionSummary } from '../storage/version-store.ts';

export const toApiDoc = (record: DocRecord, role: Role): Doc => ({
  id: record.id,
  title: record.title,
  role,
  createdAt: new Date(record.createdAt).toISOString(),
  updatedAt: new Date(record.updatedAt).toISOString(),
});

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
