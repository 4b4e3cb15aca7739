import type { ChainedCommands, Editor } from '@tiptap/core';

// The blocks the "/" menu offers, and how typing narrows them. The menu (slash-menu.ts) deletes
// the typed "/query" and runs the picked item's commands in the same chain, so inserting a block
// is one transaction: one undo step, and collaborators never see the "/query" flash away.

export interface SlashItem {
  /** Stable and unique: the React key and the option's test id (`slash-item-<id>`). */
  id: string;
  /** The visible name ("Heading 1"). */
  title: string;
  /** One short line under the name. */
  description: string;
  /** Other words people type for it ("h1", "todo", "hr"). */
  aliases: readonly string[];
  /** A glyph of one to three characters drawn in the item's icon box. */
  icon: string;
  /**
   * Adds this block's commands to a chain that has already removed the "/query" and holds the
   * focus; the menu runs the chain. Side effects that are not commands (opening a file picker)
   * may use the editor and return the chain as it was.
   */
  run(chain: ChainedCommands, editor: Editor): ChainedCommands;
}

const TABLE_SIZE = { rows: 3, cols: 3, withHeaderRow: true } as const;

/**
 * Every block the menu offers, in the order it lists them. Other features add theirs with
 * registerSlashItem (the image upload adds "Image"), so this file need not know them.
 */
export const slashItems: SlashItem[] = [
  {
    id: 'text',
    title: 'Text',
    description: 'Plain paragraph',
    aliases: ['paragraph', 'plain', 'p'],
    icon: 'T',
    run: (chain) => chain.setParagraph(),
  },
  ...([1, 2, 3] as const).map(
    (level): SlashItem => ({
      id: `heading-${level}`,
      title: `Heading ${level}`,
      description: ['Large section heading', 'Medium section heading', 'Small section heading'][level - 1]!,
      aliases: [`h${level}`, 'heading', 'title'],
      icon: `H${level}`,
      run: (chain) => chain.setHeading({ level }),
    }),
  ),
  {
    id: 'bullet-list',
    title: 'Bullet list',
    description: 'A list with bullets',
    aliases: ['unordered list', 'ul', 'bullets'],
    icon: '•',
    run: (chain) => chain.toggleBulletList(),
  },
  {
    id: 'numbered-list',
    title: 'Numbered list',
    description: 'A list with numbers',
    aliases: ['ordered list', 'ol', 'numbers'],
    icon: '1.',
    run: (chain) => chain.toggleOrderedList(),
  },
  {
    id: 'task-list',
    title: 'Task list',
    description: 'Checkboxes to tick off',
    aliases: ['todo', 'to-do', 'checklist', 'checkbox'],
    icon: '☑',
    run: (chain) => chain.toggleTaskList(),
  },
  {
    id: 'quote',
    title: 'Quote',
    description: 'A quoted passage',
    aliases: ['blockquote', 'citation'],
    icon: '❝',
    run: (chain) => chain.setBlockquote(),
  },
  {
    id: 'code-block',
    title: 'Code block',
    description: 'Monospaced code',
    aliases: ['code', 'pre', 'snippet'],
    icon: '{ }',
    run: (chain) => chain.setCodeBlock(),
  },
  {
    id: 'table',
    title: 'Table',
    description: '3 × 3 with a header row',
    aliases: ['grid', 'rows', 'columns'],
    icon: '▦',
    run: (chain) => insertDefaultTable(chain),
  },
  {
    id: 'divider',
    title: 'Divider',
    description: 'A horizontal line',
    aliases: ['horizontal rule', 'hr', 'separator', 'line'],
    icon: '—',
    run: (chain) => chain.setHorizontalRule(),
  },
];

/**
 * Adds a block to the menu, after the item with id `after` (or at the end). Adding an id that
 * is already there replaces that item, so registering twice (a hot reload) does not list it twice.
 */
export function registerSlashItem(item: SlashItem, after?: string): void {
  const existing = slashItems.findIndex((entry) => entry.id === item.id);
  if (existing !== -1) slashItems.splice(existing, 1);
  const anchor = after === undefined ? -1 : slashItems.findIndex((entry) => entry.id === after);
  slashItems.splice(anchor === -1 ? slashItems.length : anchor + 1, 0, item);
}

/** The 3 × 3 table the toolbar button and the menu both insert. */
export function insertDefaultTable(chain: ChainedCommands): ChainedCommands {
  return chain.insertTable(TABLE_SIZE);
}

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

const compact = (text: string) => text.replace(/[\s\-_.]+/g, '');

/**
 * How well `needle` names the item; lower is better, null is no match. A name that starts with
 * the query beats an alias that does, which beats a word inside the name ("list" finds the three
 * lists), which beats the query (three letters or more) anywhere in the name or an alias. Spaces and dashes are ignored
 * ("bulletl", "todo" and "to-do" all work).
 */
function rank(item: SlashItem, needle: string): number | null {
  const title = normalise(item.title);
  const aliases = item.aliases.map(normalise);
  const needleCompact = compact(needle);
  if (title.startsWith(needle) || compact(title).startsWith(needleCompact)) return 0;
  if (aliases.some((alias) => alias.startsWith(needle) || compact(alias).startsWith(needleCompact))) return 1;
  if (title.split(/\s+/).some((word) => word.startsWith(needle))) return 2;
  // One or two letters inside a word match too much ("ul" in "rule"): substrings need three.
  if (needleCompact.length >= 3 && [title, ...aliases].some((text) => compact(text).includes(needleCompact))) return 3;
  return null;
}

/** The items matching what was typed after "/", best first; ties keep the menu's order. */
export function filterSlashItems(items: readonly SlashItem[], query: string): SlashItem[] {
  const needle = normalise(query.trim());
  if (needle === '') return [...items];
  const matches: Array<{ item: SlashItem; rank: number; index: number }> = [];
  items.forEach((item, index) => {
    const itemRank = rank(item, needle);
    if (itemRank !== null) matches.push({ item, rank: itemRank, index });
  });
  matches.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return matches.map((match) => match.item);
}
