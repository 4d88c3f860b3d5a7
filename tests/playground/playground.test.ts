import type { Browser, Page } from 'playwright-core';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { expectOwnOriginPolicy, launchChromium, screenshotPath, storedSession, watchPage, type PageGlobals, type PageWatch } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

/** Monaco closes brackets and quotes as they are typed: replace an editor's text and drop what it added. */
async function replaceEditorText(page: Page, editor: ReturnType<Page['locator']>, text: string) {
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Shift+Control+End');
  await page.keyboard.press('Delete');
}

const queryEditor = (page: Page) => page.locator('.graphiql-query-editor .monaco-editor').first();

/** Puts one named operation into the query editor, runs it and answers the response pane's JSON. */
async function run(page: Page, query: string): Promise<unknown> {
  const name = /^(?:query|mutation) (\w+)/.exec(query)![1];
  await replaceEditorText(page, queryEditor(page), query);
  // GraphiQL reads the edited document's operation name after a debounce; running before it would
  // send the previous document's name. The tab takes the name once it is read.
  await page.locator('.graphiql-tab-active .graphiql-tab-button').filter({ hasText: new RegExp(`^${name}$`) }).waitFor();
  const response = page.locator('.graphiql-response');
  const before = await response.textContent();
  await page.getByRole('button', { name: /Execute query/ }).click();
  await page.waitForFunction((previous) => {
    const text = (globalThis as unknown as PageGlobals).document.querySelector('.graphiql-response')?.textContent ?? '';
    return text.includes('}') && text !== previous;
  }, before);
  return JSON.parse((await response.textContent())!.replace(/\s+/g, ''));
}

describe('the GraphQL playground in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let origin: string;
  beforeAll(async () => {
    server = await startTestServer();
    origin = new URL(server.url).origin;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openPlayground(url = server.url, { fakeClock = false } = {}): Promise<{ page: Page; watch: PageWatch }> {
    const page = await (await browser.newContext()).newPage();
    // Playwright's clock: it runs on, and a test can jump it forward.
    if (fakeClock) await page.clock.install();
    const watch = watchPage(page, new URL(url).origin);
    const response = await page.goto(url);
    expectOwnOriginPolicy(response!.headers());
    await page.waitForSelector('.graphiql-container');
    return { page, watch };
  }

  async function signIn(page: Page, who: SignedUpMember) {
    await page.locator('input[name="loginId"]').fill(who.loginId);
    await page.locator('input[name="password"]').fill(who.password);
    await page.locator('input[name="password"]').press('Enter');
    await page.locator('#signed-in-as').filter({ hasText: who.loginId }).waitFor();
  }

  it('loads from the server alone, completes from the schema once an admin signs in, and runs a query for me { loginId } with a pasted token', async () => {
    const member = await signUpMember(server);
    const admin = await signUpAdmin(server);
    const { page, watch } = await openPlayground();
    await signIn(page, admin);
    await page.waitForSelector('.graphiql-container');

    // Schema-aware completion: the editor offers Member's fields, learnt by introspection.
    await replaceEditorText(page, queryEditor(page), '{ me { log');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget .monaco-list-row:has-text("loginId")');

    await page.getByRole('button', { name: 'Headers' }).click();
    await replaceEditorText(page, page.locator('.graphiql-editor-tool .monaco-editor').last(), `{"Authorization": "Bearer ${member.token}"}`);
    expect(await run(page, 'query PastedToken { me { loginId } }')).toEqual({ data: { me: { loginId: member.loginId } } });
    // Typed headers are not kept in the browser's storage, where a token would outlive the session.
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain(member.token);
    expect(watch.elsewhere).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('signs in with a form, sends the token with every operation until sign-out, and opens with the admins\' saved operations', async () => {
    const admin = await signUpAdmin(server);
    const { page, watch } = await openPlayground();
    const tabs = await page.locator('.graphiql-tab').allTextContents();
    for (const name of ['Me', 'CreateMatch', 'EligibleMembers', 'PendingPayments', 'PendingAbsences', 'Seasons']) {
      expect(tabs.some((tab) => tab.includes(name))).toBe(true);
    }

    await signIn(page, admin);
    expect(await run(page, 'query SignedIn { me { loginId role } }')).toEqual({ data: { me: { loginId: admin.loginId, role: 'ADMIN' } } });
    const sent = watch.requests.filter((request) => request.method === 'POST' && request.url === server.url);
    expect(sent.at(-1)?.authorization).toMatch(/^Bearer /);
    // An admin's saved operation runs as is.
    expect(await run(page, 'query PendingPayments { pendingPayments { id } }')).toEqual({ data: { pendingPayments: [] } });
    await page.screenshot({ path: screenshotPath('playground-signed-in') });

    // The token lives in the tab's sessionStorage and in headers, never in a URL.
    const { token } = (await storedSession(page))!;
    expect(watch.requests.some((request) => request.url.includes(token))).toBe(false);

    await page.getByRole('button', { name: '로그아웃' }).click();
    const answer = (await run(page, 'query SignedOut { me { loginId } }')) as { errors: { extensions: { code: string } }[] };
    expect(answer.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(watch.requests.filter((request) => request.method === 'POST').at(-1)?.authorization).toBeUndefined();
    expect(await page.locator('input[name="loginId"]').isVisible()).toBe(true);
    expect(watch.elsewhere).toEqual([]);
    expect(watch.consoleErrors.filter((error) => !error.includes('status of 401'))).toEqual([]);
    await page.context().close();
  });

  it('signs out when the token expires', async () => {
    // The browser's clock jumps past the token's expiry (JWT_TTL, 12 h): no test waits for a real
    // expiry, which a loaded machine could reach before the page had shown the sign-in.
    const admin = await signUpAdmin(server);
    const { page } = await openPlayground(server.url, { fakeClock: true });
    await signIn(page, admin);
    await page.clock.fastForward('12:00:01');
    await page.locator('#session-message').filter({ hasText: '만료' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('input[name="loginId"]').isVisible()).toBe(true);
    expect(await storedSession(page)).toBeNull();
    await page.context().close();
  });

  it('is not served when introspection is off, since it could not work', async () => {
    const closed = await startTestServer({ env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const response = await fetch(closed.url, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
    } finally {
      await closed.stop();
    }
  });

  it('serves GraphiQL\'s files from its own origin, compressed and revalidated', async () => {
    const first = await fetch(`${origin}/playground/graphiql.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    await first.arrayBuffer();
    const again = await fetch(`${origin}/playground/graphiql.js`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });
});
