import { readFile } from 'node:fs/promises';
import { DocMenu, SearchBox, TrashPage } from '../fixtures/lifecycle.ts';
import { expect, test } from '../fixtures/test.ts';

test.describe('document lifecycle', () => {
  test('search from the header finds text typed in the editor and opens its document', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.title.fill('Garden plan');
    await editor.title.press('Enter');
    await editor.typeAtEnd('The tomatoes need staking before the June storms.');
    await expect(editor.saveStatus).toHaveText('All changes saved');
    const docId = editor.docId;

    await ana.list.goto();
    const search = new SearchBox(ana.page);
    // "/" from anywhere outside a text field goes to the box.
    await ana.page.locator('body').press('/');
    await expect(search.input).toBeFocused();
    // The server indexes within 5 s of the edit; a search typed before that finds nothing,
    // so the words are typed again until they are found (each new search asks the server).
    await expect(async () => {
      await search.input.fill('');
      await search.input.pressSequentially('tomatoes stak');
      await expect(search.result('Garden plan')).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 8_000 });
    const result = search.result('Garden plan');
    await expect(result.locator('mark')).toHaveText(['tomatoes', 'staking']);
    await expect(result).toContainText('Edited');

    await search.input.press('ArrowDown');
    await expect(result).toHaveAttribute('aria-selected', 'true');
    await search.input.press('Enter');
    await expect(ana.page).toHaveURL(new RegExp(`/d/${docId}$`));
    await ana.editor.waitUntilLive();
    await expect(ana.editor.content).toContainText('The tomatoes need staking');

    // Ctrl+K works from the editor too; a search with no match says so.
    await ana.page.keyboard.press('Control+k');
    await expect(search.input).toBeFocused();
    await search.input.fill('xylophonequartet');
    await expect(ana.page.getByTestId('search-empty')).toContainText('No documents match');
    await search.input.press('Escape');
    await expect(search.popover).toBeHidden();
  });

  test('move to trash from the editor, then restore from the Trash page', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.title.fill('Budget 2027');
    await editor.title.press('Enter');
    await editor.typeAtEnd('Travel stays flat.');
    await expect(editor.saveStatus).toHaveText('All changes saved');
    const docId = editor.docId;
    await ana.share(docId, ben, 'editor');
    await ben.editor.open(docId);

    await new DocMenu(ana.page).choose(/Move to trash/);
    const dialog = ana.page.getByRole('dialog', { name: 'Move to trash?' });
    await expect(dialog).toContainText('You can restore it from the Trash for 30 days');
    await dialog.getByRole('button', { name: 'Move to trash' }).click();

    // The owner lands on the list, which says where it went; Ben's open editor says whose trash.
    await expect(ana.page.getByTestId('trash-notice')).toContainText('Budget 2027 moved to the trash');
    await expect(ana.list.row('Budget 2027')).toHaveCount(0);
    await expect(ben.page.getByTestId('connection-closed')).toContainText("moved to its owner's trash");

    await ana.page.getByTestId('trash-link').click();
    const trash = new TrashPage(ana.page);
    await expect(trash.heading).toBeVisible();
    const row = trash.row('Budget 2027');
    await expect(row).toContainText('Moved to trash just now');
    await expect(row).toContainText('Deleted for good in 30 days');
    await row.getByRole('button', { name: 'Restore' }).click();
    await expect(trash.empty).toBeVisible();
    await expect(trash.restored).toContainText('Restored Budget 2027');
    await trash.restored.getByRole('link', { name: 'Open' }).click();
    await ana.editor.waitUntilLive();
    await expect(ana.editor.content).toContainText('Travel stays flat.');

    // Back for Ben too, with the same role.
    await ben.list.goto();
    await expect(ben.list.row('Budget 2027')).toBeVisible();
  });

  test('export downloads Markdown whose heading is the document’s', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.title.fill('Field notes');
    await editor.title.press('Enter');
    // "# " is the editor's heading shortcut.
    await editor.typeAtEnd('# Birds seen in May');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('Two herons by the lake.');
    await expect(editor.content.locator('h1')).toHaveText('Birds seen in May');
    await expect(editor.saveStatus).toHaveText('All changes saved');

    const [download] = await Promise.all([ana.page.waitForEvent('download'), new DocMenu(ana.page).choose(/Markdown/)]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const markdown = await readFile(await download.path(), 'utf8');
    expect(markdown.split('\n').find((line) => line.startsWith('#'))).toBe('# Birds seen in May');
    expect(markdown).toContain('Two herons by the lake.');
  });

  test('import makes a document from a Markdown file, and refuses one over 5 MB', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const picker = ana.page.getByTestId('import-file');

    await picker.setInputFiles({ name: 'huge.md', mimeType: 'text/markdown', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 'a') });
    await expect(ana.page.getByTestId('import-error')).toContainText('Files up to 5 MB can be imported');

    const file = [
      '# Packing list',
      '',
      '- tent',
      '- stove',
      '',
      'Leave on **Friday**.',
      '',
      '- [x] book the site',
      '- [ ] check the weather',
      '',
      '| Day | Km |',
      '| --- | --- |',
      '| Sat | 12 |',
      '',
    ].join('\n');
    await picker.setInputFiles({ name: 'Camping trip.md', mimeType: 'text/markdown', buffer: Buffer.from(file) });
    await expect(ana.page).toHaveURL(/\/d\/[A-Za-z0-9_-]+$/);
    await ana.editor.waitUntilLive();
    await expect(ana.editor.title).toHaveValue('Camping trip');
    await expect(ana.editor.content.locator('h1')).toHaveText('Packing list');
    await expect(ana.editor.content.locator('ul:not([data-type]) > li')).toHaveText(['tent', 'stove']);
    await expect(ana.editor.content.locator('strong')).toHaveText('Friday');
    // Task lists and tables come through: the editor has the server's schema.
    await expect(ana.editor.content.locator('ul[data-type="taskList"] > li > div')).toHaveText(['book the site', 'check the weather']);
    await expect(ana.editor.content.locator('table td')).toHaveText(['Sat', '12']);

    // One schema: opening the document in the editor keeps every node and attribute the
    // server stored (a node the editor did not know would be dropped on load). The editor
    // may add its trailing empty paragraph after a table; nothing else changes.
    const imported = await ana.context.request.post('/api/docs/import?title=Same', {
      data: file,
      headers: { 'Content-Type': 'text/markdown' },
    });
    expect(imported.status()).toBe(201);
    const { id } = (await imported.json()) as { id: string };
    type Content = { json: { content: Array<{ type: string; content?: unknown[] }> } };
    const blocks = async () => {
      const content = (await (await ana.context.request.get(`/api/docs/${id}/content`)).json()) as Content;
      const list = content.json.content;
      const last = list.at(-1);
      return last?.type === 'paragraph' && !last.content?.length ? list.slice(0, -1) : list;
    };
    const before = await blocks();
    await ana.editor.open(id);
    await expect(ana.editor.content.locator('table td')).toHaveText(['Sat', '12']);
    await expect(ana.editor.saveStatus).toHaveText('All changes saved');
    expect(await blocks()).toEqual(before);
  });

  test('the versions panel shows what a version changed and how it differs from now', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('The quick brown fox');
    await expect(editor.saveStatus).toHaveText('All changes saved');
    const versions = editor.versions;
    await versions.open();
    await versions.create('First line');
    await editor.typeAtEnd(' jumps high');
    await expect(editor.saveStatus).toHaveText('All changes saved');
    await versions.create('Jumping');

    await versions.openPreview('Jumping');
    await expect(versions.item('Jumping')).toHaveCount(0);
    const diff = versions.root.getByTestId('version-diff');
    await expect(versions.root.getByTestId('version-view-caption')).toHaveText('Changes since the previous version');
    await expect(diff.getByTestId('diff-added')).toHaveText(['[added: jumps high]']);
    await expect(diff.getByTestId('diff-removed')).toHaveCount(0);
    await expect(diff).toContainText('The quick brown fox');

    // Edited after the version: compared with now, the new words show as added.
    await editor.typeAtEnd(' today');
    await expect(editor.saveStatus).toHaveText('All changes saved');
    await versions.root.getByText('Compared with now', { exact: true }).click();
    await expect(diff.getByTestId('diff-added')).toHaveText(['[added: today]']);
    await expect(versions.root.getByTestId('version-kind')).toHaveText('Named');
  });
});
