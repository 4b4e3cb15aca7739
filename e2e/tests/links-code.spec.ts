import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';

// Links (the Ctrl/Cmd+K popover, safe URLs only), underline, code blocks with a language and
// the toolbar's names. The link rules are packages/editor-schema/src/link-href.ts and link.ts;
// the popover is apps/web/src/components/LinkPopover.tsx.

const popover = (page: Page) => page.getByRole('dialog', { name: /link/i });

/** Selects `text`, which ends at the caret, and checks that the selection is exactly it. */
async function selectBack(page: Page, text: string) {
  for (let i = 0; i < text.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe(text);
}

test.describe('links', () => {
  test('Ctrl+K adds a link to the selection, edits and removes it; the other tab follows', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('Read the docs');
    await selectBack(ana.page, 'docs');

    await ana.page.keyboard.press('ControlOrMeta+k');
    const dialog = popover(ana.page);
    await expect(dialog).toBeVisible();
    // The editor keeps Ctrl+K: the header's search stays shut.
    await expect(ana.page.getByTestId('search-input')).not.toBeFocused();
    const url = dialog.getByRole('textbox', { name: 'Link' });
    await expect(url).toBeFocused();
    await url.fill('example.com');
    await url.press('Enter');

    await expect(dialog).toBeHidden();
    await expect(editor.content).toBeFocused();
    const link = editor.content.getByRole('link', { name: 'docs' });
    await expect(link).toHaveAttribute('href', 'https://example.com');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /(?=.*\bnoopener\b)(?=.*\bnoreferrer\b)/);

    const other = await ana.newTab();
    await other.editor.open(editor.docId);
    await expect(other.editor.content.getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://example.com');

    // Edit: the caret inside the link is enough.
    await link.click();
    await ana.page.keyboard.press('ControlOrMeta+k');
    await expect(dialog).toHaveAccessibleName('Edit link');
    await expect(url).toHaveValue('https://example.com');
    const open = dialog.getByRole('link', { name: 'Open' });
    await expect(open).toHaveAttribute('href', 'https://example.com');
    await expect(open).toHaveAttribute('target', '_blank');
    await expect(open).toHaveAttribute('rel', 'noopener noreferrer');
    await url.fill('https://inkwell.test/guide');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(link).toHaveAttribute('href', 'https://inkwell.test/guide');
    await expect(link).toHaveText('docs');
    await expect(other.editor.content.getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://inkwell.test/guide');

    // Remove: the text stays, the link goes, everywhere.
    await link.click();
    await ana.page.keyboard.press('ControlOrMeta+k');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect(editor.content.getByRole('link')).toHaveCount(0);
    await expect(editor.content).toHaveText('Read the docs');
    await expect(other.editor.content.getByRole('link')).toHaveCount(0);
    await expect(other.editor.content).toHaveText('Read the docs');
  });

  test('the toolbar button inserts text and link at the caret; Escape closes and returns to the editor', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('Write to ');

    const button = editor.toolbar.getByRole('button', { name: 'Link' });
    await expect(button).toHaveAttribute('title', /^Link \((Ctrl\+|⌘)K\)$/);
    await button.click();
    const dialog = popover(ana.page);
    await expect(dialog).toHaveAccessibleName('Add link');
    await ana.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(editor.content).toBeFocused();

    await button.click();
    await dialog.getByRole('textbox', { name: 'Text' }).fill('the team');
    await dialog.getByRole('textbox', { name: 'Link' }).fill('team@example.com');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    await expect(editor.content.getByRole('link', { name: 'the team' })).toHaveAttribute('href', 'mailto:team@example.com');
    // What is typed next is not part of the link.
    await ana.page.keyboard.type(' today');
    await expect(editor.content).toHaveText('Write to the team today');
    await expect(editor.content.getByRole('link')).toHaveText('the team');
    await expect(button).toHaveAttribute('aria-pressed', 'false');
  });

  test('javascript: is refused with the reason and no link is made', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('click me');
    await selectBack(ana.page, 'click me');
    await ana.page.keyboard.press('ControlOrMeta+k');
    const dialog = popover(ana.page);
    const url = dialog.getByRole('textbox', { name: 'Link' });
    await url.fill('javascript:alert(1)');
    await url.press('Enter');

    await expect(dialog.getByRole('alert')).toHaveText(/“javascript:” links are not allowed/);
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(url).toBeFocused();
    await expect(editor.content.locator('a')).toHaveCount(0);

    for (const refused of ['data:text/html,<b>x</b>', 'vbscript:msgbox(1)', '/relative/path']) {
      await url.fill(refused);
      await url.press('Enter');
      await expect(dialog.getByRole('alert'), refused).toBeVisible();
    }
    await ana.page.keyboard.press('Escape');
    await expect(editor.content.locator('a')).toHaveCount(0);
    await expect(editor.content).toHaveText('click me');
  });

  test('a typed bare address becomes an https link; other text stays text', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('see example.com or javascript:alert(1) and more');
    await expect(editor.content.getByRole('link')).toHaveCount(1);
    await expect(editor.content.getByRole('link', { name: 'example.com' })).toHaveAttribute('href', 'https://example.com');
  });

  test('pasted HTML keeps safe links and loses unsafe ones (the text stays)', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('');
    await editor.content.evaluate((element) => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<p><a href="javascript:alert(document.cookie)">evil</a> <a href=" JaVaScRiPt:alert(1)">spaced</a> ' +
          '<a href="data:text/html,x">data</a> <a href="vbscript:x">vb</a> <a href="/relative">rel</a> ' +
          '<a href="https://safe.example/a">safe</a> <a href="example.org">bare</a></p>',
      );
      data.setData('text/plain', 'evil spaced data vb rel safe bare');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });

    await expect(editor.content).toContainText('evil spaced data vb rel safe bare');
    const hrefs = await editor.content.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['https://safe.example/a', 'https://example.org']);
  });
});

test('Ctrl+K opens the search outside the editor, and the link popover inside it', async ({ actor }) => {
  const ana = await actor('Ana Lima');
  await ana.list.goto();
  const editor = await ana.list.createDoc();
  await editor.typeAtEnd('text');
  const search = ana.page.getByTestId('search-input');

  await editor.title.focus();
  await ana.page.keyboard.press('ControlOrMeta+k');
  await expect(search).toBeFocused();
  await expect(popover(ana.page)).toHaveCount(0);
  await ana.page.keyboard.press('Escape');

  await editor.content.click();
  await ana.page.keyboard.press('ControlOrMeta+k');
  await expect(popover(ana.page)).toBeVisible();
  await expect(search).not.toBeFocused();
});

test('Ctrl+U underlines the selection', async ({ actor }) => {
  const ana = await actor('Ana Lima');
  await ana.list.goto();
  const editor = await ana.list.createDoc();
  await editor.typeAtEnd('plain stressed');
  await selectBack(ana.page, 'stressed');
  await ana.page.keyboard.press('ControlOrMeta+u');
  await expect(editor.content.locator('u')).toHaveText('stressed');
  await expect(editor.toolbar.getByRole('button', { name: 'Underline' })).toHaveAttribute('aria-pressed', 'true');
  await ana.page.keyboard.press('ControlOrMeta+u');
  await expect(editor.content.locator('u')).toHaveCount(0);
});

test('a code block language chosen in one tab highlights there and shows in the other; Markdown export writes the fence', async ({
  actor,
}) => {
  const ana = await actor('Ana Lima');
  await ana.list.goto();
  const editor = await ana.list.createDoc();
  await editor.content.click();
  await editor.toolbar.getByRole('button', { name: 'Code block' }).click();
  await ana.page.keyboard.type('const answer = 42;');

  const block = editor.content.locator('.code-block');
  const picker = block.getByLabel('Language');
  await expect(picker).toHaveValue('');
  await expect(picker.locator('option:checked')).toHaveText('Plain text');
  // Plain text is not guessed at: no colours.
  await expect(block.locator('[class^="hljs-"]')).toHaveCount(0);

  // Keyboard: Alt+F10 from the code reaches the picker, Escape goes back to the code.
  await ana.page.keyboard.press('Alt+F10');
  await expect(picker).toBeFocused();
  await ana.page.keyboard.press('Escape');
  await expect(editor.content).toBeFocused();

  await picker.selectOption({ label: 'TypeScript' });
  await expect(block.locator('.hljs-keyword')).toHaveText('const');
  await expect(block.locator('.hljs-number')).toHaveText('42');
  await expect(block.locator('code')).toHaveText('const answer = 42;');

  const other = await ana.newTab();
  await other.editor.open(editor.docId);
  const otherBlock = other.editor.content.locator('.code-block');
  await expect(otherBlock.locator('.code-block__name')).toHaveText('TypeScript');
  await expect(otherBlock.locator('.hljs-keyword')).toHaveText('const');

  // The other tab changes it back; the first follows.
  await otherBlock.locator('code').click();
  await otherBlock.getByLabel('Language').selectOption({ label: 'Python' });
  await expect(picker).toHaveValue('python');

  await expect
    .poll(async () => {
      const response = await ana.page.request.get(`/api/docs/${editor.docId}/export?format=md`);
      return response.text();
    })
    .toContain('```python\nconst answer = 42;\n```');
});

test.describe('toolbar', () => {
  test('every button has a name and a tooltip that starts with it', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    const buttons = editor.toolbar.getByRole('button');
    const count = await buttons.count();
    expect(count).toBeGreaterThan(10);
    for (let i = 0; i < count; i++) {
      const button = buttons.nth(i);
      const name = await button.evaluate((element) => element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '');
      expect(name, `button ${i}`).toMatch(/^[A-Z][\w -]+$/);
      await expect(button).toHaveAccessibleName(name);
      await expect(button).toHaveAttribute('title', new RegExp(`^${name}( \\(.+\\))?$`));
    }
    for (const glyph of ['Bullet list', 'Blockquote', 'Code block', 'Link']) {
      await expect(editor.toolbar.getByRole('button', { name: glyph, exact: true })).toHaveAttribute('title', /\((Ctrl\+|⌘)/);
    }
  });

  test('on a phone it is one row that scrolls sideways, opaque, sticky under the document bar', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.page.setViewportSize({ width: 390, height: 844 });
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    const toolbar = editor.toolbar;
    const box = await toolbar.boundingBox();
    expect(box?.height).toBeLessThan(48);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const layout = await toolbar.evaluate((element) => ({
      scrolls: element.scrollWidth > element.clientWidth,
      background: getComputedStyle(element).backgroundColor,
    }));
    expect(layout.scrolls).toBe(true);
    expect(layout.background).toMatch(/^rgb\(/);

    // Sticky right under the document bar once the text scrolls under it.
    await editor.content.click();
    for (let i = 0; i < 40; i++) {
      await ana.page.keyboard.insertText(`Line ${i + 1}`);
      await ana.page.keyboard.press('Enter');
    }
    await ana.page.mouse.wheel(0, 600);
    await expect.poll(() => ana.page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const docBarBottom = await ana.page.evaluate(() => {
      const height = getComputedStyle(document.documentElement).getPropertyValue('--doc-bar-height');
      return Number.parseFloat(height);
    });
    await expect.poll(async () => Math.round((await toolbar.boundingBox())?.y ?? -1)).toBe(Math.round(docBarBottom));

    // The arrow keys walk the row and bring the last button into sight.
    const buttons = toolbar.getByRole('button');
    const names = await buttons.evaluateAll((all) => all.map((button) => button.getAttribute('aria-label') ?? button.textContent));
    await buttons.nth(names.indexOf('Bold')).focus();
    for (let i = names.indexOf('Bold'); i < names.length - 1; i++) await ana.page.keyboard.press('ArrowRight');
    const last = buttons.last();
    await expect(last).toBeFocused();
    await expect(last).toBeInViewport();
  });
});
