import { expect, test } from '../fixtures/test.ts';

test.describe('document list', () => {
  test('create, rename, trash and delete documents for good', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    await expect(ana.page.getByText('No documents yet')).toBeVisible();
    const editor = await ana.list.createDoc();
    await editor.title.fill('Quarterly plan');
    await editor.title.press('Enter');
    await expect(editor.title).toHaveValue('Quarterly plan');

    await ana.page.getByRole('link', { name: 'All documents' }).click();
    await expect(ana.list.row('Quarterly plan')).toBeVisible();
    await expect(ana.list.row('Quarterly plan').getByTestId('role-badge')).toHaveText('Owner');

    const row = ana.list.row('Quarterly plan');
    await row.getByRole('button', { name: 'Rename' }).click();
    const input = row.getByRole('textbox');
    await input.fill('Yearly plan');
    await input.press('Enter');
    await expect(ana.list.row('Yearly plan')).toBeVisible();

    // The rename is the server's, not just the page's.
    await ana.page.reload();
    await expect(ana.list.row('Yearly plan')).toBeVisible();

    // Moving to the trash says it can come back; "Delete forever" in the trash is the end.
    const yearly = ana.list.row('Yearly plan');
    await yearly.getByRole('button', { name: 'Move to trash' }).click();
    await expect(yearly).toContainText('You can restore it from the Trash for 30 days');
    await yearly.getByRole('button', { name: 'Move to trash' }).click();
    await expect(ana.list.rows()).toHaveCount(0);
    await expect(ana.page.getByText('No documents yet')).toBeVisible();
    await expect(ana.page.getByTestId('trash-notice')).toContainText('Yearly plan moved to the trash');

    await ana.page.getByRole('link', { name: 'View trash' }).click();
    const trashed = ana.page.getByTestId('trash-row').filter({ hasText: 'Yearly plan' });
    await trashed.getByRole('button', { name: 'Delete forever' }).click();
    await expect(trashed).toContainText('This cannot be undone');
    await trashed.getByRole('button', { name: 'Delete forever' }).click();
    await expect(ana.page.getByTestId('trash-empty')).toContainText('The trash is empty');
  });

  test('each person sees only their own documents', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const editor = await ana.list.createDoc();

    await ben.list.goto();
    await expect(ben.page.getByText('No documents yet')).toBeVisible();
    // Guessing the link is not enough: without access the document does not exist.
    await ben.page.goto(`/d/${editor.docId}`);
    await expect(ben.editor.missing).toContainText('This document does not exist or you have no access');
    await expect(ben.editor.content).toHaveCount(0);
  });

  test('an unknown document shows a clear message instead of an editor', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.page.goto('/d/NoSuchDocument');
    await expect(ana.editor.missing).toContainText('This document does not exist or you have no access');
    await expect(ana.editor.content).toHaveCount(0);
  });
});
