import type { Editor } from '@tiptap/core';
import { useCallback, useSyncExternalStore } from 'react';
import { undoManagerOf } from '../editor/undo-steps.ts';

// Read from the Y.UndoManager's own events rather than from editor transactions: an undo
// dispatches its ProseMirror transaction while Yjs is still inside the undo, before the step
// has moved to the redo stack, so a transaction-driven selector would see a stale redo state.
const STACK_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

export function useUndoState(editor: Editor): UndoState {
  const subscribe = useCallback(
    (listener: () => void) => {
      const manager = undoManagerOf(editor.state);
      if (!manager) return () => {};
      for (const event of STACK_EVENTS) manager.on(event, listener);
      return () => {
        for (const event of STACK_EVENTS) manager.off(event, listener);
      };
    },
    [editor],
  );
  const canUndo = useSyncExternalStore(subscribe, () => undoManagerOf(editor.state)?.canUndo() ?? false);
  const canRedo = useSyncExternalStore(subscribe, () => undoManagerOf(editor.state)?.canRedo() ?? false);
  return { canUndo, canRedo };
}
