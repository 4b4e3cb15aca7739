import { CommentsPanel } from '../fixtures/comments.ts';
import { MentionPicker, NotificationBell } from '../fixtures/notifications.ts';
import { type Actor, expect, test } from '../fixtures/test.ts';

const SENTENCE = 'The launch moves to Monday.';
const TEXT = `${SENTENCE} Budget stays the same.`;

/** `owner`'s new document "Plan" holding TEXT, stored; returns its id. */
async function planDoc(owner: Actor): Promise<string> {
  await owner.list.goto();
  const editor = await owner.list.createDoc();
  await editor.title.fill('Plan');
  await editor.title.press('Enter');
  await owner.editor.typeAtEnd(TEXT);
  await expect(owner.editor.saveStatus).toHaveText('All changes saved');
  return editor.docId;
}

test.describe('comments', () => {
  test('Ana comments, Ben (commenter) replies with a mention, Ana lands on the thread and resolves it; Ben cannot type', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');

    // Ana's document, shared with Ben as a commenter.
    const docId = await planDoc(ana);
    await ana.share(docId, ben, 'commenter');

    await ben.editor.open(docId);
    await expect(ben.editor.content).toHaveText(TEXT);
    await expect(ben.editor.viewOnlyBadge).toHaveText('Can comment');
    await expect(ben.editor.toolbar).toHaveCount(0);

    // Ana selects the sentence and comments on it from the button over the selection.
    const anaComments = new CommentsPanel(ana.page);
    await anaComments.select(SENTENCE);
    await anaComments.selectionButton.click();
    await expect(anaComments.root).toBeVisible();
    await expect(anaComments.draft).toContainText(SENTENCE);
    await anaComments.submitDraft('Is Monday confirmed?');
    const anaThread = anaComments.thread(SENTENCE);
    await expect(anaThread).toContainText('Is Monday confirmed?');
    await expect(anaComments.highlights).toHaveText(SENTENCE);
    await expect(anaComments.toggle).toHaveAccessibleName('Comments, 1 open');

    // Ben sees the highlight live; clicking it opens the thread.
    const benComments = new CommentsPanel(ben.page);
    await expect(benComments.highlights).toHaveText(SENTENCE);
    await benComments.highlights.click();
    await expect(benComments.root).toBeVisible();
    const benThread = benComments.thread(SENTENCE);
    await expect(benThread).toHaveAttribute('data-active', 'true');
    await expect(benComments.activeHighlight).toHaveText(SENTENCE);

    // Ben replies and mentions Ana from the "@" list.
    const reply = benThread.getByRole('textbox', { name: 'Reply to Ana Lima' });
    await reply.click();
    await reply.pressSequentially('Yes, @An');
    const picker = new MentionPicker(ben.page);
    await expect(picker.option('Ana Lima')).toHaveAttribute('aria-selected', 'true');
    await reply.press('Enter');
    await expect(picker.root).toBeHidden();
    await reply.pressSequentially('confirmed it this morning.');
    await expect(reply).toHaveValue('Yes, @Ana Lima confirmed it this morning.');
    await reply.press('ControlOrMeta+Enter');
    await expect(reply).toHaveValue('');
    const benReply = benThread.getByTestId('comment').nth(1);
    await expect(benReply).toContainText('Yes, @Ana Lima confirmed it this morning.');
    await expect(benReply.locator('.comment__mention')).toHaveText('@Ana Lima');
    await expect(anaThread.getByTestId('comment')).toHaveCount(2);

    // Ana is told; the notification opens the document at the thread.
    await ana.list.goto();
    const bell = new NotificationBell(ana.page);
    await bell.expectUnread(1);
    await bell.open();
    const notification = bell.item('Ben Okafor mentioned you in a comment on “Plan”');
    await expect(notification).toContainText('Yes, @Ana Lima confirmed it this morning.');
    await notification.getByRole('link').click();
    await expect(ana.page).toHaveURL(new RegExp(`/d/${docId}\\?thread=`));
    await ana.editor.waitUntilLive();
    await expect(anaComments.root).toBeVisible();
    await expect(anaThread).toHaveAttribute('data-active', 'true');
    await expect(anaComments.activeHighlight).toHaveText(SENTENCE);
    await expect(anaComments.activeHighlight).toBeInViewport();
    await bell.expectUnread(0);

    // Ana resolves: the highlight goes in both tabs, and the thread moves behind the filter.
    await anaThread.getByRole('button', { name: 'Resolve' }).click();
    await expect(anaComments.highlights).toHaveCount(0);
    await expect(benComments.highlights).toHaveCount(0);
    await expect(benThread).toHaveCount(0);
    await benComments.showResolved.check();
    await expect(benThread).toContainText('Resolved by Ana Lima');
    await expect(benThread.getByRole('button', { name: 'Reopen' })).toBeVisible();

    // Ben cannot change the text: his keystrokes go nowhere, and Ana's next edit arrives
    // without them.
    await expect(ben.editor.content).toHaveAttribute('contenteditable', 'false');
    await ben.editor.content.click();
    await ben.page.keyboard.press('End');
    await ben.page.keyboard.type(' Ben was here.');
    await expect(ben.editor.content).toHaveText(TEXT);
    await ana.editor.typeAtEnd(' Final.');
    await expect(ben.editor.content).toHaveText(`${TEXT} Final.`);
    await expect(ana.editor.content).toHaveText(`${TEXT} Final.`);
  });
});

test.describe('comments on a phone and unsent drafts', () => {
  test('on a phone the comments are a sheet: select, Comment, write, send; Escape closes it and the focus goes back to the toggle', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    await ana.page.setViewportSize({ width: 390, height: 844 });
    await planDoc(ana);

    const comments = new CommentsPanel(ana.page);
    const sheet = ana.page.getByRole('dialog', { name: 'Comments' });
    await comments.select(SENTENCE);
    await expect(comments.selectionButton).toBeInViewport();
    await comments.selectionButton.click();
    await expect(sheet).toBeVisible();
    await expect(comments.draft).toContainText(SENTENCE);
    await comments.submitDraft('Is Monday confirmed?');
    await expect(comments.thread(SENTENCE)).toContainText('Is Monday confirmed?');
    // Edge to edge: nothing of the text is left beside it to select by mistake.
    expect((await sheet.boundingBox())?.width).toBe(390);

    await ana.page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
    await expect(comments.toggle).toBeFocused();
    await expect(comments.highlights).toHaveText(SENTENCE);

    // A tap on the highlight opens the sheet at its thread.
    await comments.highlights.click();
    await expect(sheet).toBeVisible();
    await expect(comments.thread(SENTENCE)).toHaveAttribute('data-active', 'true');
    await sheet.getByRole('button', { name: 'Close comments' }).click();
    await expect(sheet).toBeHidden();
    await expect(comments.toggle).toBeFocused();
  });

  test('a reply and a new comment being written survive closing the panel; leaving the page asks first; a role change keeps the text', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    const docId = await planDoc(ana);
    await ana.share(docId, ben, 'commenter');
    const anaComments = new CommentsPanel(ana.page);
    await anaComments.select(SENTENCE);
    await anaComments.selectionButton.click();
    await anaComments.submitDraft('Is Monday confirmed?');

    await ben.editor.open(docId);
    const comments = new CommentsPanel(ben.page);
    await comments.open();
    const reply = comments.thread(SENTENCE).getByRole('textbox', { name: 'Reply to Ana Lima' });
    await reply.fill('Yes, confirmed this morning.');
    await comments.root.getByRole('button', { name: 'Close comments' }).click();
    await expect(comments.root).toBeHidden();

    // A new comment too; switching to another panel keeps it, highlight included.
    await comments.select('Budget stays the same.');
    await comments.selectionButton.click();
    await comments.draft.getByRole('textbox', { name: 'Comment' }).fill('Which budget?');
    await ben.page.getByTestId('activity-toggle').click();
    await expect(comments.root).toBeHidden();
    await expect(ben.page.locator('.ProseMirror .comment-highlight--draft')).toHaveText('Budget stays the same.');

    await comments.open();
    await expect(reply).toHaveValue('Yes, confirmed this morning.');
    await expect(comments.draft).toContainText('Budget stays the same.');
    await expect(comments.draft.getByRole('textbox', { name: 'Comment' })).toHaveValue('Which budget?');

    // Closing the tab now would lose them: the browser asks first.
    const asked = ben.page.waitForEvent('dialog');
    await ben.page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    await expect(reply).toHaveValue('Yes, confirmed this morning.');

    // Ana makes Ben a viewer meanwhile: nothing can be sent, and nothing he wrote is lost.
    await ana.share(docId, ben, 'viewer');
    await expect(ben.editor.viewOnlyBadge).toHaveText('View only');
    await expect(reply).toHaveValue('Yes, confirmed this morning.');
    await expect(comments.thread(SENTENCE)).toContainText('You can no longer comment on this document');
    await expect(comments.thread(SENTENCE).getByRole('button', { name: 'Reply' })).toBeDisabled();
    await expect(comments.draft.getByRole('textbox', { name: 'Comment' })).toHaveValue('Which budget?');
    // Cancel is the way to give a draft up.
    await comments.draft.getByRole('button', { name: 'Cancel' }).click();
    await expect(comments.draft).toHaveCount(0);
  });
});
