// The one modal shell (Dialog) and the one menu button (Menu): Escape, Tab kept inside, the
// focus back where it was, one modal at a time; the menus' keys; the shortcut sheet's rows.
import { DocMenu } from '../fixtures/lifecycle.ts';
import { ShareDialog } from '../fixtures/pages.ts';
import { shortcutSheet } from '../fixtures/settings.ts';
import { expect, test } from '../fixtures/test.ts';

const PHONE = { width: 390, height: 844 };

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

  test('Move to trash from the ⋯ menu by keyboard: Cancel has the focus, "?" waits, Escape gives the focus back to ⋯', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    await ana.list.createDoc();
    const menu = new DocMenu(ana.page);

    // ↑ on the button opens the menu on its last item.
    await menu.button.focus();
    await ana.page.keyboard.press('ArrowUp');
    await expect(menu.menu.getByRole('menuitem', { name: /Move to trash/ })).toBeFocused();
    await ana.page.keyboard.press('Enter');
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

  test('on a phone, Share from the ⋯ menu gives the focus back to ⋯ when it closes', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.page.setViewportSize(PHONE);
    await ana.list.goto();
    await ana.list.createDoc();
    const menu = new DocMenu(ana.page);

    await menu.choose('Share…');
    const dialog = new ShareDialog(ana.page);
    await expect(dialog.root).toBeVisible();
    await ana.page.keyboard.press('Escape');
    await expect(dialog.root).toBeHidden();
    await expect(menu.button).toBeFocused();
  });
});

test.describe('menus', () => {
  test('the account menu: ↓/↑ wrap, Home/End jump, Escape and Tab close, ↓ and ↑ on the button open it', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const button = ana.page.getByTestId('account-menu');
    const menu = ana.page.getByRole('menu', { name: 'Account' });
    const settings = menu.getByRole('menuitem', { name: 'Settings' });
    const shortcuts = menu.getByRole('menuitem', { name: 'Keyboard shortcuts' });

    await button.focus();
    await ana.page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(settings).toBeFocused();
    const moves = [
      ['ArrowDown', shortcuts],
      ['ArrowDown', settings],
      ['ArrowUp', shortcuts],
      ['Home', settings],
      ['End', shortcuts],
    ] as const;
    for (const [key, item] of moves) {
      await ana.page.keyboard.press(key);
      await expect(item, key).toBeFocused();
    }
    await ana.page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();

    await ana.page.keyboard.press('ArrowDown');
    await expect(settings).toBeFocused();
    await ana.page.keyboard.press('Tab');
    await expect(menu).toHaveCount(0);

    // ↑ opens it on the last item; choosing it opens the sheet, whose Escape comes back here.
    await button.focus();
    await ana.page.keyboard.press('ArrowUp');
    await expect(shortcuts).toBeFocused();
    await ana.page.keyboard.press('Enter');
    const sheet = shortcutSheet(ana.page);
    await expect(sheet).toBeVisible();
    await ana.page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(button).toBeFocused();
  });

  test('the ⋯ menu: its visible items in order, wrapping both ways; a press outside closes it', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    await ana.list.createDoc();
    const menu = new DocMenu(ana.page);

    await menu.button.click();
    const items = menu.menu.getByRole('menuitem').filter({ visible: true });
    await expect(items).toHaveText(['Markdown.md', 'HTML page.html', 'JSON.json', 'Move to trash…']);
    await expect(items.first()).toBeFocused();
    await ana.page.keyboard.press('ArrowUp');
    await expect(items.last()).toBeFocused();
    await ana.page.keyboard.press('ArrowDown');
    await expect(items.first()).toBeFocused();
    await ana.page.keyboard.press('ArrowDown');
    await expect(menu.menu.getByRole('menuitem', { name: 'Export as HTML page (.html)' })).toBeFocused();

    await ana.page.mouse.click(8, 400);
    await expect(menu.menu).toHaveCount(0);
    await expect(menu.button).toHaveAttribute('aria-expanded', 'false');
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
