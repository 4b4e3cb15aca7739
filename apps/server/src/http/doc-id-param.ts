import { isDocId } from '@inkwell/protocol';
import type { Request } from 'express';
import { HttpError } from './http-error.ts';

/** The `:id` of a document route: 400 before any lookup when it cannot be a document id. */
export function docIdParam(req: Request): string {
  const id = req.params.id;
  if (!isDocId(id)) throw new HttpError('INVALID_DOC_ID', 'Malformed document id');
  return id;
}
