// Enforces the dependency direction (STYLE.md): protocol imports only its schema library;
// server and web import @inkwell/protocol and never each other, not even for types.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.(ts|tsx|mts)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return found.map((m) => (m[1] ?? m[2])!);
}

function violations(pkgDir: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sources(join(root, pkgDir)).flatMap((file) =>
    imports(file)
      .filter((spec) => forbidden(spec, file))
      .map((spec) => `${relative(root, file)} imports ${spec}`),
  );
}

const escapesTo = (target: string) => (spec: string, file: string) =>
  spec.startsWith('.') && join(file, '..', spec).startsWith(join(root, target));

describe('dependency direction', () => {
  it('the parser sees imports (guards this test against matching nothing)', () => {
    expect(imports(join(root, 'apps/server/src/server.ts'))).toContain('./config.ts');
  });

  it('web never imports the server', () => {
    expect(violations('apps/web/src', (s, f) => s.startsWith('@inkwell/server') || escapesTo('apps/server')(s, f))).toEqual([]);
  });

  it('server never imports the web app', () => {
    expect(violations('apps/server/src', (s, f) => s.startsWith('@inkwell/web') || escapesTo('apps/web')(s, f))).toEqual([]);
  });

  it('protocol imports only zod and itself (its tests may also use vitest and Node)', () => {
    const inside = (spec: string, file: string) =>
      spec.startsWith('.') && join(file, '..', spec).startsWith(join(root, 'packages/protocol/src'));
    const allowed = (spec: string, file: string) =>
      inside(spec, file) || spec === 'zod' || (file.endsWith('.test.ts') && (spec === 'vitest' || spec.startsWith('node:')));
    expect(violations('packages/protocol/src', (s, f) => !allowed(s, f))).toEqual([]);
  });
});
