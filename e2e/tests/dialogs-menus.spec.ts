// The one modal shell (Dialog): Escape, Tab kept inside, the focus back where it was, one
// modal at a time; the shortcut sheet's rows.
import { DocMenu } from '../fixtures/lifecycle.ts';
import { ShareDialog } from '../fixtures/pages.ts';
import { shortcutSheet } from '../fixtures/settings.ts';
import { expect, test } from '../fixtures/test.ts';

test.describe('dialogs', () => {
  test('Share is a modal: Tab stays inside, "?" does not open the shortcut sheet over it, Escape closes it and the focus goes back', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.title.fill('Field notes');
    await editor.title.press('Enter');
    await ana.list.goto();

    const shareButton = ana.list.row('Field notes').getByRole('button', { name: 'Share' });
    await shareButton.focus();
    await ana.page.keyboard.press('Enter');
    const dialog = new ShareDialog(ana.page);
    await expect(dialog.root).toBeVisible();
    await expect(dialog.root).toHaveAttribute('aria-modal', 'true');
    expect(await dialog.root.evaluate((element) => element.matches(':modal'))).toBe(true);
    for (let i = 0; i < 8; i++) {
      await ana.page.keyboard.press('Tab');
      expect(await dialog.root.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    }

    // Outside a text field "?" would open the sheet: not over another modal. Had it opened,
    // the Escape below would close the sheet and leave the dialog.
    const close = dialog.root.getByRole('button', { name: 'Close' });
    await close.focus();
    await ana.page.keyboard.press('Shift+Slash');
    const sheet = shortcutSheet(ana.page);
    await expect(sheet).toHaveCount(0);
    await expect(close).toBeFocused();

    await ana.page.keyboard.press('Escape');
    await expect(dialog.root).toBeHidden();
    await expect(shareButton).toBeFocused();

    // With the dialog gone "?" works again; pressed again inside the sheet, it opens no second one.
    await ana.page.keyboard.press('Shift+Slash');
    await expect(sheet).toBeVisible();
    await ana.page.keyboard.press('Shift+Slash');
    await expect(sheet).toHaveCount(1);
    await ana.page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(shareButton).toBeFocused();

    // A click on the backdrop closes it too, and the focus goes back the same way.
    await shareButton.click();
    await expect(dialog.root).toBeVisible();
    await ana.page.mouse.click(8, 8);
    await expect(dialog.root).toBeHidden();
    await expect(shareButton).toBeFocused();
  });

  test('Move to trash from the ⋯ menu: Cancel has the focus, "?" waits, Escape gives the focus back to ⋯', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    await ana.list.createDoc();
    const menu = new DocMenu(ana.page);

    await menu.choose(/Move to trash/);
    const dialog = ana.page.getByRole('dialog', { name: 'Move to trash?' });
    await expect(dialog).toBeVisible();
    await expect(menu.menu).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

    // Had "?" opened the sheet over the dialog, this Escape would close the sheet instead.
    await ana.page.keyboard.press('Shift+Slash');
    await ana.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(shortcutSheet(ana.page)).toHaveCount(0);
    await expect(menu.button).toBeFocused();
    await expect(ana.page).toHaveURL(/\/d\//);
  });
});

test('the shortcut sheet lists Ctrl+Enter (tick a task) and Alt+F10 (table toolbar, code language)', async ({ actor }) => {
  const ana = await actor('Ana Lima');
  await ana.list.goto();
  await ana.page.getByRole('heading', { name: 'Documents' }).click();
  await ana.page.keyboard.press('Shift+Slash');
  const sheet = shortcutSheet(ana.page);
  await expect(sheet).toBeVisible();

  const row = (group: string, action: string) =>
    sheet.getByRole('region', { name: group }).locator('.shortcuts__row').filter({ hasText: action });
  const tick = row('Blocks', 'Tick or untick a task');
  await expect(tick.locator('dt')).toHaveText('Tick or untick a task in a task list');
  await expect(tick.locator('kbd')).toHaveText(['Ctrl', 'Enter']);
  await expect(tick.locator('.visually-hidden')).toHaveText('Ctrl+Enter');
  const toolbar = row('Editor', 'Go to the table toolbar or the code language');
  await expect(toolbar.locator('kbd')).toHaveText(['Alt', 'F10']);
  await expect(toolbar.locator('.visually-hidden')).toHaveText('Alt+F10');
});
