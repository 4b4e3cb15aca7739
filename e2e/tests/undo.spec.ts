import { expect, test } from '../fixtures/test.ts';

// Undo is Yjs's UndoManager scoped to the editor's own edits (apps/web/src/editor/undo-steps.ts):
// one step per word, per Enter and per pause of 500 ms (Yjs's captureTimeout).
//
// Yjs measures the pause with Date.now. A loaded machine can stall typing for more than 500 ms
// mid-word, which would rightly start a step there, so these tests stop the page's clock
// (setFixedTime keeps timers running; only Date stands still) and move it on by hand to pause.
const START = new Date('2026-12-01T10:00:00Z');
const PAUSE_MS = 1_000;

test.describe('undo', () => {
  test('one Ctrl+Z after typing continuously removes only the last word; Ctrl+Shift+Z brings it back', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.context.clock.setFixedTime(START);
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('alpha beta gamma');
    await expect(editor.content).toHaveText('alpha beta gamma');

    await ana.page.keyboard.press('ControlOrMeta+z');
    await expect(editor.content).toHaveText('alpha beta');
    await ana.page.keyboard.press('ControlOrMeta+z');
    await expect(editor.content).toHaveText('alpha');
    await ana.page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(editor.content).toHaveText('alpha beta');
  });

  test('a pause inside a word ends a step too', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.context.clock.setFixedTime(START);
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('break');
    await expect(editor.content).toHaveText('break');
    // Yjs merges changes less than 500 ms apart (UndoManager captureTimeout): a pause of a second.
    await ana.context.clock.setFixedTime(START.getTime() + PAUSE_MS);
    await ana.page.keyboard.type('fast');
    await expect(editor.content).toHaveText('breakfast');

    await ana.page.keyboard.press('ControlOrMeta+z');
    await expect(editor.content).toHaveText('break');
  });

  test('Enter is a step of its own', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.context.clock.setFixedTime(START);
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('first');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('second');
    const paragraphs = editor.content.locator('p');
    await expect(paragraphs).toHaveText(['first', 'second']);

    await ana.page.keyboard.press('ControlOrMeta+z');
    await expect(paragraphs).toHaveText(['first', '']);
    await ana.page.keyboard.press('ControlOrMeta+z');
    await expect(paragraphs).toHaveText(['first']);
  });

  test('the Undo and Redo buttons do what the shortcuts do, and are disabled with nothing to do', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.context.clock.setFixedTime(START);
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    const undo = editor.toolbar.getByRole('button', { name: 'Undo' });
    const redo = editor.toolbar.getByRole('button', { name: 'Redo' });
    await expect(undo).toBeDisabled();
    await expect(redo).toBeDisabled();
    await expect(undo).toHaveAttribute('title', /^Undo \((Ctrl\+|⌘)Z\)$/);
    await expect(redo).toHaveAttribute('title', /^Redo \((Ctrl\+|⌘)Shift\+Z\)$/);

    await editor.typeAtEnd('alpha beta gamma');
    await expect(undo).toBeEnabled();
    await undo.click();
    await expect(editor.content).toHaveText('alpha beta');
    await expect(redo).toBeEnabled();
    await redo.click();
    await expect(editor.content).toHaveText('alpha beta gamma');
    await expect(redo).toBeDisabled();
    await undo.click();
    await expect(editor.content).toHaveText('alpha beta');

    // Focus stays in the document with the caret where the undone word was, so typing goes
    // on there; new typing empties the redo stack.
    await ana.page.keyboard.type('delta');
    await expect(editor.content).toHaveText('alpha beta delta');
    await expect(redo).toBeDisabled();
  });

  test('undo in one tab never removes text typed in another', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.context.clock.setFixedTime(START);
    await ana.list.goto();
    const first = await ana.list.createDoc();
    const second = await ana.newTab();
    await second.editor.open(first.docId);

    await first.typeAtEnd('mine');
    await expect(second.editor.content).toHaveText('mine');
    await second.editor.typeAtEnd(' theirs');
    await expect(first.content).toHaveText('mine theirs');

    // Undo everything the first tab has: the second tab's word stays, in both tabs.
    const undo = first.toolbar.getByRole('button', { name: 'Undo' });
    await first.content.click();
    await first.page.keyboard.press('ControlOrMeta+z');
    await expect(undo).toBeDisabled();
    await expect(first.content).toHaveText('theirs');
    await expect(second.editor.content).toHaveText('theirs');
  });
});
