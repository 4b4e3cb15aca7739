// The caller's notifications (API.md §2): list, mark one read, mark all read.
import { Router } from 'express';
import type { NotificationService } from '../notifications/notification-service.ts';
import { HttpError } from './http-error.ts';
import { authOf } from './request-auth.ts';

/** Ids are 16 URL-safe characters; anything unlike one is simply not found. */
const NOTIFICATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Mount behind requireUser. */
export function notificationsRouter(notifications: NotificationService): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    res.json(await notifications.list(authOf(res).user.id));
  });

  router.post('/read-all', async (_req, res) => {
    await notifications.markAllRead(authOf(res).user.id);
    res.status(204).end();
  });

  router.post('/:id/read', async (req, res) => {
    const id = String(req.params.id);
    const found = NOTIFICATION_ID.test(id) && (await notifications.markRead(authOf(res).user.id, id));
    if (!found) throw new HttpError('NOTIFICATION_NOT_FOUND', 'No such notification');
    res.status(204).end();
  });

  return router;
}
