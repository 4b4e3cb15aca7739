import { CommentsPanel } from '../fixtures/comments.ts';
import { MentionPicker, NotificationBell } from '../fixtures/notifications.ts';
import { expect, test } from '../fixtures/test.ts';

const SENTENCE = 'The launch moves to Monday.';
const TEXT = `${SENTENCE} Budget stays the same.`;

test.describe('comments', () => {
  test('Ana comments, Ben (commenter) replies with a mention, Ana lands on the thread and resolves it; Ben cannot type', async ({
    actor,
  }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');

    // Ana's document, shared with Ben as a commenter.
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    await editor.title.fill('Plan');
    await editor.title.press('Enter');
    await ana.editor.typeAtEnd(TEXT);
    await expect(ana.editor.saveStatus).toHaveText('All changes saved');
    const docId = editor.docId;
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
