// A document as a standalone HTML page. Each node and mark is drawn by its own `toDOM` rule
// from the shared schema (the same markup the editor shows), written out as a string: there
// is no DOM in Node, and prosemirror-model's DOMSerializer needs one.
//
// Safe by construction: every text and attribute value is escaped; an `href` must be http(s)
// or mailto and a `src` http(s), anything else is left out, and no on* attribute is ever
// written. The page has no script and a Content-Security-Policy that would refuse one anyway.
import { editorSchema, isSafeImageSrc, isSafeLinkHref } from '@inkwell/editor-schema';
import type { JSONContent } from '@tiptap/core';
import type { DOMOutputSpec, Mark, Node as PMNode } from '@tiptap/pm/model';

const VOID_ELEMENTS = new Set(['br', 'hr', 'img', 'input', 'col', 'wbr']);
/** Where a mark's content goes while its open and close tags are cut apart (a noncharacter; text's own becomes U+FFFD). */
const HOLE = '\uFFFF';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', [HOLE]: '\uFFFD' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"'\uFFFF]/g, (c) => ESCAPES[c]!);

function attribute(name: string, value: unknown): string {
  // As DOMSerializer does: only null and undefined are left out; the rest is its string.
  if (value === null || value === undefined) return '';
  const lower = name.toLowerCase();
  if (!/^[a-z][a-z0-9-]*$/.test(lower) || lower.startsWith('on')) return '';
  const text = String(value);
  if (lower === 'href' && !isSafeLinkHref(text)) return '';
  if (lower === 'src' && !isSafeImageSrc(text)) return '';
  return ` ${lower}="${escapeHtml(text)}"`;
}

/** A DOMOutputSpec as HTML, with `content` in its hole (0). */
function renderSpec(spec: DOMOutputSpec, content: string): string {
  if (typeof spec === 'string') return escapeHtml(spec);
  if (!Array.isArray(spec)) throw new Error('toDOM returned a DOM node; only array specs can be written without a DOM');
  const [rawTag, ...rest] = spec as readonly unknown[];
  const tag = String(rawTag).split(' ').pop()!.toLowerCase();
  let children = rest;
  let attrs = '';
  const first = rest[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    attrs = Object.entries(first as Record<string, unknown>)
      .map(([name, value]) => attribute(name, value))
      .join('');
    children = rest.slice(1);
  }
  // A checkbox in an exported page is a picture of the state, not a control.
  if (tag === 'input') attrs += ' disabled';
  if (VOID_ELEMENTS.has(tag)) return `<${tag}${attrs}>`;
  const inner = children.map((child) => (child === 0 ? content : renderSpec(child as DOMOutputSpec, content))).join('');
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

function markShell(mark: Mark): [open: string, close: string] {
  const toDOM = mark.type.spec.toDOM;
  if (!toDOM) return ['', ''];
  const [open = '', close = ''] = renderSpec(toDOM(mark, true), HOLE).split(HOLE);
  return [open, close];
}

/** Inline content, with each mark opened once over the run of nodes that share it. */
function renderInline(parent: PMNode): string {
  let out = '';
  const open: { mark: Mark; close: string }[] = [];
  parent.forEach((child) => {
    let keep = 0;
    while (keep < open.length && keep < child.marks.length && open[keep]!.mark.eq(child.marks[keep]!)) keep++;
    while (open.length > keep) out += open.pop()!.close;
    for (const mark of child.marks.slice(keep)) {
      const [start, close] = markShell(mark);
      out += start;
      open.push({ mark, close });
    }
    out += renderNode(child);
  });
  while (open.length > 0) out += open.pop()!.close;
  return out;
}

function renderNode(node: PMNode): string {
  if (node.isText) return escapeHtml(node.text ?? '');
  const content = node.inlineContent ? renderInline(node) : renderChildren(node);
  const toDOM = node.type.spec.toDOM;
  return toDOM ? renderSpec(toDOM(node), content) : content;
}

function renderChildren(node: PMNode): string {
  let out = '';
  node.forEach((child) => {
    out += renderNode(child);
  });
  return out;
}

const PAGE_STYLE = `
body{margin:0;background:#fff;color:#1f2328;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:46rem;margin:2rem auto;padding:0 1.25rem}
pre{background:#f6f8fa;padding:.75rem 1rem;border-radius:6px;overflow-x:auto}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
blockquote{margin:0;padding-left:1rem;border-left:3px solid #d0d7de;color:#59636e}
table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;vertical-align:top}th{background:#f6f8fa}
td>p,th>p{margin:0}img{max-width:100%}
ul[data-type=taskList]{list-style:none;padding-left:.25rem}
ul[data-type=taskList] li{display:flex;gap:.5rem}ul[data-type=taskList] li>div{flex:1}
.mention{color:#0969da;font-weight:500}
`.trim();

/** The document's body markup (no page around it). */
export function documentHtml(json: JSONContent): string {
  return renderChildren(editorSchema.nodeFromJSON(json));
}

/** A standalone page: the title, the document, a little CSS; no script, no outside requests but its images. */
export function documentPage(title: string, json: JSONContent): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https:; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    `<main>${documentHtml(json)}</main>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
