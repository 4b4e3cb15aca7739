// The settings page (issue 15): a rename reaches other people's presence lists live; the
// password form's errors and success; the shortcut sheet opens with "?" and from the menu.

import { SettingsPage, shortcutSheet } from '../fixtures/settings.ts';
import { expect, PASSWORD, test } from '../fixtures/test.ts';

test('a rename in settings shows at once in the presence list of someone in a shared document', async ({ actor }) => {
  const ana = await actor('Ana Lima');
  const ben = await actor('Ben Ode');
  await ana.list.goto();
  const editor = await ana.list.createDoc();
  const docId = editor.docId;
  await ana.share(docId, ben, 'editor');
  await ben.editor.open(docId);
  await expect(ben.editor.presenceUser('Ana Lima')).toHaveCount(1);

  // Ana keeps the document open in one tab and renames herself in another.
  const settingsTab = await ana.newTab();
  await settingsTab.page.goto('/');
  const settings = new SettingsPage(settingsTab.page);
  await settings.openFromMenu();
  await expect(settings.name).toHaveValue('Ana Lima');
  await settings.rename('Ana María Lima');
  await expect(settings.saved(settings.nameForm)).toContainText('Ana María Lima');
  await expect(settingsTab.page.getByTestId('current-user')).toHaveText('Ana María Lima');

  // Ben never reloads: the name comes through Ana's open tab's awareness.
  await expect(ben.editor.presenceUser('Ana María Lima')).toHaveCount(1);
  await expect(ben.editor.presenceUser('Ana Lima')).toHaveCount(0);
  await expect(ana.page.getByTestId('current-user')).toHaveText('Ana María Lima');
});

test('the name and password forms validate inline, show server errors and confirm success', async ({ actor }) => {
  const ana = await actor('Ana Lima');
  await ana.page.goto('/settings');
  const settings = new SettingsPage(ana.page);

  await settings.rename('   ');
  await expect(settings.errors(settings.nameForm)).toHaveText('Enter your name');
  await expect(settings.name).toBeFocused();

  await settings.changePassword('wrong password', 'a new passphrase');
  await expect(settings.errors(settings.passwordForm)).toHaveText('That is not your current password');
  await expect(settings.currentPassword).toBeFocused();

  await settings.changePassword(PASSWORD, 'short', 'short');
  await expect(settings.errors(settings.passwordForm)).toHaveText('Password must be at least 8 characters');
  await expect(settings.newPassword).toBeFocused();

  await settings.changePassword(PASSWORD, 'a new passphrase', 'another one');
  await expect(settings.errors(settings.passwordForm)).toHaveText('The two new passwords differ');
  await expect(settings.repeatPassword).toBeFocused();
  // From the first submit on, the errors follow the typing.
  await settings.repeatPassword.fill('a new passphrase');
  await expect(settings.errors(settings.passwordForm)).toHaveCount(0);

  await settings.changePassword(PASSWORD, 'a new passphrase');
  await expect(settings.saved(settings.passwordForm)).toHaveText(/Password changed/);
  await expect(settings.currentPassword).toHaveValue('');
  // This session stays signed in.
  await ana.page.reload();
  await expect(ana.page.getByTestId('current-user')).toHaveText('Ana Lima');
});

test('"?" opens the shortcut sheet, Escape closes it and the focus goes back', async ({ actor }) => {
  const ana = await actor('Ana Lima');
  await ana.list.goto();
  const newDoc = ana.page.getByRole('button', { name: 'New document' }).first();
  await newDoc.focus();
  await ana.page.keyboard.press('Shift+Slash');
  const sheet = shortcutSheet(ana.page);
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('region', { name: 'Text formatting' })).toContainText('Bold');
  await expect(sheet.getByRole('region', { name: 'Editor' })).toContainText('Comment on the selection');
  await expect(sheet.getByRole('region', { name: 'App' })).toContainText('Search documents');
  await ana.page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(newDoc).toBeFocused();

  // From the account menu too; typing "?" in a text field types it.
  await ana.page.getByTestId('account-menu').click();
  await ana.page.getByRole('menuitem', { name: 'Keyboard shortcuts' }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toHaveCount(0);
  await expect(ana.page.getByTestId('account-menu')).toBeFocused();

  const search = ana.page.getByRole('combobox').or(ana.page.getByRole('searchbox')).first();
  await search.click();
  await ana.page.keyboard.type('?');
  await expect(sheet).toHaveCount(0);
});
