// The import graph of the repository's source files, for the architecture checks
// (architecture.test.ts): which file imports which, the cycles in it, and the imports that
// go against a layer order. Files are repository-relative paths with forward slashes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

/** file → the specifiers it imports (packages and relative paths alike). */
export type Imports = ReadonlyMap<string, readonly string[]>;
/** file → the repository files it imports. */
export type Graph = ReadonlyMap<string, ReadonlySet<string>>;

const SOURCE = /\.(ts|tsx|mts)$/;

export const isTestFile = (file: string): boolean => /\.test\.(ts|tsx|mts)$/.test(file);

/** Source files under `dir` (repository-relative), skipping node_modules and build output. */
export function sourceFiles(root: string, dir: string): string[] {
  const walk = (abs: string): string[] =>
    readdirSync(abs).flatMap((name) => {
      const path = join(abs, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : walk(path);
      return SOURCE.test(name) ? [toPosix(relative(root, path))] : [];
    });
  return existsSync(join(root, dir)) ? walk(join(root, dir)) : [];
}

const toPosix = (path: string): string => path.split(sep).join('/');

// `import … from`, `import type … from`, `export … from`, bare `import '…'` and `import('…')`.
const IMPORT =
  /(?:^|[;\s}])(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|[;\s])import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The specifiers a source text imports, in order, type-only imports included. */
export function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

export function readImports(root: string, files: readonly string[]): Map<string, string[]> {
  return new Map(files.map((file) => [file, importSpecifiers(readFileSync(join(root, file), 'utf8'))]));
}

/** The file a relative specifier names (with or without extension, or a folder's index). */
export function resolveRelative(root: string, from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const stem = base.replace(/\.(js|mjs|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${base}/index.ts`, `${base}/index.tsx`];
  return candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile());
}

/** The graph of relative imports among `imports`' files. */
export function buildGraph(root: string, imports: Imports): Graph {
  const graph = new Map<string, Set<string>>();
  for (const [file, specs] of imports) {
    const edges = new Set<string>();
    for (const spec of specs) {
      const target = resolveRelative(root, file, spec);
      if (target) edges.add(target);
    }
    graph.set(file, edges);
  }
  return graph;
}

/**
 * Every cycle of the graph, one per strongly connected component (Tarjan), each written as
 * a path `a → b → … → a` through that component.
 */
export function findCycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.has(node)) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => cycleThrough(graph, new Set(component)));
}

/** A shortest cycle through the component's first node (sorted), staying inside it. */
function cycleThrough(graph: Graph, component: ReadonlySet<string>): string[] {
  const start = [...component].sort()[0]!;
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i += 1) {
    const node = queue[i]!;
    for (const to of [...(graph.get(node) ?? [])].sort()) {
      if (!component.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at = node; at !== start; at = parent.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!parent.has(to)) {
        parent.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** The graph of folders: an edge for every import from a file in one folder into another. */
export function folderGraph(graph: Graph): Graph {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = dirname(file);
    const edges = folders.get(from) ?? new Set<string>();
    folders.set(from, edges);
    for (const target of targets) if (dirname(target) !== from) edges.add(dirname(target));
  }
  return folders;
}

/**
 * Imports that go up the layer order: `layerOf` gives a file's layer (an index, bottom 0),
 * or undefined for files outside the layering.
 */
export function upwardImports(graph: Graph, layerOf: (file: string) => number | undefined): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    if (from === undefined) continue;
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== undefined && to > from) found.push(`${file} imports ${target}`);
    }
  }
  return found.sort();
}
