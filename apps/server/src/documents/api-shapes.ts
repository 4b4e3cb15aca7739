// Stored records as the API shows them (HTTP bodies and RPC results alike).
import type { Doc, Version } from '@inkwell/protocol';
import type { DocRecord } from '../storage/document-store.ts';
import type { Role } from '../storage/member-store.ts';
import type { VersionSummary } from '../storage/version-store.ts';

export const toApiDoc = (record: DocRecord, role: Role): Doc => ({
  id: record.id,
  title: record.title,
  role,
  createdAt: new Date(record.createdAt).toISOString(),
  updatedAt: new Date(record.updatedAt).toISOString(),
});

export const toApiVersion = (v: VersionSummary): Version => ({
  id: v.id,
  docId: v.docId,
  label: v.label,
  reason: v.reason,
  author: v.author,
  createdAt: new Date(v.createdAt).toISOString(),
});
