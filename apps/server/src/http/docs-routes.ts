import { randomBytes } from 'node:crypto';
import {
  CloseCode,
  createDocBodySchema,
  isDocId,
  renameDocBodySchema,
  type Doc,
} from '@inkwell/protocol';
import { Router, type Request } from 'express';
import type { z } from 'zod';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { DocRecord, Storage } from '../storage/storage.ts';
import { HttpError } from './http-error.ts';

/** 16 URL-safe characters = 96 random bits: unguessable and within DOC_ID_PATTERN. */
export const newDocId = (): string => randomBytes(12).toString('base64url');

export const toApiDoc = (record: DocRecord): Doc => ({
  id: record.id,
  title: record.title,
  // Anonymous until accounts exist: whoever can reach the server owns every document.
  role: 'owner',
  createdAt: new Date(record.createdAt).toISOString(),
  updatedAt: new Date(record.updatedAt).toISOString(),
});

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new HttpError('BAD_REQUEST', `${where}${issue?.message ?? 'Invalid request body'}`);
}

function docIdParam(req: Request): string {
  const id = req.params.id;
  if (!isDocId(id)) throw new HttpError('INVALID_DOC_ID', 'Malformed document id');
  return id;
}

async function requireDoc(storage: Storage, id: string): Promise<DocRecord> {
  const record = await storage.getDoc(id);
  if (!record) throw new HttpError('DOC_NOT_FOUND', 'No such document');
  return record;
}

export function docsRouter(storage: Storage, registry: RoomRegistry): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json({ docs: (await storage.listDocs()).map(toApiDoc) });
  });

  router.post('/', async (req, res) => {
    const { title } = parseBody(createDocBodySchema, req.body);
    const now = Date.now();
    const record = await storage.createDoc({ id: newDocId(), title, createdAt: now, updatedAt: now });
    res.status(201).location(`${req.baseUrl}/${record.id}`).json(toApiDoc(record));
  });

  router.get('/:id', async (req, res) => {
    res.json(toApiDoc(await requireDoc(storage, docIdParam(req))));
  });

  router.patch('/:id', async (req, res) => {
    const id = docIdParam(req);
    const { title } = parseBody(renameDocBodySchema, req.body);
    const record = await storage.renameDoc(id, title, Date.now());
    if (!record) throw new HttpError('DOC_NOT_FOUND', 'No such document');
    res.json(toApiDoc(record));
  });

  router.delete('/:id', async (req, res) => {
    const id = docIdParam(req);
    await requireDoc(storage, id);
    // Close the room first so no write for the doc lands after its rows are gone.
    registry.evict(id, CloseCode.DOC_DELETED, 'document deleted');
    await storage.deleteDoc(id);
    res.status(204).end();
  });

  return router;
}
