import { NotificationBell } from '../fixtures/notifications.ts';
import { expect, test } from '../fixtures/test.ts';

// The document list follows the event stream: no reload, no polling.
test.describe('live document list', () => {
  test('a document shared with B appears in B’s open list, renamed in place, and leaves when access is removed', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ben.list.goto();
    await expect(ben.page.getByText('No documents yet')).toBeVisible();
    const bell = new NotificationBell(ben.page);
    await bell.waitUntilLive();
    // Survives only if the page is never reloaded.
    await ben.page.evaluate(() => ((window as unknown as { untouched: boolean }).untouched = true));

    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await anaEditor.title.fill('Plan');
    await anaEditor.title.press('Enter');
    await expect(ana.page).toHaveTitle(/Plan/);
    await ana.share(anaEditor.docId, ben, 'editor');

    const row = ben.list.row('Plan');
    await expect(row).toBeVisible();
    await expect(row.getByTestId('role-badge')).toHaveText('Can edit');
    await bell.expectUnread(1);

    await anaEditor.title.fill('Plan for Q3');
    await anaEditor.title.press('Enter');
    await expect(ben.list.row('Plan for Q3')).toBeVisible();
    await expect(ben.list.rows()).toHaveCount(1);

    const dialog = await anaEditor.openShare();
    await dialog.remove('Ben Okafor');
    await expect(ben.list.rows()).toHaveCount(0);
    await expect(ben.page.getByText('No documents yet')).toBeVisible();
    expect(await ben.page.evaluate(() => (window as unknown as { untouched?: boolean }).untouched)).toBe(true);
  });

  test('a document created in one tab shows in the person’s other tab', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const other = await ana.newTab();
    await other.list.goto();
    await new NotificationBell(other.page).waitUntilLive();
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await expect(other.list.rows()).toHaveCount(1);
    await expect(other.list.rows().first()).toHaveAttribute('data-doc-id', editor.docId);
  });

  test('after a server restart the stream reconnects and catches up with what happened meanwhile', async ({ actor, server }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    const docId = editor.docId;
    await ben.list.goto();
    const bell = new NotificationBell(ben.page);
    await bell.waitUntilLive();

    await server.stop();
    await expect(bell.root).toHaveAttribute('data-stream-status', 'reconnecting');
    await bell.open();
    await expect(bell.panel.getByRole('status')).toHaveText('Reconnecting…');

    // Shared while Ben's stream is still waiting to retry: the event is in the log, and his
    // reconnect (Last-Event-ID) brings it.
    await server.start();
    await ana.share(docId, ben, 'viewer');
    await bell.waitUntilLive();
    await expect(ben.list.rows()).toHaveCount(1);
    await bell.expectUnread(1);
    await expect(bell.panel.getByRole('status')).toHaveCount(0);
    await expect(bell.item('Ana Lima shared')).toBeVisible();
  });
});
