// /api/search: the HTTP edge of document search (API.md §6). `q` is parsed here (missing,
// blank, repeated or over SEARCH_QUERY_MAX_LENGTH is a 400); whatever else it holds is words
// to the storage query builder (storage/fts-query.ts), never search syntax.
import { searchQuerySchema } from '@inkwell/protocol';
import { Router } from 'express';
import type { DocumentsService } from '../documents/documents-service.ts';
import { HttpError } from './http-error.ts';
import { authOf } from './request-auth.ts';

export function searchRouter(documents: DocumentsService): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const raw: unknown = req.query.q;
    // `?q=a&q=b` arrives as an array: one query, one string.
    if (typeof raw !== 'string') throw new HttpError('BAD_REQUEST', 'q: Type something to search for');
    const parsed = searchQuerySchema.safeParse(raw);
    if (!parsed.success) throw new HttpError('BAD_REQUEST', `q: ${parsed.error.issues[0]?.message ?? 'Invalid search'}`);
    res.json(await documents.search(authOf(res).user.id, parsed.data));
  });

  return router;
}
