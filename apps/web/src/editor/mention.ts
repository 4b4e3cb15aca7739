import type { MentionOptions } from '@tiptap/extension-mention';
import { ReactRenderer } from '@tiptap/react';
import type { SuggestionProps } from '@tiptap/suggestion';
import { MentionList, type MentionListHandle, type MentionListProps } from '../components/MentionList.tsx';
import type { MentionCandidate, MentionSource } from './mention-source.ts';

// The "@" picker of the mention node (the node itself, `mention` with `id` and `label`, is
// @inkwell/editor-schema's, shared with the server), rendered by React. The plugin positions the popup at the caret (Floating UI) and hands
// us the keys while it is open; Escape closes it.

type Props = SuggestionProps<MentionCandidate, { id: string; label: string }>;

function listProps(props: Props, source: MentionSource): MentionListProps {
  return {
    items: props.items,
    query: props.query,
    loading: props.loading,
    error: source.error !== null,
    nobodyElse: source.others === 0,
    onSelect: (item) => props.command({ id: item.id, label: item.label }),
  };
}

/** The Mention node's `suggestion` option, for documentExtensions({ mentionSuggestion }). */
export function mentionSuggestion(source: MentionSource): Partial<MentionOptions['suggestion']> {
  return {
    char: '@',
    items: ({ query }) => source.search(query),
    render: () => {
      let renderer: ReactRenderer<MentionListHandle, MentionListProps> | null = null;
      let unmount: (() => void) | null = null;
      return {
        onStart: (props: Props) => {
          renderer = new ReactRenderer(MentionList, {
            editor: props.editor,
            props: listProps(props, source),
            className: 'mention-popup',
          });
          unmount = props.mount(renderer.element);
        },
        onUpdate: (props: Props) => renderer?.updateProps(listProps(props, source)),
        onKeyDown: ({ event }) => renderer?.ref?.onKeyDown(event) ?? false,
        onExit: () => {
          unmount?.();
          renderer?.destroy();
          renderer = null;
          unmount = null;
        },
      };
    },
  };
}
