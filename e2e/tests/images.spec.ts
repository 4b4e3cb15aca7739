import type { Locator, Page } from '@playwright/test';
import { type FilePayload, logoSvg, seaPng, sunsetPng } from '../fixtures/images.ts';
import { expect, test } from '../fixtures/test.ts';

// Images (API.md §8): picked, pasted or dropped into the editor, uploaded, and shown to every
// member's tab; served to members only; anything but PNG, JPEG, GIF and WebP refused with a
// message that names the file, and nothing left behind in the text.

/** The document's images (ProseMirror adds an empty separator <img> after an inline node ending a line). */
const IMAGE = 'img:not(.ProseMirror-separator)';
const UPLOADED = /^\/api\/docs\/[A-Za-z0-9_-]+\/images\/[A-Za-z0-9_-]+$/;

async function pickImages(page: Page, files: FilePayload[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Image', exact: true }).click();
  await (await chooser).setFiles(files);
}

/** The image's pixels arrived: the browser decoded it. */
async function expectLoaded(image: Locator): Promise<void> {
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
}

/** Hands `files` to the editor as a drop or a paste event would, built in the page; true when the editor took them. */
async function sendFiles(page: Page, kind: 'drop' | 'paste', files: FilePayload[]): Promise<boolean> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));
  return page.locator('.ProseMirror').evaluate(
    (element, { kind, payload }) => {
      const transfer = new DataTransfer();
      for (const f of payload) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], f.name, { type: f.type }));
      }
      // dispatchEvent answers false when a handler called preventDefault: the editor took the files.
      if (kind === 'paste') {
        return !element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      }
      const box = element.getBoundingClientRect();
      const at = { clientX: box.left + 20, clientY: box.top + 12, bubbles: true, cancelable: true, dataTransfer: transfer };
      element.dispatchEvent(new DragEvent('dragover', at));
      return !element.dispatchEvent(new DragEvent('drop', at));
    },
    { kind, payload },
  );
}

test.describe('images', () => {
  test('a picked image shows in both tabs, and a non-member gets 404 for its url', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const sam = await actor('Sam Stone');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('Our trip');
    const second = await ana.newTab();
    await second.editor.open(editor.docId);

    await pickImages(ana.page, [sunsetPng()]);
    const image = editor.content.locator(IMAGE);
    await expect(image).toHaveCount(1);
    await expect(image).toHaveAttribute('alt', 'sunset');
    const src = (await image.getAttribute('src')) ?? '';
    expect(src).toMatch(UPLOADED);
    await expectLoaded(image);
    await expect(ana.page.getByTestId('image-upload-placeholder')).toHaveCount(0);

    const other = second.editor.content.locator(IMAGE);
    await expect(other).toHaveAttribute('src', src);
    await expectLoaded(other);
    // Scaled to the column, aspect ratio kept (640 × 360).
    const box = (await other.boundingBox())!;
    const column = (await second.editor.content.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(column.width);
    expect(box.width / box.height).toBeCloseTo(640 / 360, 1);

    const stranger = await sam.context.request.get(src);
    expect(stranger.status()).toBe(404);
    const member = await ana.context.request.get(src);
    expect(member.status()).toBe(200);
    expect(member.headers()['content-type']).toBe('image/png');
  });

  test('several files dropped at once go in where they were dropped, in order; a pasted one too', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('Photos');

    expect(await sendFiles(ana.page, 'drop', [sunsetPng('one.png'), seaPng('two.png')])).toBe(true);
    const images = editor.content.locator(IMAGE);
    await expect(images).toHaveCount(2);
    expect(await images.evaluateAll((all) => all.map((img) => img.getAttribute('alt')))).toEqual(['one', 'two']);
    for (const image of await images.all()) await expectLoaded(image);

    await editor.content.click();
    await ana.page.keyboard.press('ControlOrMeta+End');
    expect(await sendFiles(ana.page, 'paste', [seaPng('pasted.png')])).toBe(true);
    await expect(images).toHaveCount(3);
    await expect(images.nth(2)).toHaveAttribute('alt', 'pasted');
    await expectLoaded(images.nth(2));
  });

  test('an SVG is refused with a message naming the file, by the browser and by the server, and nothing is inserted', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('Logo');

    await pickImages(ana.page, [logoSvg()]);
    const errors = ana.page.getByTestId('image-upload-error');
    await expect(errors).toHaveText(['logo.svg could not be added: it is not a PNG, JPEG, GIF or WebP image.']);

    // Claiming to be a PNG does not help: the server reads the bytes (415).
    await pickImages(ana.page, [logoSvg('renamed.png', 'image/png')]);
    await expect(errors.nth(1)).toHaveText('renamed.png could not be added: it is not a PNG, JPEG, GIF or WebP image.');
    await expect(editor.content.locator(IMAGE)).toHaveCount(0);
    await expect(ana.page.getByTestId('image-upload-placeholder')).toHaveCount(0);
    await expect(editor.content).toHaveText('Logo');

    await ana.page.getByRole('button', { name: 'Dismiss the message about logo.svg' }).click();
    await expect(errors).toHaveText(['renamed.png could not be added: it is not a PNG, JPEG, GIF or WebP image.']);
  });

  test('a viewer has no way to upload', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const vic = await actor('Vic Viewer');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.typeAtEnd('Read me');
    await ana.share(editor.docId, vic, 'viewer');
    await vic.editor.open(editor.docId);
    await expect(vic.page.getByRole('button', { name: 'Image', exact: true })).toHaveCount(0);
    expect(await sendFiles(vic.page, 'paste', [seaPng()])).toBe(false);
    expect(await sendFiles(vic.page, 'drop', [seaPng()])).toBe(false);
    await expect(vic.page.getByTestId('image-upload-placeholder')).toHaveCount(0);
    await expect(vic.editor.content.locator(IMAGE)).toHaveCount(0);
  });
});
