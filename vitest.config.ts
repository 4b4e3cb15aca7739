import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'protocol', root: 'packages/protocol', include: ['src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'editor-schema', root: 'packages/editor-schema', include: ['src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'server',
          root: 'apps/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          root: 'apps/web',
          include: ['src/**/*.test.ts'],
          // Vitest empties CSS imports by default; the theme contrast test reads base.css's tokens.
          css: { include: [/styles\/base\.css/] },
        },
      },
      {
        extends: true,
        test: { name: 'repo', root: 'scripts', include: ['**/*.test.ts'] },
      },
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
