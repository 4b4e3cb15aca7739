// The one modal shell (Dialog): Escape, Tab kept inside, the focus back where it was.
import { DocMenu } from '../fixtures/lifecycle.ts';
import { ShareDialog } from '../fixtures/pages.ts';
import { shortcutSheet } from '../fixtures/settings.ts';
import { expect, test } from '../fixtures/test.ts';

test.describe('dialogs', () => {
  test('Share is a modal: Tab stays inside, Escape closes it and the focus goes back; the shortcut sheet too', async ({ actor }) => {
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

    await ana.page.keyboard.press('Escape');
    await expect(dialog.root).toBeHidden();
    await expect(shareButton).toBeFocused();

    // The shortcut sheet is the same Dialog: "?" opens it, Escape gives the focus back.
    const sheet = shortcutSheet(ana.page);
    await ana.page.keyboard.press('Shift+Slash');
    await expect(sheet).toBeVisible();
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

  test('Move to trash from the ⋯ menu: Cancel has the focus, Escape gives the focus back to ⋯', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    await ana.list.createDoc();
    const menu = new DocMenu(ana.page);

    await menu.choose(/Move to trash/);
    const dialog = ana.page.getByRole('dialog', { name: 'Move to trash?' });
    await expect(dialog).toBeVisible();
    await expect(menu.menu).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

    await ana.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(menu.button).toBeFocused();
    await expect(ana.page).toHaveURL(/\/d\//);
  });
});
