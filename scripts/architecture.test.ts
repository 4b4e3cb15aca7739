// Enforces the structure (STYLE.md): no import cycles among source files, the server's layer
// order, protocol importing only its own libraries, server and web never importing each
// other, and test code staying out of production modules. Type-only imports count: a type
// cycle is still a cycle for a reader and for the build order.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  findCycles,
  folderGraph,
  type Graph,
  isTestFile,
  readImports,
  resolveRelative,
  sourceFiles,
  upwardImports,
} from './import-graph.ts';
import { serverLayerOf } from './server-layers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SRC_DIRS = ['apps/server/src', 'apps/web/src', 'packages/protocol/src', 'packages/editor-schema/src'];
const SERVER = 'apps/server/src/';

const files = SRC_DIRS.flatMap((dir) => sourceFiles(root, dir));
const imports = readImports(root, files);
const graph = buildGraph(root, imports);
/** Production modules only: tests may reach up the layers to build what they test. */
const production: Graph = new Map([...graph].filter(([file]) => !isTestFile(file)));

const specsOf = (dir: string) => [...imports].filter(([file]) => file.startsWith(dir));

const packageName = (spec: string): string => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

describe('the checker itself', () => {
  const synthetic = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges).map(([f, to]) => [f, new Set(to)]));

  it('finds a cycle, including a long one and a self-import, and nothing in a tree', () => {
    const cycles = findCycles(synthetic({ a: ['b'], b: ['c'], c: ['a'], d: ['d'], e: ['a'] }));
    expect(cycles).toEqual([
      ['a', 'b', 'c', 'a'],
      ['d', 'd'],
    ]);
    expect(findCycles(synthetic({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('finds an import that goes up the layers, and allows same-layer and downward ones', () => {
    const g = synthetic({
      [`${SERVER}rooms/room.ts`]: [
        `${SERVER}documents/documents-service.ts`,
        `${SERVER}storage/storage.ts`,
        `${SERVER}events/sse-stream.ts`,
      ],
      [`${SERVER}http/app.ts`]: [`${SERVER}documents/documents-service.ts`],
    });
    expect(upwardImports(g, serverLayerOf)).toEqual([`${SERVER}rooms/room.ts imports ${SERVER}documents/documents-service.ts`]);
  });

  it('sees the real graph: imports of every kind are read and resolved', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(`${SERVER}server.ts`)).toContain(`${SERVER}config.ts`);
    // `import type` counts.
    expect(graph.get(`${SERVER}rooms/room-options.ts`)).toContain(`${SERVER}rooms/rpc-handler.ts`);
    // A dynamic import counts.
    expect(graph.get('apps/web/src/App.tsx')).toContain('apps/web/src/pages/EditorPage.tsx');
  });
});

describe('import cycles', () => {
  it('no source file of apps/*/src or packages/*/src imports itself through others', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('no two server folders import each other, directly or round about', () => {
    // Files at the top of src are in different layers (logger at the bottom, server.ts at the
    // top), so only the folders below it are compared.
    const nested = (file: string) => file.startsWith(SERVER) && file.slice(SERVER.length).includes('/');
    const folders: Graph = new Map(
      [...production].filter(([file]) => nested(file)).map(([file, to]) => [file, new Set([...to].filter(nested))]),
    );
    expect(findCycles(folderGraph(folders)).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});

describe('server layers', () => {
  it('every server source file has a layer', () => {
    expect([...production.keys()].filter((f) => f.startsWith(SERVER) && serverLayerOf(f) === undefined)).toEqual([]);
  });

  it('no module imports a layer above its own', () => {
    expect(upwardImports(production, serverLayerOf)).toEqual([]);
  });
});

describe('dependency direction', () => {
  const reaches = (file: string, target: string) => [...(graph.get(file) ?? [])].some((t) => t.startsWith(target));

  it('web never imports the server', () => {
    const bad = specsOf('apps/web/src/').filter(
      ([f, specs]) => reaches(f, 'apps/server/') || specs.some((s) => s.startsWith('@inkwell/server')),
    );
    expect(bad.map(([f]) => f)).toEqual([]);
  });

  it('server never imports the web app', () => {
    const bad = specsOf(SERVER).filter(([f, specs]) => reaches(f, 'apps/web/') || specs.some((s) => s.startsWith('@inkwell/web')));
    expect(bad.map(([f]) => f)).toEqual([]);
  });

  it('protocol imports only its own files and its libraries (its tests may also use vitest and Node)', () => {
    const libraries = new Set(['zod', 'lib0', 'y-protocols', 'yjs']);
    const bad = specsOf('packages/protocol/src/').flatMap(([file, specs]) =>
      specs
        .filter((spec) => {
          if (spec.startsWith('.')) return !resolveRelative(root, file, spec)?.startsWith('packages/protocol/src/');
          if (libraries.has(packageName(spec))) return false;
          return !(isTestFile(file) && (spec === 'vitest' || spec.startsWith('node:')));
        })
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('editor-schema imports only its own files and official @tiptap packages (its tests may also use vitest)', () => {
    const bad = specsOf('packages/editor-schema/src/').flatMap(([file, specs]) =>
      specs
        .filter((spec) => {
          if (spec.startsWith('.')) return !resolveRelative(root, file, spec)?.startsWith('packages/editor-schema/src/');
          if (spec.startsWith('@tiptap/')) return false;
          return !(isTestFile(file) && spec === 'vitest');
        })
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(bad).toEqual([]);
  });
});

describe('test code stays in tests', () => {
  /** Fakes and other test support kept next to what they stand in for. */
  const isTestSupport = (file: string): boolean => /\/(test-|fake-)[^/]*$|-(fake|mock|contract)\.tsx?$/.test(file);

  it('no src file but a *.test.ts imports vitest', () => {
    const bad = [...imports].filter(([file, specs]) => !isTestFile(file) && specs.some((s) => packageName(s) === 'vitest'));
    expect(bad.map(([f]) => f)).toEqual([]);
  });

  it('no production module imports a test-support module (fakes, test sockets, contract suites)', () => {
    const bad = [...production]
      .filter(([file]) => !isTestSupport(file))
      .flatMap(([file, targets]) => [...targets].filter(isTestSupport).map((t) => `${file} imports ${t}`));
    expect(bad).toEqual([]);
  });
});
