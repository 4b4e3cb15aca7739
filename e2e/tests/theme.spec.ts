import { expect, test } from '../fixtures/test.ts';
import { bodyColours, textContrast } from '../fixtures/theme.ts';

test.describe('colour theme', () => {
  test('a dark system gives a dark page; the toggle overrides it and survives a reload', async ({ actor }) => {
    const ana = await actor('Ana Dark');
    await ana.page.emulateMedia({ colorScheme: 'dark' });
    await ana.list.goto();
    await expect(ana.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(async () => (await bodyColours(ana.page)).background).toBeLessThan(0.05);
    await expect.poll(async () => (await bodyColours(ana.page)).text).toBeGreaterThan(0.6);

    const toggle = ana.page.getByRole('combobox', { name: 'Theme' });
    await expect(toggle).toHaveValue('system');
    await toggle.selectOption('light');
    await expect(ana.page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect.poll(async () => (await bodyColours(ana.page)).background).toBeGreaterThan(0.9);

    // The choice is this browser's: a reload under the same dark system stays light.
    await ana.page.reload();
    await expect(ana.page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(toggle).toHaveValue('light');
    await expect(ana.page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect.poll(async () => (await bodyColours(ana.page)).text).toBeLessThan(0.05);

    // Dark on a light system, then back to following the system.
    await ana.page.emulateMedia({ colorScheme: 'light' });
    await toggle.selectOption('dark');
    await expect(ana.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await toggle.selectOption('system');
    await expect(ana.page.locator('html')).toHaveAttribute('data-theme', 'light');
    await ana.page.emulateMedia({ colorScheme: 'dark' });
    await expect(ana.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('the theme is set before the app script runs (no light flash)', async ({ actor }) => {
    const ana = await actor('Ana Early');
    await ana.page.emulateMedia({ colorScheme: 'dark' });
    // Read the attribute at the moment the app's module would start: if the inline script in
    // index.html had not set it, it would still be missing here.
    await ana.page.route('**/*.js', (route) => route.abort());
    await ana.page.goto('/');
    await expect(ana.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`the document list's row actions read at 4.5:1 before hover (${scheme})`, async ({ actor }) => {
      const ana = await actor(`Ana Rows ${scheme}`);
      await ana.page.emulateMedia({ colorScheme: scheme });
      await ana.list.goto();
      const editor = await ana.list.createDoc();
      await editor.title.fill('Contrast check');
      await editor.title.press('Enter');
      await ana.list.goto();
      const row = ana.list.row('Contrast check');
      await expect(row).toBeVisible();
      await ana.page.mouse.move(0, 0);
      for (const name of ['Share', 'Rename', 'Move to trash']) {
        await expect.poll(() => textContrast(row.getByRole('button', { name })), name).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
