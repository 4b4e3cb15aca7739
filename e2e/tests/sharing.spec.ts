import { expect, test } from '../fixtures/test.ts';

test.describe('sharing', () => {
  test('the owner shares with a viewer, who reads along live but cannot change anything', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await anaEditor.title.fill('Reading list');
    await anaEditor.title.press('Enter');
    await anaEditor.typeAtEnd('First line from Ana.');
    await ana.page.getByRole('link', { name: 'All documents' }).click();

    const dialog = await ana.list.openShare('Reading list');
    await expect(dialog.root.getByRole('heading', { level: 2 })).toHaveText('Share “Reading list”');
    await expect(dialog.member('Ana Lima')).toContainText('Owner');
    await expect(dialog.root.getByText('Not shared with anyone yet.')).toBeVisible();

    await dialog.share('nobody@example.test', 'View only');
    await expect(dialog.email).toHaveAccessibleDescription('No account uses that e-mail');
    await dialog.share(ben.email, 'View only');
    await expect(dialog.member('Ben Okafor')).toContainText(ben.email);
    await expect(dialog.roleOf('Ben Okafor')).toHaveValue('viewer');
    await expect(dialog.email).toHaveValue('');
    await dialog.close();

    // Ben's list shows the document with his role, and offers nothing he may not do.
    await ben.list.goto();
    const row = ben.list.row('Reading list');
    await expect(row.getByTestId('role-badge')).toHaveText('View only');
    await expect(row.getByRole('button')).toHaveCount(0);

    await row.getByRole('link', { name: 'Reading list' }).click();
    await ben.editor.waitUntilLive();
    await expect(ben.editor.content).toHaveText('First line from Ana.');
    await expect(ben.editor.viewOnlyBadge).toHaveText('View only');
    await expect(ben.editor.content).toHaveAttribute('contenteditable', 'false');
    await expect(ben.editor.toolbar).toHaveCount(0);
    await expect(ben.editor.saveStatus).toHaveCount(0);
    await expect(ben.editor.shareButton).toHaveCount(0);
    await expect(ben.editor.title).toHaveAttribute('readonly', '');

    // Ana's edits arrive live.
    await anaEditor.page.goBack();
    await anaEditor.waitUntilLive();
    await anaEditor.typeAtEnd(' Second line.');
    await expect(ben.editor.content).toHaveText('First line from Ana. Second line.');

    // Ben's keystrokes go nowhere. Ana types after him: once her words arrive, anything
    // of his that had been sent would have arrived before them.
    await ben.editor.content.click();
    await ben.page.keyboard.press('ControlOrMeta+End');
    await ben.page.keyboard.type('Ben was here');
    await ben.editor.title.click();
    await ben.page.keyboard.type('Renamed');
    await anaEditor.typeAtEnd(' Third.');
    await expect(ben.editor.content).toHaveText('First line from Ana. Second line. Third.');
    await expect(anaEditor.content).toHaveText('First line from Ana. Second line. Third.');
    await expect(ben.editor.title).toHaveValue('Reading list');
  });

  test('removing a viewer moves their open tab to the no-access screen at once', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'viewer');
    await ben.editor.open(anaEditor.docId);

    const dialog = await anaEditor.openShare();
    await expect(dialog.member('Ben Okafor')).toBeVisible();
    await dialog.remove('Ben Okafor');
    await expect(dialog.root.getByText('Not shared with anyone yet.')).toBeVisible();

    await expect(ben.editor.noAccess).toContainText('You no longer have access to this document');
    await expect(ben.editor.content).toHaveCount(0);
    await ben.editor.noAccess.getByRole('link', { name: 'Back to all documents' }).click();
    await expect(ben.page.getByText('No documents yet')).toBeVisible();
  });

  test('a viewer removed while offline gets the no-access message once back online', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'viewer');
    await ben.editor.open(anaEditor.docId);

    await ben.context.setOffline(true);
    await expect(ben.editor.status).toHaveText('Offline');
    const dialog = await anaEditor.openShare();
    await dialog.remove('Ben Okafor');
    await ben.context.setOffline(false);
    // The server refuses the upgrade (403), which the browser reports only as a failed
    // attempt; after a few the page asks the API, which answers 404.
    await expect(ben.editor.missing).toContainText('This document does not exist or you have no access', {
      timeout: 20_000,
    });
  });

  test('the owner changes a member’s role in the dialog', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'viewer');

    const dialog = await anaEditor.openShare();
    await dialog.roleOf('Ben Okafor').selectOption({ label: 'Can edit' });
    await expect(dialog.roleOf('Ben Okafor')).toHaveValue('editor');
    await dialog.close();

    await ben.list.goto();
    await expect(ben.list.rows().getByTestId('role-badge')).toHaveText('Can edit');
    await ben.editor.open(anaEditor.docId);
    await ben.editor.typeAtEnd('Ben can write now.');
    await expect(anaEditor.content).toHaveText('Ben can write now.');

    // Back to viewer while Ben's tab is open: it locks without a reload.
    const again = await anaEditor.openShare();
    await again.roleOf('Ben Okafor').selectOption({ label: 'View only' });
    await expect(again.roleOf('Ben Okafor')).toHaveValue('viewer');
    await again.close();
    await expect(ben.editor.content).toHaveAttribute('contenteditable', 'false');
    await expect(ben.page.getByTestId('view-only-badge')).toBeVisible();
  });
});

test.describe('presence with accounts', () => {
  test('avatars name the other person, and mark yourself', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'viewer');
    await ben.editor.open(anaEditor.docId);

    await expect(anaEditor.presenceUser('Ben Okafor')).toBeVisible();
    await expect(anaEditor.presenceUser('Ana Lima')).toContainText('Ana Lima (you)');
    await expect(ben.editor.presenceUser('Ana Lima')).toBeVisible();
    await expect(ben.editor.presenceUser('Ben Okafor')).toContainText('Ben Okafor (you)');
    await expect(ben.editor.presence.getByTestId('presence-user')).toHaveCount(2);
  });

  test('one person in three tabs is one avatar for the others, with a caret per tab', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await anaEditor.typeAtEnd('Shared text.');
    await ana.share(anaEditor.docId, ben, 'editor');

    const tabs = [ben, await ben.newTab(), await ben.newTab()];
    for (const [i, tab] of tabs.entries()) {
      await tab.editor.open(anaEditor.docId);
      // Each tab puts its cursor somewhere of its own, so each has a caret to show.
      await tab.editor.typeAtEnd(` Ben ${i + 1}.`);
    }
    await expect(anaEditor.content).toContainText('Ben 1.');
    await expect(anaEditor.content).toContainText('Ben 3.');

    await expect(anaEditor.presenceUser('Ben Okafor')).toHaveCount(1);
    await expect(anaEditor.presence.getByTestId('presence-user')).toHaveCount(2);
    await expect(anaEditor.presenceUser('Ben Okafor')).toHaveAttribute('data-tabs', '3');
    await expect(anaEditor.carets('Ben Okafor')).toHaveCount(3);

    // Ben's own tabs list him once too, as "you".
    await expect(tabs[0]!.editor.presence.getByTestId('presence-user')).toHaveCount(2);
    await expect(tabs[0]!.editor.presenceUser('Ben Okafor')).toContainText('(you)');

    // Closing a tab takes its caret away; the avatar stays while another tab is open.
    await tabs[2]!.page.close();
    await expect(anaEditor.carets('Ben Okafor')).toHaveCount(2);
    await expect(anaEditor.presenceUser('Ben Okafor')).toHaveAttribute('data-tabs', '2');
  });
});
