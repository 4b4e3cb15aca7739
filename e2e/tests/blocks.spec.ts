import { BlockTools } from '../fixtures/blocks.ts';
import { expect, test } from '../fixtures/test.ts';

// The "/" block menu, tables and task lists (apps/web/src/editor/slash-*.ts, table-actions.ts,
// task-items.ts). Tables and tasks are nodes of the shared Y.Doc, so two people editing them
// must converge; readers must not be able to change them.

test.describe('slash menu', () => {
  test('by keyboard: "/hea", ↓, Enter makes the line a Heading 2 and removes "/hea"', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    const blocks = new BlockTools(editor);
    await editor.content.click();
    await ana.page.keyboard.type('/hea');

    await expect(blocks.slashMenu.getByRole('option')).toHaveText([/^H1Heading 1/, /^H2Heading 2/, /^H3Heading 3/]);
    // The editor keeps the focus and names the active option for assistive technology.
    await expect(editor.content).toBeFocused();
    await expect.poll(() => blocks.activeSlashOption()).toBe('Heading 1');
    await expect(blocks.slashOption('Heading 1')).toHaveAttribute('aria-selected', 'true');

    await ana.page.keyboard.press('ArrowDown');
    await expect.poll(() => blocks.activeSlashOption()).toBe('Heading 2');
    await expect(blocks.slashOption('Heading 2')).toHaveAttribute('aria-selected', 'true');
    await ana.page.keyboard.press('Enter');

    await expect(blocks.slashPopup).toHaveCount(0);
    await expect(editor.content).not.toHaveAttribute('aria-activedescendant', /.+/);
    await ana.page.keyboard.type('Plans');
    await expect(editor.content.locator('h2')).toHaveText('Plans');
    await expect(editor.content).not.toContainText('/hea');
  });

  test('Escape closes the menu and leaves the typed "/text"; nothing matching says so', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    const blocks = new BlockTools(editor);
    await editor.typeAtEnd('Costs /tab');
    await expect(blocks.slashMenu.getByRole('option')).toHaveText([/Table/]);
    await ana.page.keyboard.press('Escape');
    await expect(blocks.slashPopup).toHaveCount(0);
    await expect(editor.content.locator('p')).toHaveText('Costs /tab');
    // Typing on in the dismissed query does not reopen the menu over the text.
    await ana.page.keyboard.type('s');
    await expect(blocks.slashPopup).toHaveCount(0);
    await expect(blocks.tables).toHaveCount(0);

    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('/zzz');
    await expect(blocks.slashPopup.getByRole('status')).toHaveText('No matching blocks');
    // Enter with nothing to pick is an ordinary Enter.
    await ana.page.keyboard.press('Enter');
    await expect(blocks.slashPopup).toHaveCount(0);
    await expect(editor.content.locator('p')).toHaveText(['Costs /tabs', '/zzz', '']);
  });

  test('a click picks an item; "/" inside a word or in code opens nothing', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    const blocks = new BlockTools(editor);
    await editor.typeAtEnd('and/or');
    await expect(blocks.slashPopup).toHaveCount(0);

    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('/');
    await blocks.slashOption('Task list').click();
    await expect(blocks.slashPopup).toHaveCount(0);
    await ana.page.keyboard.type('Write the report');
    await expect(blocks.checkbox('Write the report')).toBeVisible();
    await expect(blocks.taskItem('Write the report').locator('p')).toHaveText('Write the report');

    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('/code');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('a /b');
    await expect(editor.content.locator('pre')).toHaveText('a /b');
    await expect(blocks.slashPopup).toHaveCount(0);
  });
});

test.describe('tables', () => {
  test('a table inserted and a row added in one tab, a cell typed in the other: both converge', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'editor');
    await ben.editor.open(anaEditor.docId);
    const anaBlocks = new BlockTools(anaEditor);
    const benBlocks = new BlockTools(ben.editor);

    await anaEditor.typeAtEnd('Budget');
    await ana.page.keyboard.press('Enter');
    await anaEditor.toolbar.getByRole('button', { name: 'Table', exact: true }).click();
    // 3 × 3 with a header row; the caret waits in the first header cell.
    await expect(anaBlocks.tables.locator('th')).toHaveCount(3);
    await expect(anaBlocks.tables.locator('td')).toHaveCount(6);
    await ana.page.keyboard.type('Item');
    await ana.page.keyboard.press('Tab');
    await ana.page.keyboard.type('Cost');

    await expect(anaBlocks.tableMenu).toBeVisible();
    await anaBlocks.tableAction('Add row below').click();
    await expect(anaBlocks.tables.locator('tr')).toHaveCount(4);
    await expect(benBlocks.tables.locator('tr')).toHaveCount(4);

    // Ben types into the new row (the second); Ana types into the last one at the same time.
    await benBlocks.cell(1, 0).click();
    await ben.page.keyboard.type('Paper');
    await anaBlocks.cell(3, 2).click();
    await ana.page.keyboard.type('total');

    const expected = [
      ['Item', 'Cost', ''],
      ['Paper', '', ''],
      ['', '', ''],
      ['', '', 'total'],
    ];
    await expect.poll(() => anaBlocks.cellTexts()).toEqual(expected);
    await expect.poll(() => benBlocks.cellTexts()).toEqual(expected);
    // The table menu is Ana's own: Ben's caret is in the table too, so he has his.
    await expect(benBlocks.tableMenu).toBeVisible();
  });

  test('delete a column, toggle the header row, delete the table; the other tab follows', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'editor');
    await ben.editor.open(anaEditor.docId);
    const anaBlocks = new BlockTools(anaEditor);
    const benBlocks = new BlockTools(ben.editor);

    await anaEditor.content.click();
    await ana.page.keyboard.type('/table');
    await ana.page.keyboard.press('Enter');
    for (const text of ['A', 'B', 'C', 'a1', 'b1', 'c1']) {
      await ana.page.keyboard.type(text);
      await ana.page.keyboard.press('Tab');
    }
    await anaBlocks.cell(0, 1).click();
    const deleteColumn = anaBlocks.tableAction('Delete column');
    await expect(deleteColumn).toHaveAttribute('title', 'Delete column');
    await deleteColumn.click();
    const twoColumns = [
      ['A', 'C'],
      ['a1', 'c1'],
      ['', ''],
    ];
    await expect.poll(() => anaBlocks.cellTexts()).toEqual(twoColumns);
    await expect.poll(() => benBlocks.cellTexts()).toEqual(twoColumns);

    const headerRow = anaBlocks.tableAction('Header row');
    await expect(headerRow).toHaveAttribute('aria-pressed', 'true');
    await headerRow.click();
    await expect(headerRow).toHaveAttribute('aria-pressed', 'false');
    await expect(benBlocks.tables.locator('th')).toHaveCount(0);
    await expect(benBlocks.tables.locator('td')).toHaveCount(6);

    // Keyboard: Alt+F10 reaches the table menu, Escape returns to the text.
    await ana.page.keyboard.press('Alt+F10');
    await expect(anaBlocks.tableAction('Add row above')).toBeFocused();
    await ana.page.keyboard.press('Escape');
    await expect(anaEditor.content).toBeFocused();

    await anaBlocks.tableAction('Delete table').click();
    await expect(anaBlocks.tables).toHaveCount(0);
    await expect(anaBlocks.tableMenu).toHaveCount(0);
    await expect(benBlocks.tables).toHaveCount(0);
  });
});

test.describe('task lists', () => {
  test('"[ ] " starts a task; ticked in one tab shows ticked in the other; Tab nests, Mod+Enter ticks', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, ben, 'editor');
    await ben.editor.open(anaEditor.docId);
    const anaBlocks = new BlockTools(anaEditor);
    const benBlocks = new BlockTools(ben.editor);

    await anaEditor.typeAtEnd('[ ] Milk');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('Bank');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.press('Tab');
    await ana.page.keyboard.type('Fees');
    await expect(anaBlocks.checkbox('Milk')).not.toBeChecked();
    // The nested task sits inside the item of "Bank".
    await expect(anaBlocks.taskItem('Bank').locator('ul[data-type="taskList"] > li p')).toHaveText('Fees');
    await expect(anaEditor.content).not.toContainText('[ ]');

    await anaBlocks.checkbox('Milk').click();
    await expect(anaBlocks.checkbox('Milk')).toBeChecked();
    await expect(benBlocks.checkbox('Milk')).toBeChecked();
    await expect(benBlocks.taskItem('Milk')).toHaveAttribute('data-checked', 'true');
    await expect(benBlocks.checkbox('Bank')).not.toBeChecked();

    // Ben ticks the nested one with the keyboard; Ana sees it, its parent stays open.
    // Sometimes (2 in 6 runs) ProseMirror has not taken Ben's click into its selection when the
    // key arrives, and the key acts at the end of the document instead: the click and the key
    // are tried again, but only while Ben's own box is still unticked, so a tick is never undone.
    await expect(async () => {
      if (!(await benBlocks.checkbox('Fees').isChecked())) {
        await benBlocks.taskItem('Fees').locator('p').click();
        await ben.page.keyboard.press('ControlOrMeta+Enter');
      }
      await expect(benBlocks.checkbox('Fees')).toBeChecked({ timeout: 1000 });
    }).toPass();
    await expect(anaBlocks.checkbox('Fees')).toBeChecked();
    await expect(anaBlocks.checkbox('Bank')).not.toBeChecked();
    // Shift+Tab lifts it back to the top level.
    await ben.page.keyboard.press('Shift+Tab');
    await expect(anaEditor.content.locator(':scope > ul[data-type="taskList"] > li')).toHaveCount(3);
  });

  test('a viewer sees the ticks but cannot change them', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const carla = await actor('Carla Souza');
    await ana.list.goto();
    const anaEditor = await ana.list.createDoc();
    await ana.share(anaEditor.docId, carla, 'viewer');
    const anaBlocks = new BlockTools(anaEditor);
    await anaEditor.toolbar.getByRole('button', { name: 'Task list' }).click();
    await ana.page.keyboard.type('Draft');
    await ana.page.keyboard.press('Enter');
    await ana.page.keyboard.type('Review');
    await anaBlocks.checkbox('Draft').click();

    await carla.editor.open(anaEditor.docId);
    const carlaBlocks = new BlockTools(carla.editor);
    await expect(carlaBlocks.checkbox('Draft')).toBeChecked();
    await expect(carlaBlocks.checkbox('Review')).toBeDisabled();
    await expect(carlaBlocks.checkbox('Draft')).toBeDisabled();
    // Even a forced click changes nothing, here or for Ana.
    await carlaBlocks.checkbox('Review').click({ force: true });
    await carlaBlocks.checkbox('Draft').click({ force: true });
    await expect(carlaBlocks.checkbox('Review')).not.toBeChecked();
    await expect(carlaBlocks.checkbox('Draft')).toBeChecked();
    // Ana's next tick arrives, so the sync is live and Carla's clicks sent nothing before it.
    await anaBlocks.checkbox('Review').click();
    await expect(carlaBlocks.checkbox('Review')).toBeChecked();
    await expect(anaBlocks.checkbox('Draft')).toBeChecked();
    await expect(carlaBlocks.tableMenu).toHaveCount(0);
  });
});
