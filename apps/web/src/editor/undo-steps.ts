import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type { UndoManager } from 'yjs';

// Undo granularity. Collaboration's yUndoPlugin builds a Y.UndoManager that tracks only
// `ySyncPluginKey`, the origin of this editor's own edits (remote updates arrive with the
// provider as origin and are never undone here). Its options expose no captureTimeout, so
// Yjs's default of 500 ms applies: every change within 500 ms of the previous one joins the
// same undo step, and a fast typist's whole paragraph became one step. We end the step
// (undoManager.stopCapturing) where people expect one to end: before the first letter of a
// new word, before Enter, and before a paste. A pause of 500 ms still ends a step as well.

// Letters, digits and the underscore make up a word; anything else (space, punctuation,
// the start of a block, an inline node such as a mention) sits between words.
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

export interface TextInput {
  /** The character just before the insertion point in its block; '' at the block's start. */
  before: string;
  /** What is being typed. */
  text: string;
  /** The input replaces a selection rather than inserting at a caret. */
  replacesSelection: boolean;
}

/** Whether typing `input` should start a new undo step rather than extend the current one. */
export function startsUndoStep({ before, text, replacesSelection }: TextInput): boolean {
  if (replacesSelection) return true;
  const first = text.charAt(0);
  if (!WORD_CHAR.test(first)) return false;
  return before === '' || !WORD_CHAR.test(before);
}

export function undoManagerOf(state: EditorState): UndoManager | null {
  const undoState = yUndoPluginKey.getState(state) as { undoManager?: UndoManager } | undefined;
  return undoState?.undoManager ?? null;
}

function charBefore(state: EditorState, pos: number): string {
  const $pos = state.doc.resolve(pos);
  if (pos <= $pos.start()) return '';
  // An inline leaf (a mention) reads as U+FFFC, which is not a word character.
  return state.doc.textBetween(pos - 1, pos, undefined, '\ufffc');
}

/** Must come after Collaboration in the extension list: it reads the undo plugin's state. */
export const UndoSteps = Extension.create({
  name: 'undoSteps',
  // Ahead of the keymaps (priority 100), whose Enter handler would split the block first.
  priority: 1000,

  addProseMirrorPlugins() {
    // Called before the change is applied, so the change itself opens the new step.
    const stopCapturing = (state: EditorState) => undoManagerOf(state)?.stopCapturing();
    return [
      new Plugin({
        key: new PluginKey('undoSteps'),
        props: {
          handleTextInput: (view, from, to, text) => {
            if (startsUndoStep({ before: charBefore(view.state, from), text, replacesSelection: from !== to })) {
              stopCapturing(view.state);
            }
            return false;
          },
          handleKeyDown: (view, event) => {
            if (event.key === 'Enter' && !event.isComposing) stopCapturing(view.state);
            return false;
          },
          handlePaste: (view) => {
            stopCapturing(view.state);
            return false;
          },
        },
      }),
    ];
  },
});
