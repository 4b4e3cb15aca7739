import { Extension, type Range } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { ReactRenderer } from '@tiptap/react';
import { Suggestion, type SuggestionPositionData, type SuggestionProps } from '@tiptap/suggestion';
import { type SlashMenuHandle, SlashMenu as SlashMenuList, type SlashMenuProps } from '../components/SlashMenu.tsx';
import { filterSlashItems, type SlashItem, slashItems } from './slash-items.ts';

// The "/" block menu: Tiptap's suggestion plugin (as the "@" picker uses it, editor/mention.ts)
// with "/" as its character. It opens when "/" starts a text block or follows a space, so a date
// like 1/2 or a path like a/b does not open it; a space, Escape or moving the caret away closes
// it, and Escape leaves the typed "/query" as text.

const slashMenuKey = new PluginKey('slashMenu');

/** Space kept between the menu and the window's edges (phones). */
const EDGE_MARGIN_PX = 8;

type Props = SuggestionProps<SlashItem, SlashItem>;

function menuProps(props: Props): SlashMenuProps {
  return { items: props.items, editorElement: props.editor.view.dom, onSelect: (item) => props.command(item) };
}

/**
 * The plugin's Floating UI placement flips the menu above the caret near the bottom of the
 * window; it does not shift it sideways, so a "/" typed near the right edge of a phone would put
 * the menu partly off screen. This keeps it inside the window horizontally.
 */
function placeInWindow(element: HTMLElement, { x, y, strategy }: SuggestionPositionData) {
  const maxLeft = window.innerWidth - element.offsetWidth - EDGE_MARGIN_PX;
  const scrollX = strategy === 'absolute' ? window.scrollX : 0;
  element.style.position = strategy;
  element.style.left = `${Math.max(EDGE_MARGIN_PX + scrollX, Math.min(x, maxLeft + scrollX))}px`;
  element.style.top = `${y}px`;
  element.style.visibility = '';
}

/** Code has its own slashes (comments, paths, division): no menu inside a code block or inline code. */
function allowedAt(range: Range, state: Props['editor']['state']): boolean {
  const $from = state.doc.resolve(range.from);
  if ($from.parent.type.spec.code) return false;
  return !state.schema.marks.code?.isInSet($from.marks());
}

export const SlashCommands = Extension.create({
  name: 'slashCommands',

  addProseMirrorPlugins() {
    return [
      Suggestion<SlashItem, SlashItem>({
        editor: this.editor,
        pluginKey: slashMenuKey,
        char: '/',
        decorationClass: 'suggestion slash-query',
        allow: ({ state, range }) => allowedAt(range, state),
        items: ({ query }) => filterSlashItems(slashItems, query),
        // One chain: the "/query" goes and the block comes in the same transaction (one undo step).
        command: ({ editor, range, props: item }) => {
          item.run(editor.chain().focus().deleteRange(range), editor).run();
        },
        render: () => {
          let renderer: ReactRenderer<SlashMenuHandle, SlashMenuProps> | null = null;
          let unmount: (() => void) | null = null;
          return {
            onStart: (props: Props) => {
              renderer = new ReactRenderer(SlashMenuList, { editor: props.editor, props: menuProps(props), className: 'slash-popup' });
              const element = renderer.element as HTMLElement;
              // Hidden until Floating UI has placed it, so it never flashes at the end of the page.
              element.style.visibility = 'hidden';
              unmount = props.mount(element, { onPosition: (position) => placeInWindow(element, position) });
            },
            onUpdate: (props: Props) => renderer?.updateProps(menuProps(props)),
            onKeyDown: ({ event }) => renderer?.ref?.onKeyDown(event) ?? false,
            onExit: () => {
              unmount?.();
              renderer?.destroy();
              renderer = null;
              unmount = null;
            },
          };
        },
      }),
    ];
  },
});
