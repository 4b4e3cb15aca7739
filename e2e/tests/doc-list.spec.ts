// The document list (issue 15): each row shows the start of the text, who shared it and who
// edited it last; the order is "Last edited" or "Title" and survives a reload.
import { expect, test } from '../fixtures/test.ts';

test('rows show the snippet, "Shared by" and the last editor, and sort by title', async ({ actor }) => {
  // Two people, three visits to editors and the index's few seconds twice: more than the default.
  test.setTimeout(90_000);
  const ana = await actor('Ana Lima');
  const ben = await actor('Ben Ode');
  const create = async (who: typeof ana, title: string) => {
    const res = await who.context.request.post('/api/docs', { data: { title } });
    return ((await res.json()) as { id: string }).id;
  };
  const zebra = await create(ana, 'Zebra notes');
  const apple = await create(ben, 'Apple plan');
  await ben.share(apple, ana, 'editor');

  // Ana writes in her own document first, Ben in his later: "Last edited" puts Ben's first.
  await ana.editor.open(zebra);
  await ana.editor.typeAtEnd('Stripes and savanna.');
  await ben.editor.open(apple);
  await ben.editor.typeAtEnd('Buy apples on Friday, then bake.');

  await ana.list.goto();
  const appleRow = ana.list.row('Apple plan');
  // The text is indexed and the editor recorded a moment after the edits.
  await expect(async () => {
    await ana.page.reload();
    await expect(appleRow.getByTestId('doc-snippet')).toHaveText('Buy apples on Friday, then bake.', { timeout: 1000 });
    await expect(appleRow.getByTestId('doc-edited')).toHaveText(/^Edited .* by Ben Ode$/, { timeout: 1000 });
    await expect(ana.list.row('Zebra notes').getByTestId('doc-edited')).toHaveText(/ by you$/, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(appleRow.getByTestId('doc-shared-by')).toHaveText('Shared by Ben Ode');
  await expect(ana.list.row('Zebra notes').getByTestId('doc-shared-by')).toHaveCount(0);
  await expect(ana.list.row('Zebra notes').getByTestId('doc-snippet')).toHaveText('Stripes and savanna.');

  const titles = () => ana.list.rows().getByRole('link').allTextContents();
  await expect(ana.page.getByLabel('Sort by')).toHaveValue('edited');
  expect(await titles()).toEqual(['Apple plan', 'Zebra notes']);

  // Ana edits hers again: it moves to the top of "Last edited"…
  await ana.editor.open(zebra);
  await ana.editor.typeAtEnd(' Lions too.');
  await ana.list.goto();
  await expect(async () => {
    await ana.page.reload();
    expect(await titles()).toEqual(['Zebra notes', 'Apple plan']);
  }).toPass({ timeout: 20_000 });

  // …and "Title" orders by name, kept in the URL across a reload.
  await ana.page.getByLabel('Sort by').selectOption('Title');
  await expect(ana.page).toHaveURL(/\?sort=title$/);
  await expect.poll(titles).toEqual(['Apple plan', 'Zebra notes']);
  await ana.page.reload();
  await expect(ana.page.getByLabel('Sort by')).toHaveValue('title');
  await expect.poll(titles).toEqual(['Apple plan', 'Zebra notes']);
});
