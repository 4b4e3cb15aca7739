import { CloseCode, loginBodySchema, registerBodySchema } from '@inkwell/protocol';
import { type Request, type Response, Router } from 'express';
import { AttemptLimiter } from '../auth/attempt-limiter.ts';
import { type AuthService, toApiUser } from '../auth/auth-service.ts';
import { clearedSessionCookie, readSessionToken, SESSION_TTL_MS, sessionCookie } from '../auth/session-tokens.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { EmailTakenError } from '../storage/errors.ts';
import { HttpError } from './http-error.ts';
import { parseBody } from './parse-body.ts';
import { authOf, requireUser } from './request-auth.ts';

/** Login attempts allowed per e-mail and per client address in each window. */
export const LOGIN_LIMITS = { perEmail: 10, perIp: 50, windowMs: 15 * 60 * 1000 };

export interface AuthRoutesOptions {
  auth: AuthService;
  registry: RoomRegistry;
  secureCookies: boolean;
  limits?: typeof LOGIN_LIMITS;
}

export function authRouter({ auth, registry, secureCookies, limits = LOGIN_LIMITS }: AuthRoutesOptions): Router {
  const router = Router();
  const byEmail = new AttemptLimiter(limits.perEmail, limits.windowMs);
  const byIp = new AttemptLimiter(limits.perIp, limits.windowMs);
  const setCookie = (res: Response, token: string) =>
    res.append('Set-Cookie', sessionCookie(token, { secure: secureCookies, maxAgeMs: SESSION_TTL_MS }));

  const checkLimit = (res: Response, result: ReturnType<AttemptLimiter['hit']>) => {
    if (result.allowed) return;
    res.setHeader('Retry-After', String(result.retryAfterSec));
    throw new HttpError('RATE_LIMITED', `Too many sign-in attempts; try again in ${result.retryAfterSec} s`);
  };

  router.post('/auth/register', async (req, res) => {
    const body = parseBody(registerBodySchema, req.body);
    try {
      const { user, token } = await auth.register(body);
      setCookie(res, token);
      res.status(201).json({ user: toApiUser(user) });
    } catch (err) {
      if (err instanceof EmailTakenError) throw new HttpError('EMAIL_TAKEN', 'An account with this e-mail already exists');
      throw err;
    }
  });

  router.post('/auth/login', async (req: Request, res) => {
    const body = parseBody(loginBodySchema, req.body);
    const emailKey = body.email.toLowerCase();
    checkLimit(res, byIp.hit(req.socket.remoteAddress ?? 'unknown'));
    checkLimit(res, byEmail.hit(emailKey));
    const found = await auth.login(body.email, body.password);
    if (!found) throw new HttpError('INVALID_CREDENTIALS', 'Wrong e-mail or password');
    byEmail.reset(emailKey);
    setCookie(res, found.token);
    res.json({ user: toApiUser(found.user) });
  });

  router.post('/auth/logout', async (req, res) => {
    const found = await auth.authenticate(readSessionToken(req.headers.cookie));
    if (found) {
      await auth.logout(found.session.tokenHash);
      registry.closeSession(found.session.tokenHash, CloseCode.SESSION_ENDED, 'signed out');
    }
    res.append('Set-Cookie', clearedSessionCookie(secureCookies));
    res.status(204).end();
  });

  router.get('/me', requireUser(auth, secureCookies), (_req, res) => {
    res.json({ user: toApiUser(authOf(res).user) });
  });

  return router;
}
