import type { Page } from '@playwright/test';
import { countEventStreams, MentionPicker, NotificationBell, serverSseStreams } from '../fixtures/notifications.ts';
import { type Actor, expect, test } from '../fixtures/test.ts';

/** Ana's new document, titled, shared with Ben as an editor. */
async function sharedDoc(ana: Actor, ben: Actor, title: string): Promise<string> {
  await ana.list.goto();
  const editor = await ana.list.createDoc();
  await editor.title.fill(title);
  await editor.title.press('Enter');
  await expect(ana.page).toHaveTitle(new RegExp(title));
  await ana.share(editor.docId, ben, 'editor');
  return editor.docId;
}

test.describe('notifications', () => {
  test('a mention gives B a notification and a badge; opening it reads it and shows the mention', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ben.list.goto();
    const bell = new NotificationBell(ben.page);
    await bell.waitUntilLive();
    await bell.expectUnread(0);
    await bell.open();
    await expect(bell.empty).toHaveText(/You’re all caught up/);
    await ben.page.keyboard.press('Escape');
    await expect(bell.panel).toBeHidden();
    await expect(bell.button).toBeFocused();

    const docId = await sharedDoc(ana, ben, 'Plan');
    await bell.expectUnread(1);

    // Ana types "@Be" and picks Ben from the members of the document.
    await ana.editor.typeAtEnd('Over to ');
    await ana.page.keyboard.type('@zz');
    const picker = new MentionPicker(ana.page);
    await expect(picker.root).toHaveText('No members match');
    for (let i = 0; i < 2; i += 1) await ana.page.keyboard.press('Backspace');
    await ana.page.keyboard.type('Be');
    await expect(picker.options).toHaveCount(1);
    await expect(picker.option('Ben Okafor')).toHaveAttribute('aria-selected', 'true');
    await ana.page.keyboard.press('Enter');
    await expect(picker.root).toBeHidden();
    await ana.page.keyboard.type('for review.');
    const chip = ana.editor.content.locator('.mention');
    await expect(chip).toHaveText('@Ben Okafor');
    await expect(chip).toHaveAttribute('data-id', ben.id);
    await expect(ana.editor.content).toHaveText('Over to @Ben Okafor for review.');

    await bell.expectUnread(2);
    await bell.open();
    await expect(bell.items).toHaveCount(2);
    await expect(bell.items.first()).toContainText('Ana Lima mentioned you in “Plan”');
    await expect(bell.items.nth(1)).toContainText('Ana Lima shared “Plan” with you');
    await expect(bell.items.first()).toHaveAttribute('data-unread', 'true');
    await expect(bell.items.first()).toContainText('just now');

    await bell.items.first().getByRole('link').click();
    await expect(ben.page).toHaveURL(new RegExp(`/d/${docId}$`));
    await ben.editor.waitUntilLive();
    await expect(ben.editor.content.locator('.mention')).toHaveText('@Ben Okafor');
    await bell.expectUnread(1);
    await expect(bell.panel).toBeHidden();

    // The read state is the server's: a reload shows the same.
    await ben.page.reload();
    await bell.expectUnread(1);
  });

  test('read state follows across tabs and devices through the stream', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    const laptop = ben;
    const secondTab = await ben.newTab();
    const phone = await ben.newDevice();
    for (const tab of [laptop, secondTab, phone]) {
      await tab.list.goto();
      await new NotificationBell(tab.page).waitUntilLive();
    }
    await sharedDoc(ana, ben, 'Plan');
    await sharedDoc(ana, ben, 'Budget');
    const bells = [laptop, secondTab, phone].map((tab) => new NotificationBell(tab.page));
    for (const bell of bells) await bell.expectUnread(2);

    // One read with the dot button on the phone...
    const phoneBell = bells[2]!;
    await phoneBell.open();
    await phoneBell
      .item('Budget')
      .getByRole('button', { name: /^Mark as read/ })
      .click();
    await expect(phoneBell.item('Budget')).toHaveAttribute('data-unread', 'false');
    for (const bell of bells) await bell.expectUnread(1);
    const laptopBell = bells[0]!;
    await laptopBell.open();
    await expect(laptopBell.item('Budget')).toHaveAttribute('data-unread', 'false');
    await expect(laptopBell.item('Plan')).toHaveAttribute('data-unread', 'true');

    // ...and the rest from the laptop.
    await laptopBell.markAllRead.click();
    for (const bell of bells) await bell.expectUnread(0);
    await expect(laptopBell.markAllRead).toBeDisabled();
    await phoneBell.open();
    await expect(phoneBell.items.and(phoneBell.page.locator('[data-unread="true"]'))).toHaveCount(0);
  });

  test('the panel works from the keyboard', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    await ben.list.goto();
    const bell = new NotificationBell(ben.page);
    await bell.waitUntilLive();
    const docId = await sharedDoc(ana, ben, 'Plan');
    await bell.expectUnread(1);

    await bell.button.focus();
    await ben.page.keyboard.press('Enter');
    await expect(bell.panel).toBeVisible();
    await expect(bell.panel).toBeFocused();
    await ben.page.keyboard.press('ArrowDown');
    await expect(bell.items.first().getByRole('link')).toBeFocused();
    await ben.page.keyboard.press('Enter');
    await expect(ben.page).toHaveURL(new RegExp(`/d/${docId}$`));
    await bell.expectUnread(0);
  });
});

test.describe('one stream per browser', () => {
  test('twelve tabs of one person all show a new notification over a single SSE connection', async ({ actor, server, request }) => {
    test.slow();
    const ana = await actor('Ana Lima');
    const ben = await actor('Ben Okafor');
    const streams = countEventStreams(ben.context);
    // Ana's browser holds a stream of its own while she works in the app.
    const anaStreams = countEventStreams(ana.context);
    const serverStreamsOfBen = async () => (await serverSseStreams(request, server.url)) - anaStreams.open;

    // More tabs than the six HTTP/1.1 connections a browser allows per origin: with one
    // stream per tab, the seventh tab could not even load.
    const tabs = [ben, ...(await Promise.all(Array.from({ length: 11 }, () => ben.newTab())))];
    for (const tab of tabs) await tab.list.goto();
    const bells = tabs.map((tab) => new NotificationBell(tab.page));
    for (const bell of bells) await bell.waitUntilLive();
    expect(streams.opened).toBe(1);
    expect(streams.open).toBe(1);

    await sharedDoc(ana, ben, 'Plan');
    for (const bell of bells) await bell.expectUnread(1);
    for (const tab of tabs) await expect(tab.list.row('Plan')).toBeVisible();
    expect(streams.opened).toBe(1);

    // The server's own count (the `inkwell_sse_streams` gauge on GET /metrics), less Ana's.
    await expect.poll(serverStreamsOfBen).toBe(1);

    // The leader's tab closes: another tab takes over with one new connection, resuming
    // where the old one stopped, and the eleven tabs left still hear everything.
    const leaderIndex = await leaderTab(tabs.map((tab) => tab.page));
    await tabs[leaderIndex]!.page.close();
    const rest = tabs.filter((_, index) => index !== leaderIndex);
    const restBells = bells.filter((_, index) => index !== leaderIndex);
    await expect.poll(() => streams.opened).toBe(2);
    await expect.poll(() => streams.open).toBe(1);
    for (const bell of restBells) await bell.waitUntilLive();

    await sharedDoc(ana, ben, 'Budget');
    for (const bell of restBells) await bell.expectUnread(2);
    for (const tab of rest) await expect(tab.list.row('Budget')).toBeVisible();
    expect(streams.opened).toBe(2);
    await expect.poll(serverStreamsOfBen).toBe(1);
  });
});

/** Which tab holds the stream (the bell shows each tab's role). */
async function leaderTab(pages: Page[]): Promise<number> {
  const roles = await Promise.all(pages.map((page) => page.locator('.bell').getAttribute('data-stream-role')));
  const leaders = roles.flatMap((role, index) => (role === 'leader' ? [index] : []));
  expect(roles.filter((role) => role === 'follower')).toHaveLength(pages.length - 1);
  expect(leaders).toHaveLength(1);
  return leaders[0]!;
}
