import { expect, test } from '../fixtures/test.ts';

// Both orders are a correct merge of two inserts at the same place: Yjs picks one by client
// id. What must never happen is a text missing or appearing twice.
const MERGED = /^Start\. (Ana offline\. Ben online\.|Ben online\. Ana offline\.)$/;

test.describe('saving and working offline', () => {
  test('typing shows Saving… then All changes saved, and the text survives a reload', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await expect(editor.saveStatus).toHaveText('All changes saved');

    const history = await editor.recordSaveStatus();
    await editor.typeAtEnd('Stored before the reload.');
    await expect(editor.saveStatus).toHaveText('All changes saved');
    expect((await history()).slice(-2)).toEqual(['Saving…', 'All changes saved']);

    // Nothing is unsaved, so the reload must not stop at a "leave this page?" prompt.
    await ana.page.reload();
    await editor.waitUntilLive();
    await expect(editor.content).toHaveText('Stored before the reload.');
    await expect(editor.saveStatus).toHaveText('All changes saved');
  });

  test('edits made offline stay in the tab, merge once on return and are then saved', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'editor');
    await ben.editor.open(anaEditor.docId);
    await anaEditor.typeAtEnd('Start.');
    await expect(ben.editor.content).toHaveText('Start.');
    await expect(anaEditor.saveStatus).toHaveText('All changes saved');

    await ana.context.setOffline(true);
    await expect(anaEditor.status).toHaveText('Offline');
    await anaEditor.typeAtEnd(' Ana offline.');
    await expect(anaEditor.saveStatus).toHaveText('Not saved yet');

    await ben.editor.typeAtEnd(' Ben online.');
    await expect(ben.editor.saveStatus).toHaveText('All changes saved');
    // Ben's words are stored; Ana's never left her tab, so neither has the other's.
    await expect(ben.editor.content).toHaveText('Start. Ben online.');
    await expect(anaEditor.content).toHaveText('Start. Ana offline.');

    const history = await anaEditor.recordSaveStatus();
    await ana.context.setOffline(false);
    await expect(anaEditor.status).toHaveText('Live');
    await expect(anaEditor.content).toHaveText(MERGED);
    await expect(ben.editor.content).toHaveText(MERGED);
    const merged = (await anaEditor.content.textContent()) ?? '';
    await expect(ben.editor.content).toHaveText(merged);
    await expect(anaEditor.saveStatus).toHaveText('All changes saved');
    expect(await history()).toEqual(['Not saved yet', 'Saving…', 'All changes saved']);

    // Saved means stored: someone opening the document now gets the merged text.
    const carla = await actor('Carla Diaz');
    await ana.share(anaEditor.docId, carla, 'viewer');
    await carla.editor.open(anaEditor.docId);
    await expect(carla.editor.content).toHaveText(merged);
  });

  test('leaving the page with unsaved edits asks first', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await ana.context.setOffline(true);
    await expect(editor.status).toHaveText('Offline');
    await editor.typeAtEnd('Only in this tab.');
    await expect(editor.saveStatus).toHaveText('Not saved yet');

    const dialog = ana.page.waitForEvent('dialog');
    await ana.page.close({ runBeforeUnload: true });
    expect((await dialog).type()).toBe('beforeunload');
    await (await dialog).dismiss();
    // Staying keeps the page and its edits.
    await expect(editor.content).toHaveText('Only in this tab.');
  });
});
