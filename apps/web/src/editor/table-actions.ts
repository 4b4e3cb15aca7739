import type { ChainedCommands, Editor } from '@tiptap/core';

// What the table toolbar offers while the caret is in a table. Each action is a Tiptap table
// command (prosemirror-tables underneath), so it edits the table node in the shared Y.Doc as
// one transaction: two people adding rows at once both get theirs.

export interface TableAction {
  /** The button's name and tooltip. */
  label: string;
  /** A 16 × 16 SVG path drawn with the current colour. */
  icon: string;
  /** Pressed state for toggles (the header row). */
  isActive?: (editor: Editor) => boolean;
  run: (chain: ChainedCommands) => ChainedCommands;
  /** Visually set apart (deleting the whole table). */
  danger?: boolean;
}

export interface TableActionGroup {
  name: string;
  actions: TableAction[];
}

// The icons: a table's outline with the part the action touches, and a plus or a cross.
const PLUS_ABOVE = 'M2.5 8.5h11v5h-11zM2.5 11h11M8 1.5v5M5.5 4h5';
const PLUS_BELOW = 'M2.5 2.5h11v5h-11zM2.5 5h11M8 9.5v5M5.5 12h5';
const PLUS_LEFT = 'M8.5 2.5h5v11h-5zM11 2.5v11M1.5 8h5M4 5.5v5';
const PLUS_RIGHT = 'M2.5 2.5h5v11h-5zM5 2.5v11M9.5 8h5M12 5.5v5';
const DELETE_ROW = 'M1.5 5h13v6h-13zM6 6.5l4 3M10 6.5l-4 3';
const DELETE_COLUMN = 'M5 1.5h6v13H5zM6.5 6l3 4M9.5 6l-3 4';
const HEADER_ROW = 'M2.5 2.5h11v11h-11zM2.5 6.5h11M2.5 4.5h11M2.5 10h11M8 6.5v7';
const DELETE_TABLE =
  'M2.75 4.25h10.5M6.25 4.25V2.75h3.5v1.5M4 4.25l.6 8.6c.05.7.63 1.4 1.33 1.4h4.14c.7 0 1.28-.7 1.33-1.4l.6-8.6M6.6 7v4.5M9.4 7v4.5';

export const TABLE_ACTION_GROUPS: TableActionGroup[] = [
  {
    name: 'rows',
    actions: [
      { label: 'Add row above', icon: PLUS_ABOVE, run: (c) => c.addRowBefore() },
      { label: 'Add row below', icon: PLUS_BELOW, run: (c) => c.addRowAfter() },
      { label: 'Delete row', icon: DELETE_ROW, run: (c) => c.deleteRow() },
    ],
  },
  {
    name: 'columns',
    actions: [
      { label: 'Add column left', icon: PLUS_LEFT, run: (c) => c.addColumnBefore() },
      { label: 'Add column right', icon: PLUS_RIGHT, run: (c) => c.addColumnAfter() },
      { label: 'Delete column', icon: DELETE_COLUMN, run: (c) => c.deleteColumn() },
    ],
  },
  {
    name: 'table',
    actions: [
      { label: 'Header row', icon: HEADER_ROW, isActive: isHeaderRowOn, run: (c) => c.toggleHeaderRow() },
      { label: 'Delete table', icon: DELETE_TABLE, run: (c) => c.deleteTable(), danger: true },
    ],
  },
];

/** Where the table around the caret starts, or null outside tables. */
export function tablePosAround(editor: Editor): number | null {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === 'table') return $from.before(depth);
  }
  return null;
}

/** Whether the table around the caret starts with a row of header cells. */
function isHeaderRowOn(editor: Editor): boolean {
  const pos = tablePosAround(editor);
  const firstRow = pos === null ? null : editor.state.doc.nodeAt(pos)?.firstChild;
  if (!firstRow || firstRow.childCount === 0) return false;
  let allHeaders = true;
  firstRow.forEach((cell) => {
    if (cell.type.name !== 'tableHeader') allHeaders = false;
  });
  return allHeaders;
}
