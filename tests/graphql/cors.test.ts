import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { signUpMember } from '../members/member-fixtures';
import { launchChromium } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

const CLUB_SITE = 'http://club-site.localhost';

/** A front end of another origin: a page on a port of its own whose script calls pitchside. */
async function startFrontEnd(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="ko"><title>front end</title><p>front end</p></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const preflight = (server: TestServer, origin: string) =>
  fetch(server.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

const post = (server: TestServer, origin: string, contentType = 'application/json') =>
  fetch(server.url, { method: 'POST', headers: { origin, 'content-type': contentType }, body: JSON.stringify({ query: '{ __typename }' }) });

describe('CORS for the origins in CORS_ORIGINS', () => {
  let server: TestServer;
  let frontEnd: Awaited<ReturnType<typeof startFrontEnd>>;
  let browser: Browser;
  beforeAll(async () => {
    frontEnd = await startFrontEnd();
    server = await startTestServer({ env: { CORS_ORIGINS: `${CLUB_SITE}, ${frontEnd.origin}` } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await frontEnd?.close();
  });

  it('answers a named origin\'s preflight with the methods, the headers and a max-age, and no credentials', async () => {
    const response = await preflight(server, CLUB_SITE);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(CLUB_SITE);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('gives any other origin no CORS header, on the preflight or the request', async () => {
    for (const origin of ['https://evil.example', 'http://club-site.localhost:8080', 'null']) {
      expect((await preflight(server, origin)).headers.get('access-control-allow-origin')).toBeNull();
      const response = await post(server, origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('vary')).toMatch(/origin/i);
    }
  });

  it('lets a named origin read answers, errors and their request id, and keeps the CSRF protection', async () => {
    const response = await post(server, CLUB_SITE);
    expect(response.headers.get('access-control-allow-origin')).toBe(CLUB_SITE);
    expect(response.headers.get('access-control-expose-headers')).toBe('retry-after, x-request-id');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    // A simple (unpreflighted) POST is still refused by Apollo's CSRF prevention.
    expect((await post(server, CLUB_SITE, 'text/plain')).status).toBe(400);
  });

  it('lets a page of a named origin sign in and call the API from Chromium, with its token', async () => {
    const member = await signUpMember(server);
    const page = await (await browser.newContext()).newPage();
    await page.goto(frontEnd.origin);
    const answer = await page.evaluate(
      async ({ url, token }) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ me { loginId } }' }),
        });
        return { body: await response.json(), requestId: response.headers.get('x-request-id') };
      },
      { url: server.url, token: member.token },
    );
    expect(answer.body).toEqual({ data: { me: { loginId: member.loginId } } });
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await page.context().close();
  });
});

describe('without CORS_ORIGINS', () => {
  it('gives no origin CORS headers, and a browser page of another origin cannot read the API', async () => {
    const server = await startTestServer();
    const frontEnd = await startFrontEnd();
    const browser = await launchChromium();
    try {
      expect((await preflight(server, frontEnd.origin)).headers.get('access-control-allow-origin')).toBeNull();
      const page = await (await browser.newContext()).newPage();
      await page.goto(frontEnd.origin);
      const outcome = await page.evaluate(async (url) => {
        try {
          await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
          return 'read';
        } catch (error) {
          return (error as Error).name;
        }
      }, server.url);
      expect(outcome).toBe('TypeError');
    } finally {
      await browser.close();
      await frontEnd.close();
      await server.stop();
    }
  });
});
