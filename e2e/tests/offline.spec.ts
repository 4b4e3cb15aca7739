import { SignInPage } from '../fixtures/pages.ts';
import { type Actor, expect, test } from '../fixtures/test.ts';

// Both orders are a correct merge of two inserts at the same place: Yjs picks one by client
// id. What must never happen is a text missing or appearing twice.
const MERGED = /^Start\. (Ana offline\. Ben online\.|Ben online\. Ana offline\.)$/;

/** Ana's new document, shared with Ben as an editor, both with "Start." stored and shown. */
async function twoEditorsAfterStart(actor: (name: string) => Promise<Actor>) {
  const ana = await actor('Ana Lima');
  const ben = await actor('Ben Okafor');
  await ana.list.goto();
  const anaEditor = await ana.list.createDoc();
  await ana.share(anaEditor.docId, ben, 'editor');
  await ben.editor.open(anaEditor.docId);
  await anaEditor.typeAtEnd('Start.');
  await expect(ben.editor.content).toHaveText('Start.');
  await expect(anaEditor.saveStatus).toHaveText('All changes saved');
  return { ana, ben, anaEditor };
}

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
    const { ana, ben, anaEditor } = await twoEditorsAfterStart(actor);

    await ana.context.setOffline(true);
    await expect(anaEditor.status).toHaveText('Offline');
    await anaEditor.typeAtEnd(' Ana offline.');
    await expect(anaEditor.saveStatus).toHaveText('Saved on this device');

    await ben.editor.typeAtEnd(' Ben online.');
    await expect(ben.editor.saveStatus).toHaveText('All changes saved');
    // Ben's words are stored; Ana's never left her browser, so neither has the other's.
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
    expect(await history()).toEqual(['Saved on this device', 'Saving…', 'All changes saved']);

    // Saved means stored: someone opening the document now gets the merged text.
    const carla = await actor('Carla Diaz');
    await ana.share(anaEditor.docId, carla, 'viewer');
    await carla.editor.open(anaEditor.docId);
    await expect(carla.editor.content).toHaveText(merged);
  });

  test('edits made offline survive a reload while offline and reach the other tab once, after', async ({ actor }) => {
    const { ana, ben, anaEditor } = await twoEditorsAfterStart(actor);

    await ana.context.setOffline(true);
    await expect(anaEditor.status).toHaveText('Offline');
    await anaEditor.typeAtEnd(' Typed offline.');
    // Kept in this browser, so leaving the page loses nothing and need not ask.
    await expect(anaEditor.saveStatus).toHaveText('Saved on this device');

    // The page itself comes from the service worker, the account and the document's title
    // from this device, the text from IndexedDB.
    await ana.page.reload();
    await expect(anaEditor.content).toHaveText('Start. Typed offline.');
    await expect(anaEditor.status).toHaveText('Offline');
    await expect(anaEditor.saveStatus).toHaveText('Saved on this device');
    await expect(ben.editor.content).toHaveText('Start.');

    await ana.context.setOffline(false);
    await expect(anaEditor.status).toHaveText('Live', { timeout: 20_000 });
    await expect(anaEditor.saveStatus).toHaveText('All changes saved');
    await expect(ben.editor.content).toHaveText('Start. Typed offline.');
    // Once: a new reader gets exactly that text from the server.
    const carla = await actor('Carla Diaz');
    await ana.share(anaEditor.docId, carla, 'viewer');
    await carla.editor.open(anaEditor.docId);
    await expect(carla.editor.content).toHaveText('Start. Typed offline.');
    await expect(ben.editor.content).toHaveText('Start. Typed offline.');
  });

  test('signing out removes the documents this browser kept', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('Private words.');
    await expect(editor.saveStatus).toHaveText('All changes saved');
    const kept = () =>
      ana.page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name).filter((name) => name?.startsWith('inkwell:')));
    await expect.poll(kept).toHaveLength(1);

    await ana.page.getByRole('button', { name: 'Sign out' }).click();
    await new SignInPage(ana.page).expectShown();
    await expect.poll(kept).toEqual([]);
    expect(await ana.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('inkwell:')))).toEqual([]);
  });
});
