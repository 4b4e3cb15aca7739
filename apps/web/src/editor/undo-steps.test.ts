// @vitest-environment happy-dom
// The boundary decision on its own, then the plugin in a real Tiptap editor bound to a Y.Doc
// (as in CollaborativeEditor), typing faster than the 500 ms capture timeout.
import { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { StarterKit } from '@tiptap/starter-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startsUndoStep, UndoSteps, undoManagerOf } from './undo-steps.ts';

describe('startsUndoStep', () => {
  const at = (before: string, text: string, replacesSelection = false) => startsUndoStep({ before, text, replacesSelection });

  it('starts a step at the first letter of a word', () => {
    expect(at(' ', 'b')).toBe(true);
    expect(at(',', 'b')).toBe(true);
    expect(at('', 'a')).toBe(true);
    expect(at('\ufffc', 'a')).toBe(true);
    expect(at(' ', '7')).toBe(true);
  });

  it('keeps letters inside a word, and the space or punctuation after it, in the same step', () => {
    expect(at('a', 'l')).toBe(false);
    expect(at('é', 't')).toBe(false);
    expect(at('a', ' ')).toBe(false);
    expect(at('a', '.')).toBe(false);
    expect(at(' ', ' ')).toBe(false);
  });

  it('starts a step when typing replaces a selection', () => {
    expect(at('a', 'b', true)).toBe(true);
  });
});

describe('undo steps in a collaborative editor', () => {
  let doc: Y.Doc;
  let editor: Editor;

  /** Types character by character through handleTextInput, as the browser's input does. */
  function type(text: string): void {
    for (const char of text) {
      const { view } = editor;
      const { from, to } = view.state.selection;
      const handled = view.someProp('handleTextInput', (f) => f(view, from, to, char, () => view.state.tr.insertText(char, from, to)));
      if (!handled) view.dispatch(view.state.tr.insertText(char, from, to));
    }
  }

  function pressEnter(): void {
    const { view } = editor;
    const event = new KeyboardEvent('keydown', { key: 'Enter' });
    // The keymaps are handleKeyDown props too: the first that handles Enter splits the block.
    const handled = view.someProp('handleKeyDown', (f) => f(view, event));
    expect(handled).toBe(true);
  }

  beforeEach(() => {
    doc = new Y.Doc();
    editor = new Editor({
      element: document.createElement('div'),
      extensions: [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ document: doc }), UndoSteps],
    });
    editor.commands.focus('end');
  });

  afterEach(() => {
    editor.destroy();
    doc.destroy();
  });

  it('one undo removes only the last word of a continuous burst', () => {
    type('alpha beta gamma');
    expect(editor.getText()).toBe('alpha beta gamma');
    editor.commands.undo();
    expect(editor.getText()).toBe('alpha beta ');
    editor.commands.undo();
    expect(editor.getText()).toBe('alpha ');
    editor.commands.redo();
    expect(editor.getText()).toBe('alpha beta ');
  });

  it('Enter is a step of its own', () => {
    type('one');
    pressEnter();
    type('two');
    const blocks = () => editor.state.doc.content.content.map((block) => block.textContent);
    expect(blocks()).toEqual(['one', 'two']);
    editor.commands.undo();
    expect(blocks()).toEqual(['one', '']);
    editor.commands.undo();
    expect(blocks()).toEqual(['one']);
  });

  it('never undoes text that arrived from someone else', () => {
    type('mine');
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const paragraph = (remote.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    paragraph.insert(0, 'theirs ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'provider');
    expect(editor.getText()).toBe('theirs mine');
    while (undoManagerOf(editor.state)?.canUndo()) editor.commands.undo();
    expect(editor.getText()).toBe('theirs ');
    remote.destroy();
  });
});
