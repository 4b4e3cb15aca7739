import { randomBytes } from 'node:crypto';
import {
  CloseCode,
  createDocBodySchema,
  isDocId,
  putMemberBodySchema,
  renameDocBodySchema,
  type Doc,
  type Role,
} from '@inkwell/protocol';
import { Router, type Request, type Response } from 'express';
import { toApiUser } from '../auth/auth-service.ts';
import type { DocEvents } from '../events/doc-events.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { DocRecord, Storage } from '../storage/storage.ts';
import { HttpError } from './http-error.ts';
import { parseBody } from './parse-body.ts';
import { authOf } from './request-auth.ts';

/** 16 URL-safe characters = 96 random bits: unguessable and within DOC_ID_PATTERN. */
export const newDocId = (): string => randomBytes(12).toString('base64url');

export const toApiDoc = (record: DocRecord, role: Role): Doc => ({
  id: record.id,
  title: record.title,
  role,
  createdAt: new Date(record.createdAt).toISOString(),
  updatedAt: new Date(record.updatedAt).toISOString(),
});

function docIdParam(req: Request): string {
  const id = req.params.id;
  if (!isDocId(id)) throw new HttpError('INVALID_DOC_ID', 'Malformed document id');
  return id;
}

const CAN_EDIT: ReadonlySet<Role> = new Set(['owner', 'editor']);

export function docsRouter(storage: Storage, registry: RoomRegistry, docEvents: DocEvents): Router {
  const router = Router();

  /** The document and the caller's role; 404 also when the caller has no access. */
  async function access(req: Request, res: Response): Promise<{ doc: DocRecord; role: Role }> {
    const id = docIdParam(req);
    const [doc, role] = await Promise.all([storage.getDoc(id), storage.getRole(id, authOf(res).user.id)]);
    if (!doc || !role) throw new HttpError('DOC_NOT_FOUND', 'No such document');
    return { doc, role };
  }

  function requireOwner(role: Role): void {
    if (role !== 'owner') throw new HttpError('FORBIDDEN', 'Only the owner can do this');
  }

  router.get('/', async (_req, res) => {
    const docs = await storage.listDocsForUser(authOf(res).user.id);
    res.json({ docs: docs.map((d) => toApiDoc(d, d.role)) });
  });

  router.post('/', async (req, res) => {
    const { title } = parseBody(createDocBodySchema, req.body);
    const now = Date.now();
    const ownerId = authOf(res).user.id;
    const record = await storage.createDoc({ id: newDocId(), title, createdAt: now, updatedAt: now }, ownerId);
    await docEvents.created(record, ownerId);
    res.status(201).location(`${req.baseUrl}/${record.id}`).json(toApiDoc(record, 'owner'));
  });

  router.get('/:id', async (req, res) => {
    const { doc, role } = await access(req, res);
    res.json(toApiDoc(doc, role));
  });

  router.patch('/:id', async (req, res) => {
    const { doc, role } = await access(req, res);
    if (!CAN_EDIT.has(role)) throw new HttpError('FORBIDDEN', 'Viewers cannot rename a document');
    const { title } = parseBody(renameDocBodySchema, req.body);
    const record = await storage.renameDoc(doc.id, title, Date.now());
    if (!record) throw new HttpError('DOC_NOT_FOUND', 'No such document');
    await docEvents.renamed(doc.id);
    res.json(toApiDoc(record, role));
  });

  router.delete('/:id', async (req, res) => {
    const { doc, role } = await access(req, res);
    requireOwner(role);
    // Read before the delete: the memberships go with the document.
    const memberIds = (await storage.listMembers(doc.id)).map((m) => m.user.id);
    // Close the room first so no write for the doc lands after its rows are gone.
    registry.evict(doc.id, CloseCode.DOC_DELETED, 'document deleted');
    await storage.deleteDoc(doc.id);
    await docEvents.deleted(doc.id, memberIds);
    res.status(204).end();
  });

  router.get('/:id/members', async (req, res) => {
    const { doc } = await access(req, res);
    const members = await storage.listMembers(doc.id);
    res.json({ members: members.map((m) => ({ user: toApiUser(m.user), role: m.role })) });
  });

  router.put('/:id/members', async (req, res) => {
    const { doc, role } = await access(req, res);
    requireOwner(role);
    const body = parseBody(putMemberBodySchema, req.body);
    const user = await storage.getUserByEmail(body.email);
    if (!user) throw new HttpError('USER_NOT_FOUND', `No account uses ${body.email}`);
    const actor = authOf(res).user;
    if (user.id === actor.id) throw new HttpError('BAD_REQUEST', 'You already own this document');
    const previous = await storage.getRole(doc.id, user.id);
    await storage.setMember(doc.id, user.id, body.role, Date.now());
    // A change of role applies to open sockets at once (editor → viewer stops their edits).
    registry.setRole(doc.id, user.id, body.role);
    if (!previous) {
      await docEvents.shared(doc, { id: actor.id, name: actor.name, color: actor.color }, user.id, body.role);
    } else if (previous !== body.role) {
      await docEvents.roleChanged(doc.id, user.id);
    }
    res.json({ member: { user: toApiUser(user), role: body.role } });
  });

  router.delete('/:id/members/:userId', async (req, res) => {
    const { doc, role } = await access(req, res);
    requireOwner(role);
    const userId = String(req.params.userId);
    if (userId === authOf(res).user.id) throw new HttpError('BAD_REQUEST', 'The owner cannot be removed');
    if (!(await storage.removeMember(doc.id, userId))) throw new HttpError('USER_NOT_FOUND', 'Not a member of this document');
    registry.closeUser(doc.id, userId, CloseCode.ACCESS_REVOKED, 'access revoked');
    await docEvents.unshared(doc.id, userId);
    res.status(204).end();
  });

  return router;
}
