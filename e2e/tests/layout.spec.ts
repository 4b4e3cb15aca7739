// The document page holds still: a sticky doc bar, no shift when people join or panels open,
// a phone layout with sheets, caret labels that neither flicker nor linger, one title.
import { CommentsPanel } from '../fixtures/comments.ts';
import { boxOf, DocLayout, importDoc, longMarkdown } from '../fixtures/layout.ts';
import { expect, test } from '../fixtures/test.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

test.describe('doc bar', () => {
  test('stays at the top of the window over a long document, solid, with the toolbar right under it and the title once scrolled', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    await ana.page.setViewportSize(DESKTOP);
    const docId = await importDoc(ana, 'Long read', longMarkdown());
    await ana.editor.open(docId);
    const layout = new DocLayout(ana.page);

    await expect(layout.barTitle).toBeHidden();
    await layout.scrollToBottom();
    await expect(layout.bar).toBeInViewport();
    const bar = await boxOf(layout.bar);
    expect(bar.y).toBe(0);
    expect(bar.height).toBeLessThanOrEqual(48);
    // Nothing shows through: the bar's background is opaque.
    const background = await layout.bar.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toMatch(/^rgb\(/);
    await expect(layout.barTitle).toBeVisible();
    await expect(layout.barTitle).toHaveText('Long read');
    await expect(ana.editor.saveStatus).toBeInViewport();
    await expect(ana.editor.status).toHaveText('Live');
    // The toolbar sticks under the bar, not under a gap.
    const toolbar = await boxOf(ana.editor.toolbar);
    expect(toolbar.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
    expect(toolbar.y).toBeLessThanOrEqual(bar.y + bar.height + 1);

    // The small title leads back to the big one.
    await layout.barTitle.click();
    await expect(ana.editor.title).toBeFocused();
    await expect(ana.editor.title).toBeInViewport();
  });

  test('people joining change neither the bar nor the text; past three they are "+N" with everyone listed', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.page.setViewportSize(DESKTOP);
    const docId = await importDoc(ana, 'Team notes', 'First paragraph of the notes.\n\nSecond paragraph.');
    await ana.editor.open(docId);
    const layout = new DocLayout(ana.page);
    await expect(ana.editor.presence.getByTestId('presence-user')).toHaveCount(1);
    const before = await layout.anchors();

    const others = [await actor('Ben Okafor'), await actor('Cleo Park'), await actor('Dev Rao')];
    for (const [index, other] of others.entries()) {
      await ana.share(docId, other, 'editor');
      await other.editor.open(docId);
      // The first two get avatars; the third makes "+1".
      if (index < 2) await expect(ana.editor.presenceUser(other.name)).toBeVisible();
      else await expect(layout.more).toHaveText('+1');
      expect(await layout.anchors()).toEqual(before);
    }

    // Four people: three avatars and "+1", whose list names everyone.
    await expect(ana.editor.presence.getByTestId('presence-user')).toHaveCount(3);
    await expect(layout.more).toHaveText('+1');
    await layout.more.click();
    const popover = ana.page.getByTestId('presence-popover');
    await expect(popover).toBeVisible();
    for (const name of ['Ana Lima (you)', 'Ben Okafor', 'Cleo Park', 'Dev Rao']) await expect(popover).toContainText(name);
    await ana.page.keyboard.press('Escape');
    await expect(popover).toBeHidden();
    expect(await layout.anchors()).toEqual(before);
  });

  test('opening each panel on a 1280 px window neither widens the page nor moves the text', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.page.setViewportSize(DESKTOP);
    const docId = await importDoc(ana, 'Panels', 'The text that must stay where it is.');
    await ana.editor.open(docId);
    const layout = new DocLayout(ana.page);
    const before = await layout.anchors();

    const comments = new CommentsPanel(ana.page);
    const panels = [
      { toggle: comments.toggle, root: comments.root },
      { toggle: ana.editor.versions.toggle, root: ana.editor.versions.root },
      { toggle: ana.editor.activity.toggle, root: ana.editor.activity.root },
    ];
    for (const panel of panels) {
      await panel.toggle.click();
      await expect(panel.root).toBeVisible();
      expect(await layout.anchors()).toEqual(before);
      expect(await layout.overflowsSideways()).toBe(false);
      // Beside the text, not over it.
      const box = await boxOf(panel.root);
      expect(box.x).toBeGreaterThanOrEqual(before.text.x + before.text.width);
    }
    await panels[2]!.toggle.click();
    await expect(panels[2]!.root).toBeHidden();
    expect(await layout.anchors()).toEqual(before);
  });
});

test.describe('phone', () => {
  test('at 390×844 the first line is within 140 px of the top; panels are modal sheets that close on Escape and on the backdrop and give the focus back', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    await ana.page.setViewportSize(PHONE);
    const docId = await importDoc(ana, 'On the go', longMarkdown(12));
    await ana.editor.open(docId);
    const layout = new DocLayout(ana.page);

    const text = await boxOf(layout.firstParagraph);
    expect(text.y).toBeLessThanOrEqual(140);
    expect(await layout.overflowsSideways()).toBe(false);
    const bar = await boxOf(layout.bar);
    expect(bar.y).toBe(0);
    expect(bar.height).toBeLessThanOrEqual(48);

    // Comments: its button stays in the bar.
    const comments = new CommentsPanel(ana.page);
    const sheet = ana.page.getByRole('dialog', { name: 'Comments' });
    await comments.toggle.click();
    await expect(sheet).toBeVisible();
    expect(await sheet.evaluate((dialog) => dialog.matches(':modal'))).toBe(true);
    const backdrop = await sheet.evaluate((dialog) => getComputedStyle(dialog, '::backdrop').backgroundColor);
    expect(backdrop).not.toBe('rgba(0, 0, 0, 0)');
    // The page behind is inert while the sheet is open: focus stays inside it.
    for (let i = 0; i < 4; i++) {
      await ana.page.keyboard.press('Tab');
      expect(await sheet.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
    }
    await ana.page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(comments.toggle).toBeFocused();

    // Versions is in the "⋯" menu on a phone; a tap on the backdrop closes it, and the
    // focus goes back to the menu's button.
    await layout.actions.click();
    await ana.page.getByRole('menuitem', { name: 'Versions' }).click();
    const versions = ana.page.getByRole('dialog', { name: 'Versions' });
    await expect(versions).toBeVisible();
    await ana.page.mouse.click(PHONE.width / 2, 12);
    await expect(versions).toBeHidden();
    await expect(layout.actions).toBeFocused();
  });
});

test.describe('caret labels', () => {
  test('the other person’s label sits above their caret, never remounts while they type, fades when they pause and comes back when they move', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    const docId = await importDoc(ana, 'Carets', 'Line one of the text.\n\nLine two of the text.');
    await ana.share(docId, ben, 'editor');
    await ana.editor.open(docId);
    await ben.editor.open(docId);
    const layout = new DocLayout(ana.page);

    await ben.editor.content.locator('p').nth(1).click();
    await ben.page.keyboard.press('End');
    const label = ana.editor.caretLabel('Ben Okafor');
    await expect(label).toHaveAttribute('data-idle', 'false');

    const removals = await layout.countLabelRemovals();
    await ben.page.keyboard.type(' Ben keeps typing here for a while.', { delay: 30 });
    await expect(ana.editor.content).toContainText('Ben keeps typing here for a while.');
    expect(await removals()).toBe(0);

    // Above the caret: the label's bottom is at or above the top of Ben's caret.
    const caret = await boxOf(ana.editor.carets('Ben Okafor'));
    const tag = await boxOf(label);
    expect(tag.y + tag.height).toBeLessThanOrEqual(caret.y + 1);
    expect(await label.evaluate((element) => getComputedStyle(element).pointerEvents)).toBe('none');

    // Idle: gone after ~3 s (opacity 0), back when Ben moves.
    await expect.poll(() => label.getAttribute('data-idle'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => label.evaluate((element) => getComputedStyle(element).opacity), { timeout: 5_000 }).toBe('0');
    await ben.page.keyboard.press('Home');
    await expect(label).toHaveAttribute('data-idle', 'false');
    await expect.poll(() => label.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
  });
});

test.describe('title', () => {
  test('the title is its own field, unlike a heading of the text; Enter moves on to the start of the text', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const docId = await importDoc(ana, 'Draft', '# A heading in the text\n\nBody text.');
    await ana.editor.open(docId);

    const heading = ana.editor.content.locator('h1');
    const [titleStyle, headingStyle] = await Promise.all([
      ana.editor.title.evaluate((element) => ({
        size: Number.parseFloat(getComputedStyle(element).fontSize),
        weight: getComputedStyle(element).fontWeight,
      })),
      heading.evaluate((element) => ({
        size: Number.parseFloat(getComputedStyle(element).fontSize),
        weight: getComputedStyle(element).fontWeight,
      })),
    ]);
    expect(titleStyle.size).toBeGreaterThanOrEqual(headingStyle.size * 1.3);
    expect(titleStyle.weight).not.toBe(headingStyle.weight);

    await ana.editor.title.fill('');
    await expect(ana.editor.title).toHaveAttribute('placeholder', 'Untitled');
    await ana.editor.title.fill('Spring plan');
    await ana.editor.title.press('Enter');
    await expect(ana.editor.content).toBeFocused();
    await ana.page.keyboard.type('Start: ');
    await expect(heading).toHaveText('Start: A heading in the text');
    await expect(ana.editor.title).toHaveValue('Spring plan');
  });
});
