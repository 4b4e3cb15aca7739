import { describe, expect, it } from 'vitest';
import { authPagePath, nextFromSearch, safeNextPath } from './next-path.ts';

describe('safeNextPath', () => {
  it('keeps paths on this site, with their query and hash', () => {
    expect(safeNextPath('/d/abc123')).toBe('/d/abc123');
    expect(safeNextPath('/d/abc?x=1#top')).toBe('/d/abc?x=1#top');
  });

  it('falls back to the list for anything that could leave the site', () => {
    for (const raw of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'd/abc',
      '',
      null,
      undefined,
    ]) {
      expect(safeNextPath(raw)).toBe('/');
    }
  });

  it('does not send a signed-in person back to a sign-in page', () => {
    expect(safeNextPath('/signin?next=/d/a')).toBe('/');
    expect(safeNextPath('/signup')).toBe('/');
  });
});

describe('nextFromSearch and authPagePath', () => {
  it('round-trip a path through the query string', () => {
    const path = authPagePath('/signin', '/d/abc?x=1');
    expect(path).toBe('/signin?next=%2Fd%2Fabc%3Fx%3D1');
    expect(nextFromSearch(path.slice(path.indexOf('?')))).toBe('/d/abc?x=1');
  });

  it('leaves the parameter out for the list', () => {
    expect(authPagePath('/signup', '/')).toBe('/signup');
    expect(nextFromSearch('')).toBe('/');
  });
});
