// /api/trash (API.md §6): the HTTP edge of the documents service's trash. Only a document's
// owner sees it here; for anyone else a trashed document does not exist (404).
import { Router } from 'express';
import type { DocumentsService } from '../documents/documents-service.ts';
import { docIdParam } from './doc-id-param.ts';
import { authOf } from './request-auth.ts';

export function trashRouter(documents: DocumentsService): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json({ docs: await documents.trash.list(authOf(res).user.id) });
  });

  router.post('/:id/restore', async (req, res) => {
    res.json(await documents.trash.restore(docIdParam(req), authOf(res).user.id));
  });

  router.delete('/:id', async (req, res) => {
    await documents.trash.purge(docIdParam(req), authOf(res).user.id);
    res.status(204).end();
  });

  return router;
}
