import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

// What the task list node (@inkwell/editor-schema's TaskItem) leaves to the editor:
// - a keyboard way to tick the item at the caret (the checkbox itself sits outside the editable
//   text, where Tab cannot reach it: Tab indents the item);
// - checkboxes that readers cannot use. The node view already refuses a change in a read-only
//   editor, but only by flipping the box back after the click; disabled boxes say so up front
//   (not clickable, announced as unavailable).

const CHECKBOX_SELECTOR = 'ul[data-type="taskList"] > li > label > input[type="checkbox"]';

function disableCheckboxesUnlessEditable(view: EditorView) {
  const disabled = !view.editable;
  for (const box of view.dom.querySelectorAll<HTMLInputElement>(CHECKBOX_SELECTOR)) {
    if (box.disabled !== disabled) box.disabled = disabled;
  }
}

export const TaskItemKeys = Extension.create({
  name: 'taskItemKeys',
  // Above HardBreak, whose Mod-Enter would otherwise break the line inside a task.
  priority: 1000,

  addKeyboardShortcuts() {
    return {
      'Mod-Enter': () => {
        const { $from } = this.editor.state.selection;
        for (let depth = $from.depth; depth > 0; depth--) {
          const node = $from.node(depth);
          if (node.type.name !== 'taskItem') continue;
          const pos = $from.before(depth);
          return this.editor.commands.command(({ tr }) => {
            tr.setNodeMarkup(pos, undefined, { ...node.attrs, checked: !node.attrs.checked });
            return true;
          });
        }
        return false;
      },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('taskItemReadOnly'),
        // Runs after every state change (new items from collaborators) and after setEditable.
        view: (view) => {
          disableCheckboxesUnlessEditable(view);
          return { update: disableCheckboxesUnlessEditable };
        },
      }),
    ];
  },
});
