// Accounts and sessions over HTTP (API.md §2), against the real server and SQLite file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../src/server.ts';
import { api, cleanup, signUp, startServer } from './support/helpers.ts';

afterEach(cleanup);

const errorOf = (code: string) => ({ error: { code, message: expect.any(String) } });
const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  api(base, path, { method: 'POST', body, headers, cookie: null });

describe('accounts', () => {
  it('registers, signs in and out, and answers /api/me only with a live session', async () => {
    const { url } = await startServer();
    const reg = await post(url, '/api/auth/register', { email: ' Ana@Example.test ', password: 'longenough', name: ' Ana ' });
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual({
      user: { id: expect.any(String), email: 'Ana@Example.test', name: 'Ana', color: expect.stringMatching(/^#/) },
    });
    const setCookie = reg.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^inkwell_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
    const cookie = setCookie.split(';')[0]!;

    expect(await api(url, '/api/me', { cookie })).toMatchObject({ status: 200, body: reg.body });
    expect(await api(url, '/api/me', { cookie: null })).toEqual({ status: 401, body: errorOf('UNAUTHORIZED') });
    expect((await api(url, '/api/me', { cookie: 'inkwell_session=forgedforgedforgedforgedforged' })).status).toBe(401);

    const login = await post(url, '/api/auth/login', { email: 'ana@example.TEST', password: 'longenough' });
    expect(login.status).toBe(200);
    const second = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(second).not.toBe(cookie);

    const out = await api(url, '/api/auth/logout', { method: 'POST', cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await api(url, '/api/me', { cookie })).status).toBe(401);
    expect((await api(url, '/api/me', { cookie: second })).status).toBe(200);
  });

  it('refuses a taken e-mail (any case), bad fields and wrong passwords with clear errors', async () => {
    const { url } = await startServer();
    await post(url, '/api/auth/register', { email: 'ben@example.test', password: 'longenough', name: 'Ben' });
    expect(await post(url, '/api/auth/register', { email: 'BEN@example.test', password: 'longenough', name: 'B' })).toMatchObject({
      status: 409,
      body: errorOf('EMAIL_TAKEN'),
    });
    const bad = [
      { email: 'not-an-email', password: 'longenough', name: 'X' },
      { email: 'x@example.test', password: 'short', name: 'X' },
      { email: 'x@example.test', password: 'longenough', name: '   ' },
      { email: 'x@example.test', password: 'longenough', name: 'x'.repeat(41) },
      { email: `${'x'.repeat(250)}@example.test`, password: 'longenough', name: 'X' },
      { email: 'x@example.test', password: 'p'.repeat(201), name: 'X' },
      { email: 'x@example.test', password: 'longenough', name: 'X', admin: true },
    ];
    for (const body of bad) {
      expect(await post(url, '/api/auth/register', body), JSON.stringify(body).slice(0, 60)).toMatchObject({
        status: 400,
        body: errorOf('BAD_REQUEST'),
      });
    }
    expect(await post(url, '/api/auth/login', { email: 'ben@example.test', password: 'wrong-password' })).toMatchObject({
      status: 401,
      body: errorOf('INVALID_CREDENTIALS'),
    });
    expect(await post(url, '/api/auth/login', { email: 'nobody@example.test', password: 'longenough' })).toMatchObject({
      status: 401,
      body: errorOf('INVALID_CREDENTIALS'),
    });
    expect((await post(url, '/api/auth/login', { email: 'x@example.test', password: 'longenough' })).status).toBe(401);
  });

  it('limits login attempts per e-mail with 429 and Retry-After', async () => {
    const { url } = await startServer();
    const user = await signUp(url);
    for (let i = 0; i < 10; i++) {
      expect((await post(url, '/api/auth/login', { email: user.email, password: 'wrong-password' })).status).toBe(401);
    }
    const limited = await post(url, '/api/auth/login', { email: user.email, password: user.password });
    expect(limited).toMatchObject({ status: 429, body: errorOf('RATE_LIMITED') });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not affected.
    const other = await signUp(url);
    expect((await post(url, '/api/auth/login', { email: other.email, password: other.password })).status).toBe(200);
  });

  it('stores only a scrypt hash of the password and a hash of the session token', async () => {
    const { url, dataDir, server } = await startServer();
    const reg = await post(url, '/api/auth/register', { email: 'cleo@example.test', password: 'tr0ub4dor&3-plaintext', name: 'Cleo' });
    const token = reg.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    await server.close();
    const db = new Database(join(dataDir, DB_FILE_NAME), { readonly: true });
    const row = db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    const sessions = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    db.close();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(sessions.map((s) => s.token_hash)).not.toContain(token);
    const bytes = readFileSync(join(dataDir, DB_FILE_NAME)).toString('latin1');
    expect(bytes).not.toContain('tr0ub4dor&3-plaintext');
    expect(bytes).not.toContain(token);
  });

  it('refuses state-changing requests from another origin (CSRF) with 403', async () => {
    const { url } = await startServer();
    const { cookie } = await signUp(url);
    const create = (headers: Record<string, string>) => api(url, '/api/docs', { method: 'POST', body: {}, cookie, headers });
    expect(await create({ origin: 'http://evil.example' })).toMatchObject({ status: 403, body: errorOf('FORBIDDEN') });
    expect((await create({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await create({ origin: url })).status).toBe(201);
    expect((await create({ origin: url.replace('127.0.0.1', 'localhost') })).status).toBe(201);
    expect((await api(url, '/api/auth/logout', { method: 'POST', cookie, headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await api(url, '/api/me', { cookie })).status).toBe(200);
    // Reads are not state-changing.
    expect((await api(url, '/api/docs', { cookie, headers: { origin: 'http://evil.example' } })).status).toBe(200);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const { url } = await startServer({ publicUrl: 'https://docs.example.test' });
    const reg = await post(url, '/api/auth/register', { email: 'dan@example.test', password: 'longenough', name: 'Dan' });
    expect(reg.headers.get('set-cookie')).toMatch(/; Secure$/);
  });
});
