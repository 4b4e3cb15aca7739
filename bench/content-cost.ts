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
import { realisticMarkdown } from '../apps/server/test/support/markdown-corpus.ts';
import { editorSchema } from '../packages/editor-schema/src/index.ts';

type JSONContent = ReturnType<typeof sanitizeImported>;

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const sizes = (arg('sizes') ?? '0.1,1,5').split(',').map(Number);
const only = arg('only');

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
