// Markdown → document: markdown-it (CommonMark + GFM tables and strikethrough) tokenizes,
// prosemirror-markdown builds the nodes of the shared schema from the tokens.
//
// Why not @tiptap/markdown's parser (marked), which the serializer uses: marked's inline
// lexer is quadratic on unclosed emphasis (40 KB of `_a` took 3 s here), and an import may
// be 5 MB. markdown-it is linear on the same inputs (400 KB in under a second).
//
// Raw HTML is off (`html: false`): tags are text, never markup. markdown-it refuses
// javascript:, vbscript:, file: and data: link targets by itself (the link stays text); the
// safety pass after this (sanitize.ts) narrows links and images further.
import { editorSchema } from '@inkwell/editor-schema';
import MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { MarkdownParser } from 'prosemirror-markdown';

const TASK_MARKER = /^\[([ xX])\](?=\s|$)\s?/;

const taskMarker = (inline: Token | undefined): RegExpExecArray | null =>
  inline?.type === 'inline' ? TASK_MARKER.exec(inline.content) : null;

/** Removes the first `count` characters of an inline token's text. */
function stripLeadingText(inline: Token, count: number): void {
  inline.content = inline.content.slice(count);
  let left = count;
  for (const child of inline.children ?? []) {
    if (left === 0) break;
    if (child.type !== 'text') break;
    const cut = Math.min(left, child.content.length);
    child.content = child.content.slice(cut);
    left -= cut;
  }
}

/**
 * GFM task lists: a bullet list whose every item starts with `[ ]` or `[x]` becomes a task
 * list (task_list/task_item tokens); one plain item keeps the whole list a bullet list, with
 * the brackets as text.
 */
function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type !== 'bullet_list_open') continue;
    const level = tokens[i]!.level;
    const items: { open: Token; close: Token; marker: RegExpExecArray; inline: Token }[] = [];
    let close = -1;
    let allTasks = true;
    for (let j = i + 1; j < tokens.length; j++) {
      const token = tokens[j]!;
      if (token.type === 'bullet_list_close' && token.level === level) {
        close = j;
        break;
      }
      if (token.type !== 'list_item_open' || token.level !== level + 1) continue;
      const inline = tokens[j + 1]?.type === 'paragraph_open' ? tokens[j + 2] : undefined;
      const marker = taskMarker(inline);
      let end = j + 1;
      while (end < tokens.length && !(tokens[end]!.type === 'list_item_close' && tokens[end]!.level === level + 1)) end++;
      if (!marker || !inline || end >= tokens.length) {
        allTasks = false;
        break;
      }
      items.push({ open: token, close: tokens[end]!, marker, inline });
    }
    if (!allTasks || close === -1 || items.length === 0) continue;
    tokens[i]!.type = 'task_list_open';
    tokens[close]!.type = 'task_list_close';
    for (const item of items) {
      item.open.type = 'task_item_open';
      item.close.type = 'task_item_close';
      item.open.attrSet('checked', item.marker[1] === ' ' ? 'false' : 'true');
      stripLeadingText(item.inline, item.marker[0].length);
    }
  }
}

/** Table cells hold paragraphs in the schema; markdown-it gives them inline content directly. */
function tableCellParagraphs(state: StateCore): void {
  const out: Token[] = [];
  for (const token of state.tokens) {
    const inCell = out.at(-1)?.type === 'th_open' || out.at(-1)?.type === 'td_open';
    if (inCell && token.type === 'inline') {
      out.push(new state.Token('paragraph_open', 'p', 1), token, new state.Token('paragraph_close', 'p', -1));
    } else {
      out.push(token);
    }
  }
  state.tokens = out;
}

function cellAlign(token: Token): { align: string | null } {
  return { align: /text-align:\s*(left|center|right)/.exec(token.attrGet('style') ?? '')?.[1] ?? null };
}

const codeLanguage = (token: Token) => ({ language: token.info.trim().split(/\s+/)[0] || null });

/** A parser of Markdown into documents of the shared schema. */
export function createMarkdownParser(): MarkdownParser {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  md.core.ruler.push('inkwell_task_lists', taskLists);
  md.core.ruler.push('inkwell_table_cells', tableCellParagraphs);
  return new MarkdownParser(editorSchema, md, {
    paragraph: { block: 'paragraph' },
    heading: { block: 'heading', getAttrs: (token) => ({ level: Number(token.tag.slice(1)) }) },
    blockquote: { block: 'blockquote' },
    bullet_list: { block: 'bulletList' },
    ordered_list: { block: 'orderedList', getAttrs: (token) => ({ start: Number(token.attrGet('start') ?? 1) || 1 }) },
    list_item: { block: 'listItem' },
    task_list: { block: 'taskList' },
    task_item: { block: 'taskItem', getAttrs: (token) => ({ checked: token.attrGet('checked') === 'true' }) },
    code_block: { block: 'codeBlock', getAttrs: codeLanguage, noCloseToken: true },
    fence: { block: 'codeBlock', getAttrs: codeLanguage, noCloseToken: true },
    hr: { node: 'horizontalRule' },
    hardbreak: { node: 'hardBreak' },
    image: {
      node: 'image',
      getAttrs: (token) => ({ src: token.attrGet('src'), alt: token.content || null, title: token.attrGet('title') || null }),
    },
    table: { block: 'table' },
    thead: { ignore: true },
    tbody: { ignore: true },
    tr: { block: 'tableRow' },
    th: { block: 'tableHeader', getAttrs: cellAlign },
    td: { block: 'tableCell', getAttrs: cellAlign },
    em: { mark: 'italic' },
    strong: { mark: 'bold' },
    s: { mark: 'strike' },
    code_inline: { mark: 'code', noCloseToken: true },
    link: { mark: 'link', getAttrs: (token) => ({ href: token.attrGet('href'), title: token.attrGet('title') || null }) },
  });
}
