import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.ts';
import { allowedOrigins, isForeignOrigin } from './origin.ts';

describe('AttemptLimiter', () => {
  it('allows N attempts per window per key and says how long to wait', () => {
    let now = 0;
    const limiter = new AttemptLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) expect(limiter.hit('a')).toEqual({ allowed: true });
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSec: 60 });
    expect(limiter.hit('b')).toEqual({ allowed: true });
    now = 30_000;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSec: 30 });
    now = 60_000;
    expect(limiter.hit('a')).toEqual({ allowed: true });
  });
});

describe('origins', () => {
  it('allows loopback aliases of the server, or exactly PUBLIC_URL', () => {
    const local = allowedOrigins(undefined, 'http://127.0.0.1:3000');
    expect([...local].sort()).toEqual(['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000']);
    expect([...allowedOrigins('https://docs.example.com/app', 'http://127.0.0.1:3000')]).toEqual(['https://docs.example.com']);
  });

  it('treats other sites as foreign and header-less clients as not', () => {
    const allowed = allowedOrigins(undefined, 'http://127.0.0.1:3000');
    expect(isForeignOrigin({ origin: 'http://localhost:3000' }, allowed)).toBe(false);
    expect(isForeignOrigin({ origin: 'http://evil.example' }, allowed)).toBe(true);
    expect(isForeignOrigin({ origin: 'http://127.0.0.1:3001' }, allowed)).toBe(true);
    expect(isForeignOrigin({ origin: 'null' }, allowed)).toBe(true);
    expect(isForeignOrigin({ 'sec-fetch-site': 'cross-site' }, allowed)).toBe(true);
    expect(isForeignOrigin({ 'sec-fetch-site': 'same-origin' }, allowed)).toBe(false);
    expect(isForeignOrigin({}, allowed)).toBe(false);
  });
});
