import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { signUpMember } from '../members/member-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/** Debian's Chromium; .ci/run installs it when it is missing. */
const CHROMIUM = '/usr/bin/chromium';

/** Monaco closes brackets and quotes as they are typed: replace an editor's text and drop what it added. */
async function replaceEditorText(page: Page, editor: ReturnType<Page['locator']>, text: string) {
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Shift+Control+End');
  await page.keyboard.press('Delete');
}

describe('the GraphQL playground in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    server = await startTestServer('postgres');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('loads from the server alone, completes from the schema, and runs { me { loginId } } with a pasted token', async () => {
    const member = await signUpMember(server);
    const page = await browser.newPage();
    const origin = new URL(server.url).origin;
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) elsewhere.push(url);
    });

    await page.goto(server.url);
    await page.waitForSelector('.graphiql-container');
    const queryEditor = page.locator('.graphiql-query-editor .monaco-editor').first();

    // Schema-aware completion: the editor offers Member's fields, learnt by introspection.
    await replaceEditorText(page, queryEditor, '{ me { log');
    await page.keyboard.press('Control+Space');
    await page.waitForSelector('.suggest-widget .monaco-list-row:has-text("loginId")');

    await page.getByRole('button', { name: 'Headers' }).click();
    await replaceEditorText(page, page.locator('.graphiql-editor-tool .monaco-editor').last(), `{"Authorization": "Bearer ${member.token}"}`);
    await replaceEditorText(page, queryEditor, '{ me { loginId } }');
    await page.getByRole('button', { name: /Execute query/ }).click();

    const response = page.locator('.graphiql-response');
    await response.getByText(member.loginId).waitFor();
    expect(JSON.parse((await response.textContent())!.replace(/\s+/g, ''))).toEqual({ data: { me: { loginId: member.loginId } } });
    expect(elsewhere).toEqual([]);
  });

  it('is not served when introspection is off, since it could not work', async () => {
    const closed = await startTestServer('postgres', { env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const response = await fetch(closed.url, { headers: { accept: 'text/html' } });
      expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
    } finally {
      await closed.stop();
    }
  });
});
