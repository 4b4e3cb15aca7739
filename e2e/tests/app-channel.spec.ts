// The app channel on the document socket, seen from two browsers: live renames, "is typing",
// versions restored for everyone, and the activity panel (docs/protocol.md "App channel").
import type { Page } from '@playwright/test';
import { type Actor, expect, test } from '../fixtures/test.ts';

/** Ana owns a new document shared with Ben as an editor; both have it open and live. */
async function twoEditors(actor: (name: string) => Promise<Actor>) {
  const ana = await actor('Ana Lima');
  const ben = await actor('Ben Okafor');
  await ana.list.goto();
  const editor = await ana.list.createDoc();
  await ana.share(editor.docId, ben, 'editor');
  await ben.editor.open(editor.docId);
  await expect(ana.editor.presenceUser('Ben Okafor')).toBeVisible();
  return { ana, ben, docId: editor.docId };
}

/** Records the document renames (HTTP PATCH) a page sends from now on. */
function recordPatches(page: Page): string[] {
  const patches: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PATCH' && /\/api\/docs\//.test(request.url())) patches.push(request.url());
  });
  return patches;
}

/** Marks the page so a later check can tell it was not reloaded. */
async function markPage(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  return () => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
}

test.describe('app channel', () => {
  test('a rename in one window shows in the other at once, without a reload', async ({ actor }) => {
    const { ana, ben } = await twoEditors(actor);
    const patches = recordPatches(ana.page);
    const stillSamePage = await markPage(ben.page);

    await ana.editor.title.fill('Quarterly plan');
    await ana.editor.title.press('Enter');

    await expect(ben.editor.title).toHaveValue('Quarterly plan');
    await expect(ben.page).toHaveTitle('Quarterly plan · Inkwell');
    expect(await stillSamePage()).toBe(true);
    // The live socket carried it (doc.rename), not the HTTP fallback.
    expect(patches).toEqual([]);
  });

  test('without a socket the rename goes over HTTP and still reaches the other window', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await ana.share(editor.docId, ben, 'editor');
    await ben.editor.open(editor.docId);

    // Ana's tab loses its socket for good (every new one is refused by the network).
    await ana.page.routeWebSocket(/\/ws\/doc\//, (ws) => ws.close({ code: 1011 }));
    await ana.page.reload();
    await expect(ana.editor.status).toHaveText('Offline');
    const patches = recordPatches(ana.page);

    await ana.editor.title.fill('Renamed while offline');
    await ana.editor.title.press('Enter');
    await expect.poll(() => patches.length).toBe(1);
    await expect(ben.editor.title).toHaveValue('Renamed while offline');
  });

  test('"is typing" appears in the other window and goes away when the typing stops', async ({ actor }) => {
    const { ana, ben } = await twoEditors(actor);
    await expect(ben.editor.typing).toHaveText('');

    await ana.editor.typeAtEnd('Hello');
    await expect(ben.editor.typing).toHaveText('Ana Lima is typing…');
    // Nobody is told about their own typing.
    await expect(ana.editor.typing).toHaveText('');
    // A pause ends it (the client says so after about two idle seconds).
    await expect(ben.editor.typing).toHaveText('', { timeout: 6_000 });

    // Leaving the editor ends it too.
    await ana.page.keyboard.type(' again');
    await expect(ben.editor.typing).toHaveText('Ana Lima is typing…');
    await ana.editor.title.click();
    await expect(ben.editor.typing).toHaveText('');

    // It works both ways; a window that closes takes its "is typing" with it.
    await ben.editor.typeAtEnd('b');
    await expect(ana.editor.typing).toHaveText('Ben Okafor is typing…');
    await ben.page.close();
    await expect(ana.editor.typing).toHaveText('');
  });

  test('"is typing" expires on its own when the typing window goes silent', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await ana.share(editor.docId, ben, 'editor');
    await ben.editor.open(editor.docId);

    // Ana's socket runs through a relay that can go silent: her frames stop reaching the
    // server while the server still thinks she is there (a frozen laptop, a dead Wi-Fi).
    let silent = false;
    await ana.page.routeWebSocket(/\/ws\/doc\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (!silent) server.send(message);
      });
      server.onMessage((message) => ws.send(message));
    });
    await ana.editor.open(editor.docId);
    await expect(ben.editor.presenceUser('Ana Lima')).toBeVisible();

    await ana.editor.typeAtEnd('Going quiet');
    // Her "typing" went out with the first keystroke; what she sends from now on is lost,
    // including the "stopped typing" two idle seconds later.
    silent = true;
    const typedAt = Date.now();
    await expect(ben.editor.typing).toHaveText('Ana Lima is typing…');
    // Ben's tab drops the notice when it expires (5 s after it was sent), not after the
    // 2 s a "stopped typing" would have taken.
    await expect(ben.editor.typing).toHaveText('', { timeout: 12_000 });
    expect(Date.now() - typedAt).toBeGreaterThan(3_500);
    await expect(ben.editor.presenceUser('Ana Lima')).toBeVisible();
  });

  test('restoring a version converges both windows, and the restore can be undone', async ({ actor }) => {
    const { ana, ben } = await twoEditors(actor);
    await ana.editor.typeAtEnd('First draft.');
    await expect(ben.editor.content).toHaveText('First draft.');

    await ana.editor.versions.open();
    await ben.editor.versions.open();
    await expect(ana.editor.versions.empty).toHaveText(/^No versions yet\./);
    await ana.editor.versions.create('Draft 1');
    // Ben's list learns of it from the server's push.
    await expect(ben.editor.versions.item('Draft 1')).toContainText('Ana Lima');

    await ana.editor.typeAtEnd(' Second thoughts.');
    await expect(ben.editor.content).toHaveText('First draft. Second thoughts.');

    await ben.editor.versions.openPreview('Draft 1');
    await ben.editor.versions.showFullText();
    await expect(ben.editor.versions.previewContent).toHaveText('First draft.');
    await ben.editor.versions.restore();
    await expect(ben.editor.content).toHaveText('First draft.');
    await expect(ana.editor.content).toHaveText('First draft.');
    // The server kept what was there as a "before restore" version, in both lists.
    for (const tab of [ana, ben]) {
      await expect(tab.editor.versions.beforeRestore()).toHaveCount(1);
      await expect(tab.editor.versions.items).toHaveCount(2);
    }

    await ben.editor.versions.undoRestore();
    await expect(ben.editor.content).toHaveText('First draft. Second thoughts.');
    await expect(ana.editor.content).toHaveText('First draft. Second thoughts.');

    // Both windows still edit together afterwards.
    await ana.editor.typeAtEnd(' Done.');
    await expect(ben.editor.content).toHaveText('First draft. Second thoughts. Done.');
  });

  test('the activity panel follows edits, words and connections as they happen', async ({ actor }) => {
    const { ana, ben, docId } = await twoEditors(actor);
    await ben.editor.activity.open();
    await expect(ben.editor.activity.connections).toHaveText('2');
    await expect(ben.editor.activity.words).toHaveText('0');
    await expect(ben.editor.activity.root).toContainText('Nobody has changed the text in the last minute.');

    await ana.editor.typeAtEnd('one two three');
    await expect(ben.editor.activity.words).toHaveText('3');
    await expect(ben.editor.activity.editor('Ana Lima')).toBeVisible();
    await expect.poll(() => ben.editor.activity.added('Ana Lima')).toBeGreaterThanOrEqual('one two three'.length);
    const before = await ben.editor.activity.added('Ana Lima');

    await ana.page.keyboard.type(' four');
    await expect(ben.editor.activity.words).toHaveText('4');
    await expect.poll(() => ben.editor.activity.added('Ana Lima')).toBeGreaterThan(before);

    await ben.editor.typeAtEnd(' five');
    await expect(ben.editor.activity.editor('Ben Okafor')).toContainText('(you)');
    // Most recent first.
    await expect(ben.editor.activity.editors.first()).toHaveAttribute('data-user', 'Ben Okafor');

    const third = await ana.newTab();
    await third.editor.open(docId);
    await expect(ben.editor.activity.connections).toHaveText('3');
    await third.page.close();
    await expect(ben.editor.activity.connections).toHaveText('2');
  });
});
