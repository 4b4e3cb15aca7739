// Errors every storage implementation throws for the same conditions, so callers can tell
// them apart from a failing database without knowing which backend is in use.

export class EmailTakenError extends Error {
  constructor() {
    super('email is already registered');
    this.name = 'EmailTakenError';
  }
}

export class OwnerChangeError extends Error {
  constructor() {
    super("a document's owner cannot be changed or removed");
    this.name = 'OwnerChangeError';
  }
}

export class DocNotFoundError extends Error {
  constructor(readonly docId: string) {
    super(`document ${docId} does not exist`);
    this.name = 'DocNotFoundError';
  }
}

/** Which stored row of a document is damaged; `state` when every row decodes but together they do not load. */
export type DamagedRow = { kind: 'snapshot' } | { kind: 'update'; seq: number } | { kind: 'state' };

export const describeRow = (row: DamagedRow): string =>
  row.kind === 'update' ? `update seq ${row.seq}` : row.kind === 'snapshot' ? 'snapshot' : 'merged state';

/**
 * A document whose stored Yjs state cannot be read. It is never served (it would look empty)
 * and never written to (a compaction would overwrite the damaged row); `pnpm run doctor`
 * reports and salvages it.
 */
export class DocDamagedError extends Error {
  constructor(
    readonly docId: string,
    readonly row: DamagedRow,
    readonly reason: string,
  ) {
    super(`document ${docId} is damaged: ${describeRow(row)}: ${reason}`);
    this.name = 'DocDamagedError';
  }
}
