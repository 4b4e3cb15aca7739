// /api/docs/:id/comments (API.md §7): the HTTP edge of the comments service, the same
// operations as the socket's `comment.*` RPC methods. Access is checked before a body is
// read: a stranger gets 404 whatever they send.
import { commentTextBodySchema, createThreadBodySchema, type PublicUser, resolveThreadBodySchema } from '@inkwell/protocol';
import { type Request, type Response, Router } from 'express';
import type { CommentsService } from '../documents/comments-service.ts';
import type { DocAccess, DocumentsService } from '../documents/documents-service.ts';
import { docIdParam } from './doc-id-param.ts';
import { parseBody } from './parse-body.ts';
import { authOf } from './request-auth.ts';

export function commentsRouter(documents: DocumentsService, comments: CommentsService): Router {
  const router = Router({ mergeParams: true });

  const access = (req: Request, res: Response): Promise<DocAccess> => documents.access(docIdParam(req), authOf(res).user.id);
  const actor = (res: Response): PublicUser => {
    const { id, name, color } = authOf(res).user;
    return { id, name, color };
  };
  const param = (req: Request, name: 'threadId' | 'commentId'): string => String(req.params[name]);

  router.get('/', async (req, res) => {
    const { doc } = await access(req, res);
    res.json({ threads: await comments.list(doc.id) });
  });

  router.post('/', async (req, res) => {
    const { doc, role } = await access(req, res);
    const body = parseBody(createThreadBodySchema, req.body);
    res.status(201).json(await comments.create(doc.id, actor(res), role, body));
  });

  router.patch('/:threadId', async (req, res) => {
    const { doc, role } = await access(req, res);
    const { resolved } = parseBody(resolveThreadBodySchema, req.body);
    res.json(await comments.resolve(doc.id, param(req, 'threadId'), actor(res), role, resolved));
  });

  router.post('/:threadId/replies', async (req, res) => {
    const { doc, role } = await access(req, res);
    const body = parseBody(commentTextBodySchema, req.body);
    res.status(201).json(await comments.reply(doc.id, param(req, 'threadId'), actor(res), role, body));
  });

  router.patch('/:threadId/replies/:commentId', async (req, res) => {
    const { doc, role } = await access(req, res);
    const body = parseBody(commentTextBodySchema, req.body);
    res.json(await comments.edit(doc.id, param(req, 'threadId'), param(req, 'commentId'), actor(res), role, body));
  });

  router.delete('/:threadId/replies/:commentId', async (req, res) => {
    const { doc, role } = await access(req, res);
    await comments.delete(doc.id, param(req, 'threadId'), param(req, 'commentId'), actor(res), role);
    res.status(204).end();
  });

  return router;
}
