import { expect, test } from '../fixtures/test.ts';

test.describe('document list', () => {
  test('a first visit asks for a name once, then shows the empty list', async ({ browser, server }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByRole('alert').or(dialog.getByText(/name/i).last())).toBeVisible();
    await dialog.getByLabel('Your name').fill('Dana Park');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('No documents yet')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByText('Dana Park')).toBeVisible();
    await context.close();
  });

  test('create, rename and delete documents', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.title.fill('Quarterly plan');
    await editor.title.press('Enter');
    await expect(editor.title).toHaveValue('Quarterly plan');

    await ana.page.getByRole('link', { name: 'All documents' }).click();
    await expect(ana.list.row('Quarterly plan')).toBeVisible();

    const row = ana.list.row('Quarterly plan');
    await row.getByRole('button', { name: 'Rename' }).click();
    const input = row.getByRole('textbox');
    await input.fill('Yearly plan');
    await input.press('Enter');
    await expect(ana.list.row('Yearly plan')).toBeVisible();

    // The rename is the server's, not just the page's.
    await ana.page.reload();
    await expect(ana.list.row('Yearly plan')).toBeVisible();

    await ana.list.row('Yearly plan').getByRole('button', { name: 'Delete' }).click();
    await ana.list.row('Yearly plan').getByRole('button', { name: /^Delete/ }).last().click();
    await expect(ana.list.rows()).toHaveCount(0);
    await expect(ana.page.getByText('No documents yet')).toBeVisible();
  });

  test('an unknown document shows a clear message instead of an editor', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.page.goto('/d/NoSuchDocument');
    await expect(ana.page.getByText('This document does not exist or was deleted')).toBeVisible();
    await expect(ana.editor.content).toHaveCount(0);
  });
});
