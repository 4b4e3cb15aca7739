// Cost of each stage of a Markdown import and of an export, in-process, on generated
// Markdown (headings, paragraphs with marks and links, nested lists, task lists, code,
// tables, quotes) of 100 KB, 1 MB and 5 MB, and on pathological inputs.
//   pnpm --filter @inkwell/server exec tsx ../../bench/content-cost.ts [--sizes 0.1,1,5] [--only import|export]

// bench/ has no node_modules: the schema and Yjs come by path, the very files the server loads.
import * as Y from '../apps/server/node_modules/yjs/dist/yjs.mjs';
import { documentPage } from '../apps/server/src/documents/content/html.ts';
import { MarkdownConverter } from '../apps/server/src/documents/content/markdown.ts';
import { createMarkdownParser } from '../apps/server/src/documents/content/markdown-parser.ts';
import { sanitizeImported, wellFormed } from '../apps/server/src/documents/content/sanitize.ts';
import { docToJSON, jsonToDoc } from '../apps/server/src/documents/content/ydoc-json.ts';
import { TEXT_FRAGMENT } from '../apps/server/src/documents/doc-text.ts';
import { editorSchema } from '../packages/editor-schema/src/index.ts';

type JSONContent = ReturnType<typeof sanitizeImported>;

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const sizes = (arg('sizes') ?? '0.1,1,5').split(',').map(Number);
const only = arg('only');

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the of and to in is that for it as with was on be by this are at from or an have not which but all they their can more one will has about other into its some than these time only so may then also'.split(
    ' ',
  );

export function realisticMarkdown(bytes: number, seed = 1): string {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const inline = () => {
    const parts: string[] = [];
    for (let i = 0, n = 3 + Math.floor(rand() * 6); i < n; i++) {
      const r = rand();
      if (r < 0.1) parts.push(`**${words(2)}**`);
      else if (r < 0.18) parts.push(`*${words(2)}*`);
      else if (r < 0.24) parts.push(`\`${pick(WORDS)}()\``);
      else if (r < 0.32) parts.push(`[${words(2)}](https://example.com/${pick(WORDS)}?q=${i})`);
      else parts.push(words(4 + Math.floor(rand() * 8)));
    }
    return `${parts.join(' ')}.`;
  };
  const blocks: string[] = [];
  let size = 0;
  while (size < bytes) {
    const r = rand();
    let block: string;
    if (blocks.length % 12 === 0) block = `${'#'.repeat(1 + Math.floor(rand() * 3))} ${words(3 + Math.floor(rand() * 4))}`;
    else if (r < 0.5) block = `${inline()} ${inline()}`;
    else if (r < 0.62)
      block = Array.from({ length: 3 + Math.floor(rand() * 4) }, (_, i) => `${i % 3 === 2 ? '  ' : ''}- ${inline()}`).join('\n');
    else if (r < 0.7) block = Array.from({ length: 3 + Math.floor(rand() * 3) }, (_, i) => `${i + 1}. ${inline()}`).join('\n');
    else if (r < 0.76) block = Array.from({ length: 3 }, () => `- [${rand() < 0.5 ? ' ' : 'x'}] ${words(5)}`).join('\n');
    else if (r < 0.84)
      block = `\`\`\`ts\n${Array.from({ length: 4 + Math.floor(rand() * 8) }, (_, i) => `const v${i} = ${pick(WORDS)}(${i}); // ${words(3)}`).join('\n')}\n\`\`\``;
    else if (r < 0.92) {
      const cols = 3 + Math.floor(rand() * 3);
      const row = () => `| ${Array.from({ length: cols }, () => words(2)).join(' | ')} |`;
      block = [row(), `|${' --- |'.repeat(cols)}`, ...Array.from({ length: 3 + Math.floor(rand() * 6) }, row)].join('\n');
    } else block = `> ${inline()}\n>\n> ${inline()}`;
    blocks.push(block);
    size += block.length + 2;
  }
  return `${blocks.join('\n\n')}\n`;
}

const PATHOLOGICAL: Record<string, string> = {
  'unclosed emphasis _a ×200k': '_a'.repeat(200_000),
  'unclosed links [ ×400k': '['.repeat(400_000),
  'backticks `a ×200k': '`a'.repeat(200_000),
  'one 2 MB paragraph': `${'word '.repeat(400_000)}\n`,
  'flat list of 100k items': Array.from({ length: 100_000 }, (_, i) => `- item ${i}`).join('\n'),
  'quotes 60 deep ×2k': Array.from({ length: 2000 }, () => `${'>'.repeat(60)} q`).join('\n\n'),
  'table 20k rows': ['| a | b | c |', '| - | - | - |', ...Array.from({ length: 20_000 }, (_, i) => `| ${i} | x | y |`)].join('\n'),
  'emphasis runs *a* ×300k': '*a* '.repeat(300_000),
};

const converter = new MarkdownConverter();
const parser = createMarkdownParser();

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const ms = (t: number) => `${t.toFixed(0).padStart(6)} ms`;

function timeImport(label: string, markdown: string): void {
  const mb = Buffer.byteLength(markdown) / 1024 / 1024;
  // CPU time of the process (all threads, GC helpers included), not wall time: the machine
  // this was written on is shared, and wall time mostly measured the neighbours.
  const stages: [string, number][] = [];
  let t = cpuMs();
  const lap = (name: string) => {
    const now = cpuMs();
    stages.push([name, now - t]);
    t = now;
  };
  const text = wellFormed(markdown);
  lap('wellFormed');
  const tokens = parser.tokenizer.parse(text, {});
  lap('markdown-it parse');
  void tokens;
  const node = parser.parse(text);
  lap('markdown-it + tokens → doc (parser.parse)');
  const parsed = node.toJSON() as JSONContent;
  lap('doc → JSON');
  const safe = sanitizeImported(parsed);
  lap('safety pass');
  const checked = editorSchema.nodeFromJSON(safe);
  checked.check();
  const json = checked.toJSON() as JSONContent;
  lap('schema check (nodeFromJSON, check, toJSON)');
  const blocks = jsonToDoc(json);
  lap('JSON → Y.Doc (prosemirrorJSONToYXmlFragment)');
  const update = Y.encodeStateAsUpdate(blocks);
  lap('Y.Doc → update (encodeStateAsUpdate)');
  const target = new Y.Doc();
  target.transact(() => {
    const fragment = target.getXmlFragment(TEXT_FRAGMENT);
    fragment.insert(
      0,
      blocks
        .getXmlFragment(TEXT_FRAGMENT)
        .toArray()
        .map((n) => n.clone() as Y.XmlElement),
    );
  });
  lap('room append today (clone blocks into the room doc)');
  const applied = new Y.Doc();
  Y.applyUpdate(applied, update);
  lap('room apply of a precomputed update (Y.applyUpdate)');
  // parser.parse tokenizes again: the separate tokenizing lap is only there to split it.
  const lapOf = (name: string) => stages.find(([n]) => n.startsWith(name))![1];
  const convert = ['wellFormed', 'markdown-it +', 'doc → JSON', 'safety', 'schema', 'JSON → Y.Doc'].map(lapOf).reduce((a, b) => a + b);
  const before = convert + lapOf('room append');
  console.log(
    `\n## import ${label}: ${mb.toFixed(2)} MB, ${json.content?.length ?? 0} blocks, update ${(update.length / 1024).toFixed(0)} KB`,
  );
  for (const [name, v] of stages) console.log(`${ms(v)}  ${name}`);
  console.log(`${ms(before)}  all on the main thread (convert + append): ${(before / 1000 / mb).toFixed(2)} s CPU per MB`);
  console.log(`${ms(convert + lapOf('Y.Doc → update'))}  in a worker (convert + encode); main thread: apply ${ms(lapOf('room apply'))}`);
  void converter;
  blocks.destroy();
  target.destroy();

  if (only === 'import') {
    applied.destroy();
    return;
  }
  const e: [string, number][] = [];
  t = cpuMs();
  const back = docToJSON(applied);
  e.push(['Y.Doc → JSON (docToJSON)', cpuMs() - t]);
  t = cpuMs();
  const md = converter.toMarkdown(back);
  e.push(['JSON → Markdown (@tiptap/markdown)', cpuMs() - t]);
  t = cpuMs();
  const html = documentPage('T', back);
  e.push(['JSON → HTML (documentPage)', cpuMs() - t]);
  console.log(`## export ${label} (${(md.length / 1024 / 1024).toFixed(2)} MB md, ${(html.length / 1024 / 1024).toFixed(2)} MB html)`);
  for (const [name, v] of e) console.log(`${ms(v)}  ${name}`);
  applied.destroy();
}

if (only !== 'pathological') for (const size of sizes) timeImport(`realistic ${size} MB`, realisticMarkdown(size * 1024 * 1024));
if (!only || only === 'pathological')
  for (const [label, markdown] of Object.entries(PATHOLOGICAL)) {
    try {
      timeImport(label, markdown);
    } catch (err) {
      console.log(`\n## ${label}: refused: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
