// /api/docs: the HTTP edge of the documents service. Each route parses its input, calls the
// service and answers with the result; the service's ProtocolErrors become HTTP errors in
// errorHandler (http-error.ts).
import {
  createDocBodySchema,
  createVersionBodySchema,
  diffAgainstSchema,
  putMemberBodySchema,
  renameDocBodySchema,
} from '@inkwell/protocol';
import { type Request, type Response, Router } from 'express';
import { toApiDoc } from '../documents/api-shapes.ts';
import type { CommentsService } from '../documents/comments-service.ts';
import type { DocAccess, DocumentsService } from '../documents/documents-service.ts';
import { commentsRouter } from './comments-routes.ts';
import { docIdParam } from './doc-id-param.ts';
import { HttpError } from './http-error.ts';
import { parseBody } from './parse-body.ts';
import { authOf } from './request-auth.ts';

export function docsRouter(documents: DocumentsService, comments: CommentsService): Router {
  const router = Router();
  router.use('/:id/comments', commentsRouter(documents, comments));

  /** 404 also when the caller has no access; checked before the body is read. */
  const access = (req: Request, res: Response, need?: 'owner'): Promise<DocAccess> =>
    documents.access(docIdParam(req), authOf(res).user.id, need);

  router.get('/', async (_req, res) => {
    res.json({ docs: await documents.list(authOf(res).user.id) });
  });

  router.post('/', async (req, res) => {
    const { title } = parseBody(createDocBodySchema, req.body);
    const doc = await documents.create(authOf(res).user.id, title);
    res.status(201).location(`${req.baseUrl}/${doc.id}`).json(doc);
  });

  router.get('/:id', async (req, res) => {
    const { doc, role } = await access(req, res);
    res.json(toApiDoc(doc, role));
  });

  router.patch('/:id', async (req, res) => {
    const { doc, role } = await access(req, res);
    const { title } = parseBody(renameDocBodySchema, req.body);
    // Same path as the socket's doc.rename: open tabs get the new title pushed.
    res.json(await documents.rename(doc.id, title, role));
  });

  router.get('/:id/versions', async (req, res) => {
    const { doc } = await access(req, res);
    res.json({ versions: await documents.listVersions(doc.id) });
  });

  router.post('/:id/versions', async (req, res) => {
    const { doc, role } = await access(req, res);
    const { label } = parseBody(createVersionBodySchema, req.body ?? {});
    const user = authOf(res).user;
    const version = await documents.createVersion(doc.id, { id: user.id, name: user.name, color: user.color }, role, label);
    res.status(201).json(version);
  });

  router.get('/:id/versions/:versionId/diff', async (req, res) => {
    const { doc } = await access(req, res);
    const against = diffAgainstSchema.safeParse(req.query.against);
    if (!against.success) throw new HttpError('BAD_REQUEST', 'against must be previous or current');
    res.json(await documents.diffVersion(doc.id, String(req.params.versionId), against.data));
  });

  router.delete('/:id', async (req, res) => {
    // Into the trash (API.md §6); /api/trash restores or purges it.
    await documents.delete(await access(req, res), authOf(res).user.id);
    res.status(204).end();
  });

  router.get('/:id/members', async (req, res) => {
    const { doc } = await access(req, res);
    res.json({ members: await documents.members(doc.id) });
  });

  router.put('/:id/members', async (req, res) => {
    // The owner check comes before the body is read: a non-owner learns nothing from it.
    const owned = await access(req, res, 'owner');
    const body = parseBody(putMemberBodySchema, req.body);
    res.json({ member: await documents.share(owned, authOf(res).user, body.email, body.role) });
  });

  router.delete('/:id/members/:userId', async (req, res) => {
    await documents.unshare(await access(req, res), authOf(res).user.id, String(req.params.userId));
    res.status(204).end();
  });

  return router;
}
