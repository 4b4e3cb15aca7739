import { randomBytes } from 'node:crypto';
import {
  CloseCode,
  createDocBodySchema,
  createVersionBodySchema,
  type ErrorCode,
  isDocId,
  type MemberList,
  putMemberBodySchema,
  type PutMemberResult,
  renameDocBodySchema,
  type Role,
} from '@inkwell/protocol';
import { Router, type Request, type Response } from 'express';
import { toApiUser } from '../auth/auth-service.ts';
import type { DocEvents } from '../events/doc-events.ts';
import { toApiDoc } from '../docs/doc-actions.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { ProtocolError } from '../rpc/protocol-error.ts';
import type { AppServices } from '../rpc/services.ts';
import type { DocRecord, Storage } from '../storage/storage.ts';
import { HttpError } from './http-error.ts';
import { parseBody } from './parse-body.ts';
import { authOf } from './request-auth.ts';

/** 16 URL-safe characters = 96 random bits: unguessable and within DOC_ID_PATTERN. */
export const newDocId = (): string => randomBytes(12).toString('base64url');

export { toApiDoc };

/** Runs a shared document action, turning its ProtocolErrors into HTTP errors. */
async function viaHttp<T>(action: Promise<T>, notFound: ErrorCode): Promise<T> {
  try {
    return await action;
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    const code: ErrorCode = err.code === 'NOT_FOUND' ? notFound : err.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'BAD_REQUEST';
    throw new HttpError(code, err.message);
  }
}

function docIdParam(req: Request): string {
  const id = req.params.id;
  if (!isDocId(id)) throw new HttpError('INVALID_DOC_ID', 'Malformed document id');
  return id;
}

export function docsRouter(storage: Storage, registry: RoomRegistry, services: AppServices, docEvents: DocEvents): Router {
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
    const { title } = parseBody(renameDocBodySchema, req.body);
    // Same path as the socket's doc.rename: open tabs get the new title pushed.
    res.json(await viaHttp(services.renameDoc(doc.id, title, role), 'DOC_NOT_FOUND'));
  });

  router.get('/:id/versions', async (req, res) => {
    const { doc } = await access(req, res);
    res.json({ versions: await services.listVersions(doc.id) });
  });

  router.post('/:id/versions', async (req, res) => {
    const { doc, role } = await access(req, res);
    const { label } = parseBody(createVersionBodySchema, req.body ?? {});
    const user = authOf(res).user;
    const version = await viaHttp(
      services.createVersion(doc.id, { id: user.id, name: user.name, color: user.color }, role, label),
      'DOC_NOT_FOUND',
    );
    res.status(201).json(version);
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
    res.json({ members: members.map((m) => ({ user: toApiUser(m.user), role: m.role })) } satisfies MemberList);
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
    registry.loaded(doc.id)?.pushInvalidate('members', 'shared');
    res.json({ member: { user: toApiUser(user), role: body.role } } satisfies PutMemberResult);
  });

  router.delete('/:id/members/:userId', async (req, res) => {
    const { doc, role } = await access(req, res);
    requireOwner(role);
    const userId = String(req.params.userId);
    if (userId === authOf(res).user.id) throw new HttpError('BAD_REQUEST', 'The owner cannot be removed');
    if (!(await storage.removeMember(doc.id, userId))) throw new HttpError('USER_NOT_FOUND', 'Not a member of this document');
    registry.closeUser(doc.id, userId, CloseCode.ACCESS_REVOKED, 'access revoked');
    await docEvents.unshared(doc.id, userId);
    registry.loaded(doc.id)?.pushInvalidate('members', 'unshared');
    res.status(204).end();
  });

  return router;
}
