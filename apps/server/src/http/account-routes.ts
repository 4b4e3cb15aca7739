// The settings page's routes (docs/protocol.md "Account settings"): PATCH /api/me renames the
// signed-in person, POST /api/me/password changes their password. Mount behind requireUser.
import { CloseCode, changePasswordBodySchema, updateMeBodySchema } from '@inkwell/protocol';
import { type Response, Router } from 'express';
import { AttemptLimiter } from '../auth/attempt-limiter.ts';
import { type AuthService, toApiUser } from '../auth/auth-service.ts';
import type { StreamRegistry } from '../events/stream-registry.ts';
import type { UserEventLog } from '../events/user-event-log.ts';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { LOGIN_LIMITS } from './auth-routes.ts';
import { HttpError } from './http-error.ts';
import { parseBody } from './parse-body.ts';
import { authOf } from './request-auth.ts';

export interface AccountRoutesOptions {
  auth: AuthService;
  registry: RoomRegistry;
  streams: StreamRegistry;
  eventLog: UserEventLog;
  logger: Logger;
  /** Wrong current passwords allowed per account and per address, as for sign-in. */
  limits?: typeof LOGIN_LIMITS;
}

export function accountRouter({ auth, registry, streams, eventLog, logger, limits = LOGIN_LIMITS }: AccountRoutesOptions): Router {
  const router = Router();
  const log = logger.child({ component: 'account' });
  // Someone holding a stolen session must not get to guess the password at leisure.
  const byUser = new AttemptLimiter(limits.perEmail, limits.windowMs);
  const byIp = new AttemptLimiter(limits.perIp, limits.windowMs);

  const checkLimit = (res: Response, result: ReturnType<AttemptLimiter['hit']>) => {
    if (result.allowed) return;
    res.setHeader('Retry-After', String(result.retryAfterSec));
    throw new HttpError('RATE_LIMITED', `Too many password attempts; try again in ${result.retryAfterSec} s`);
  };

  router.patch('/', async (req, res) => {
    const { name } = parseBody(updateMeBodySchema, req.body);
    const userId = authOf(res).user.id;
    const user = await auth.rename(userId, name);
    if (!user) throw new HttpError('UNAUTHORIZED', 'Your account no longer exists');
    // Rooms first: the tabs re-publish their awareness when the event reaches them, and the
    // server must stamp the new name on it by then.
    registry.renameUser(user.id, user.name);
    const publicUser = { id: user.id, name: user.name, color: user.color };
    try {
      const audience = await auth.audienceOf(user.id);
      await eventLog.publish(audience.map((id) => ({ userId: id, event: 'user' as const, data: { user: publicUser } })));
    } catch (err) {
      // The rename is stored; views that miss the event show it on their next refetch.
      log.error('could not announce a rename', { userId: user.id, err });
    }
    res.json({ user: toApiUser(user) });
  });

  router.post('/password', async (req, res) => {
    const body = parseBody(changePasswordBodySchema, req.body);
    const signedIn = authOf(res);
    checkLimit(res, byIp.hit(req.socket.remoteAddress ?? 'unknown'));
    checkLimit(res, byUser.hit(signedIn.user.id));
    const ended = await auth.changePassword(signedIn, body.currentPassword, body.newPassword);
    if (!ended) throw new HttpError('FORBIDDEN', 'Your current password is not right');
    byUser.reset(signedIn.user.id);
    // Like a logout of each of them: their sockets close with 4401 and their streams end.
    for (const sessionId of ended) {
      registry.closeSession(sessionId, CloseCode.SESSION_ENDED, 'password changed');
      streams.closeSession(sessionId);
    }
    res.status(204).end();
  });

  return router;
}
