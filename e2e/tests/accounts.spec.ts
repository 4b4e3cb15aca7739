import { SignInPage, SignUpPage } from '../fixtures/pages.ts';
import { expect, PASSWORD, test, uniqueEmail } from '../fixtures/test.ts';

test.describe('accounts', () => {
  test('signing up: errors show inline at each field, then the account lands on an empty list', async ({ browser, server, actor }) => {
    const taken = await actor('Dana Taken');
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();

    // Signed out, every page leads to sign-in; from there to sign-up.
    await page.goto('/');
    const signIn = new SignInPage(page);
    await signIn.expectShown();
    await page.getByRole('link', { name: 'Create one' }).click();
    const signUp = new SignUpPage(page);
    await signUp.expectShown();

    // Nothing filled in: each field says what it needs, and nothing was sent.
    await signUp.submit.click();
    await expect(signUp.name).toHaveAccessibleDescription('Enter your name');
    await expect(signUp.email).toHaveAccessibleDescription('Enter a valid e-mail address');
    await expect(signUp.password).toHaveAccessibleDescription('Password must be at least 8 characters');
    await expect(signUp.name).toBeFocused();

    await signUp.name.fill('Dana Park');
    await signUp.email.fill('dana@');
    await signUp.password.fill('short');
    await expect(signUp.name).not.toHaveAttribute('aria-invalid', 'true');
    await expect(signUp.email).toHaveAccessibleDescription('Enter a valid e-mail address');
    await expect(signUp.password).toHaveAccessibleDescription('Password must be at least 8 characters');

    // Valid as far as the page can tell, but the server knows the e-mail.
    await signUp.email.fill(taken.email);
    await signUp.password.fill(PASSWORD);
    await signUp.submit.click();
    await expect(signUp.email).toHaveAccessibleDescription('An account with this e-mail already exists');
    await expect(page).toHaveURL(/\/signup$/);

    await signUp.email.fill(uniqueEmail('Dana Park'));
    await signUp.submit.click();
    await expect(page).toHaveURL(new URL('/', server.url).href);
    await expect(page.getByText('No documents yet')).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveText('Dana Park');

    // The session is a cookie: a reload stays signed in.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveText('Dana Park');
    await context.close();
  });

  test('sign out returns to sign-in; a wrong password is refused; signing in returns to the page asked for', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const editor = await ana.list.createDoc();
    const docPath = `/d/${editor.docId}`;

    await ana.page.getByRole('button', { name: 'Sign out' }).click();
    const signIn = new SignInPage(ana.page);
    await signIn.expectShown();
    await expect(ana.page.getByTestId('current-user')).toHaveCount(0);

    // The document is not reachable without a session; sign-in remembers where to go.
    await ana.page.goto(docPath);
    await signIn.expectShown();
    expect(new URL(ana.page.url()).searchParams.get('next')).toBe(docPath);

    await signIn.submit.click();
    await expect(signIn.email).toHaveAccessibleDescription('Enter your e-mail');

    await signIn.signIn(ana.email, 'not the password');
    await expect(signIn.formError).toHaveText('Wrong e-mail or password');
    await expect(ana.page).toHaveURL(/\/signin\?next=/);

    await signIn.signIn(ana.email, ana.password);
    await expect(ana.page).toHaveURL(new RegExp(`${docPath}$`));
    await editor.waitUntilLive();
    await expect(ana.page.getByTestId('current-user')).toHaveText('Ana Lima');
  });

  test('signing out in one tab sends the other tab, open on a document, to sign-in', async ({ actor }) => {
    const ana = await actor('Ana Lima');
    await ana.list.goto();
    const { docId } = await ana.list.createDoc();
    const other = await ana.newTab();
    await other.list.goto();

    await other.page.getByRole('button', { name: 'Sign out' }).click();
    await new SignInPage(other.page).expectShown();
    // The server closes the session's sockets (4401); the editor tab follows at once.
    await new SignInPage(ana.page).expectShown();
    expect(new URL(ana.page.url()).searchParams.get('next')).toBe(`/d/${docId}`);
  });

  test('after too many failed sign-ins the page shows the server’s limit', async ({ actor, server }) => {
    const ana = await actor('Ana Lima');
    // Ten wrong passwords for the e-mail (the server's per-e-mail limit), sent directly.
    for (let i = 0; i < 10; i++) {
      const response = await ana.context.request.post(`${server.url}/api/auth/login`, {
        data: { email: ana.email, password: `wrong ${i}` },
      });
      expect(response.status()).toBe(401);
    }
    await ana.page.goto('/');
    await ana.page.getByRole('button', { name: 'Sign out' }).click();
    const signIn = new SignInPage(ana.page);
    await signIn.expectShown();

    // Even the right password waits now; the page says what the server said.
    await signIn.signIn(ana.email, ana.password);
    await expect(signIn.formError).toHaveText(/^Too many sign-in attempts; try again in \d+ s$/);
    await expect(signIn.submit).toBeEnabled();
    await expect(ana.page).toHaveURL(/\/signin$/);
  });
});
