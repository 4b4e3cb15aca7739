import { expect, test } from '../fixtures/test.ts';

test.describe('two people on one document', () => {
  test('typing in both windows converges, and each sees the other’s caret and name', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');

    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'editor');
    await ben.editor.open(anaEditor.docId);

    await anaEditor.typeAtEnd('Hello from Ana.');
    await expect(ben.editor.content).toContainText('Hello from Ana.');
    await ben.editor.typeAtEnd(' And from Ben.');
    await expect(anaEditor.content).toContainText('Hello from Ana. And from Ben.');
    await expect(ben.editor.content).toContainText('Hello from Ana. And from Ben.');

    // Carets carry the other person's name; the presence list shows both people.
    await expect(anaEditor.caretLabel('Ben Okafor')).toBeVisible();
    await expect(ben.editor.caretLabel('Ana Lima')).toBeVisible();
    await expect(anaEditor.presenceUser('Ben Okafor')).toBeVisible();
    await expect(ben.editor.presenceUser('Ana Lima')).toBeVisible();

    // A closed window's presence disappears for the other at once.
    await ben.page.close();
    await expect(anaEditor.presenceUser('Ben Okafor')).toHaveCount(0);
    await expect(anaEditor.caretLabel('Ben Okafor')).toHaveCount(0);
  });

  test('a reload keeps the content, exactly once', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('Kept across reloads.');
    // Reload only once the server has it: the other window is the witness.
    const ben = await actor('Ben Okafor');
    await ana.share(editor.docId, ben, 'viewer');
    await ben.editor.open(editor.docId);
    await expect(ben.editor.content).toHaveText('Kept across reloads.');
    // Until Ana's own tab has the acknowledgement, leaving asks "leave this page?" first.
    await expect(editor.saveStatus).toHaveText('All changes saved');

    await ana.page.reload();
    await editor.waitUntilLive();
    await expect(editor.content).toHaveText('Kept across reloads.');
  });

  test('a server restart keeps the content; open windows reconnect without duplicating it', async ({ actor, server }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await ana.share(editor.docId, ben, 'editor');
    await ben.editor.open(editor.docId);
    await editor.typeAtEnd('Before the restart.');
    await expect(ben.editor.content).toHaveText('Before the restart.');

    await server.stop();
    await expect(editor.status).toHaveText('Offline');
    await server.start();
    await expect(editor.status).toHaveText('Live', { timeout: 15_000 });
    await expect(ben.editor.status).toHaveText('Live', { timeout: 15_000 });

    await editor.typeAtEnd(' After.');
    await expect(ben.editor.content).toHaveText('Before the restart. After.');
    await expect(editor.content).toHaveText('Before the restart. After.');

    const carla = await actor('Carla Diaz');
    await ana.share(editor.docId, carla, 'viewer');
    await carla.editor.open(editor.docId);
    await expect(carla.editor.content).toHaveText('Before the restart. After.');
  });
});
