import { describe, expect, it } from 'vitest';
import { isSafeImageSrc } from './safe-url.ts';

describe('uploaded image paths', () => {
  it('accepts exactly /api/docs/:id/images/:imageId', () => {
    expect(isSafeImageSrc('/api/docs/AbC_-123/images/xYz-_9')).toBe(true);
  });

  it('refuses every looser relative path', () => {
    for (const src of [
      '/api/docs/a/images/',
      '/api/docs/a/images/b/c',
      '/api/docs/a/images/b?x=1',
      '/api/docs/a/images/b#x',
      '/api/docs/../images/b',
      '/api/docs/a/images/../../../healthz',
      '/api/docs/a%2F/images/b',
      '//evil.example/api/docs/a/images/b',
      '/api/docs/a/comments/b',
      'api/docs/a/images/b',
      ' /api/docs/a/images/b',
      '/api/docs/a/images/b ',
      '/api/docs/a/images/b\n',
      `/api/docs/${'a'.repeat(65)}/images/b`,
    ]) {
      expect(isSafeImageSrc(src), JSON.stringify(src)).toBe(false);
    }
  });
});
