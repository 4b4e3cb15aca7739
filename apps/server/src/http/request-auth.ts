import type { RequestHandler, Response } from 'express';
import type { Authenticated, AuthService } from '../auth/auth-service.ts';
import { isForeignOrigin } from '../auth/origin.ts';
import { readSessionToken, SESSION_TTL_MS, sessionCookie } from '../auth/session-tokens.ts';
import { HttpError } from './http-error.ts';

/** The caller of a request that passed requireUser. */
export function authOf(res: Response): Authenticated {
  const auth = res.locals.auth as Authenticated | undefined;
  if (!auth) throw new Error('authOf() outside requireUser');
  return auth;
}

export function requireUser(auth: AuthService, secureCookies: boolean): RequestHandler {
  return async (req, res, next) => {
    const token = readSessionToken(req.headers.cookie);
    const found = await auth.authenticate(token);
    if (!found) return next(new HttpError('UNAUTHORIZED', 'Sign in to continue'));
    if (found.refreshed && token) {
      res.append('Set-Cookie', sessionCookie(token, { secure: secureCookies, maxAgeMs: SESSION_TTL_MS }));
    }
    res.locals.auth = found;
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** CSRF: a state-changing request sent by a page of another origin gets 403. */
export function rejectForeignOrigins(allowed: () => Set<string>): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const foreign = isForeignOrigin(
      { origin: req.headers.origin, 'sec-fetch-site': req.headers['sec-fetch-site'] as string | undefined },
      allowed(),
    );
    if (foreign) return next(new HttpError('FORBIDDEN', 'Cross-origin request refused'));
    next();
  };
}
