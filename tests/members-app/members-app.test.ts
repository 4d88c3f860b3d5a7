import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpMember, uniqueLoginId } from '../members/member-fixtures';
import { expectOwnOriginPolicy, launchChromium, screenshotPath, storedSession, watchPage, type PageWatch } from '../support/browser';
import { HOUR } from '../support/clock';
import { dataOf } from '../support/graphql-client';
import { LoginDocument, SettleEventDocument } from '../support/operations.generated';
import { ROOT } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';

const JOIN_CODE = 'hanbit-2026';
const PHONE = { width: 360, height: 740 };
/** About 2.2 km north of the pitch. */
const FAR_AWAY = { latitude: PITCH.latitude + 0.02, longitude: PITCH.longitude };
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** axe-core's findings on the page as it is now (WCAG 2.1 A and AA, and best practices). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate<AxeViolation[]>(`axe.run(document).then((result) => result.violations)`);
  return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The page is no wider than the phone: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate<{ page: number; viewport: number }>('({ page: document.documentElement.scrollWidth, viewport: window.innerWidth })');
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
}

describe("the members' app on a phone, in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  let origin: string;
  let admin: { token: string };

  beforeAll(async () => {
    // The club's first admin, made at start-up: sign-ups need the join code.
    const credentials = { loginId: 'club.admin', password: 'admin password 2026' };
    server = await startTestServer({ env: { SIGNUP_CODE: JOIN_CODE, CLUB_NAME: '한빛 FC', ADMIN_LOGIN_ID: credentials.loginId, ADMIN_PASSWORD: credentials.password } });
    origin = new URL(server.url).origin;
    admin = dataOf(await server.request(LoginDocument, credentials)).login;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function phone(options: { geolocation?: { latitude: number; longitude: number }; permissions?: string[] } = {}) {
    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'ko-KR',
      timezoneId: 'Asia/Seoul',
      geolocation: options.geolocation ? { ...options.geolocation, accuracy: 12 } : undefined,
      permissions: options.permissions ?? [],
    });
    const page = await context.newPage();
    return { context, page, watch: watchPage(page, origin) };
  }

  async function signIn(page: Page, who: { loginId: string; password: string }, path = '/') {
    await page.goto(`${origin}${path}`);
    await page.getByTestId('login-id').fill(who.loginId);
    await page.getByTestId('login-password').fill(who.password);
    await page.getByTestId('login-submit').click();
  }

  async function notice(page: Page) {
    const found = page.getByTestId('notice');
    await found.waitFor();
    return { kind: await found.getAttribute('data-kind'), code: await found.getAttribute('data-code'), text: (await found.textContent()) ?? '' };
  }

  function expectClean(watch: PageWatch) {
    expect(watch.elsewhere).toEqual([]);
    expect(watch.consoleErrors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).toEqual([]);
  }

  it('signs a new member up with the join code, keeps what was typed after a refusal, and opens home', async () => {
    const { context, page, watch } = await phone();
    const response = await page.goto(`${origin}/signup`);
    expect(response?.status()).toBe(200);
    expectOwnOriginPolicy(response!.headers());
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    const loginId = uniqueLoginId('phone');
    await page.getByTestId('signup-login-id').fill(loginId);
    await page.getByTestId('signup-password').fill('correct horse battery');
    await page.getByTestId('signup-name').fill('김하늘');
    await page.getByTestId('signup-phone').fill('010-2222-3333');
    await page.getByTestId('signup-gender').selectOption('FEMALE');
    await page.getByTestId('signup-join-code').fill('wrong code');
    await page.getByTestId('signup-submit').click();
    const refused = await notice(page);
    expect(refused).toMatchObject({ kind: 'error', code: 'INVALID_JOIN_CODE' });
    expect(refused.text).toContain('가입 코드');
    expect(refused.text).not.toMatch(/[A-Z_]{6,}|join code/i);
    expect(await page.getByTestId('signup-name').inputValue()).toBe('김하늘');

    await page.getByTestId('signup-join-code').fill(JOIN_CODE);
    await page.getByTestId('signup-submit').click();
    await page.waitForURL(`${origin}/`);
    expect(await notice(page)).toMatchObject({ kind: 'success' });
    expect(await page.getByTestId('nav-home').getAttribute('href')).toBe('/');
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    expect((await storedSession(page))?.loginId).toBe(loginId);
    expect(await axeViolations(page)).toEqual([]);
    expectClean(watch);
    await context.close();
  });

  it('takes a member through match day: home, check-in refused far away and without location, checked in at the pitch, dues, an absence notice', async () => {
    const member = await signUpMember(server, { name: '이도윤', joinCode: JOIN_CODE });
    const today = await createEvent(server, admin.token, { title: '토요 정기전', startsInMinutes: 30, fee: 5000 });
    const later = await createEvent(server, admin.token, { title: '다음 주 정기전', startsInMinutes: 7 * 24 * 60, fee: 0 });
    const notMine = await createEvent(server, admin.token, { title: '연습 경기', startsInMinutes: 3 * 24 * 60, fee: 0 });
    await addParticipants(server, admin.token, today.id, [member.id]);
    await addParticipants(server, admin.token, later.id, [member.id]);

    // Far from the pitch first: the distance is told and nothing is recorded.
    const far = await phone({ geolocation: FAR_AWAY, permissions: ['geolocation'] });
    await signIn(far.page, member);
    const cards = far.page.getByTestId('match-card');
    await cards.first().waitFor();
    expect(await cards.evaluateAll((found) => found.map((card) => card.getAttribute('data-event-id')))).toEqual([today.id, notMine.id, later.id]);
    expect(await cards.first().textContent()).toContain('토요 정기전');
    expect(await cards.first().textContent()).toContain('출석 전');
    await expectNoSidewaysScroll(far.page);
    expect(await axeViolations(far.page)).toEqual([]);
    await far.page.screenshot({ path: screenshotPath('app-home'), fullPage: true });

    await cards.first().locator('a').click();
    await far.page.waitForURL(`${origin}/matches/${today.id}`);
    const detail = far.page.getByTestId('match-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-event-id')).toBe(today.id);
    expect(await far.page.getByTestId('participant').count()).toBe(1);
    const map = await far.page.getByTestId('map-link').getAttribute('href');
    expect(map).toContain(String(today.latitude));
    expect(map).toContain(String(today.longitude));
    expect(await axeViolations(far.page)).toEqual([]);
    await far.page.getByTestId('check-in').click();
    const outOfRange = await notice(far.page);
    expect(outOfRange).toMatchObject({ kind: 'error', code: 'OUT_OF_RANGE' });
    expect(outOfRange.text).toMatch(/\d{1,3}(,\d{3})*m/);
    expect(await far.page.getByTestId('my-attendance').getAttribute('data-status')).toBe('PENDING');
    await far.context.close();

    // Location refused: said how to allow it, and no request sent.
    const refused = await phone({ geolocation: PITCH, permissions: [] });
    await signIn(refused.page, member, `/matches/${today.id}`);
    await refused.page.getByTestId('check-in').waitFor();
    await refused.page.getByTestId('check-in').click();
    const denied = await notice(refused.page);
    expect(denied.kind).toBe('error');
    expect(denied.text).toContain('허용');
    // The page may read its match again (it follows it live), but no check-in went out.
    expect(refused.watch.requests.filter((request) => request.operation === 'CheckIn')).toEqual([]);
    await refused.context.close();

    // At the pitch: checked in, shown without a reload; then "I paid" and an absence notice for next week.
    const near = await phone({ geolocation: PITCH, permissions: ['geolocation'] });
    await signIn(near.page, member, `/matches/${today.id}`);
    await near.page.waitForURL(`${origin}/matches/${today.id}`);
    await near.page.getByTestId('check-in').click();
    expect(await notice(near.page)).toMatchObject({ kind: 'success' });
    await near.page.locator('[data-testid="my-attendance"][data-status="ATTENDED"]').waitFor();
    expect(await near.page.getByTestId('check-in').count()).toBe(0);
    expect(await near.page.getByTestId('my-payment').getAttribute('data-status')).toBe('UNPAID');
    await near.page.getByTestId('request-payment').click();
    await near.page.locator('[data-testid="my-payment"][data-status="AWAITING_CONFIRMATION"]').waitFor();
    expect(await near.page.getByTestId('request-payment').count()).toBe(0);
    await near.page.screenshot({ path: screenshotPath('app-match-checked-in'), fullPage: true });

    await near.page.goto(`${origin}/matches/${later.id}`);
    await near.page.getByTestId('absence-open').click();
    await near.page.getByTestId('absence-reason').fill('시험 기간이라 빠집니다');
    await near.page.getByTestId('absence-submit').click();
    await near.page.locator('[data-testid="absence-status"][data-status="PENDING"]').waitFor();
    expect(await axeViolations(near.page)).toEqual([]);
    await near.page.getByTestId('absence-withdraw').click();
    await near.page.getByTestId('absence-open').waitFor();
    expect(await near.page.getByTestId('absence-status').count()).toBe(0);
    expect(await notice(near.page)).toMatchObject({ kind: 'success' });
    expectClean(near.watch);
    await near.context.close();
  });

  it('shows /me after a settlement, changes the password, and signs out clearing what the phone kept', async () => {
    const member = await signUpMember(server, { name: '박서준', joinCode: JOIN_CODE });
    const missed = await createEvent(server, admin.token, { title: '놓친 경기', startsInMinutes: 10, fee: 0 });
    await addParticipants(server, admin.token, missed.id, [member.id]);
    server.clock.advance(3 * HOUR);
    dataOf(await server.request(SettleEventDocument, { id: missed.id }, { token: admin.token }));

    const { context, page, watch } = await phone();
    await signIn(page, member, '/me');
    await page.waitForURL(`${origin}/me`);
    await page.locator('[data-testid="attendance-row"][data-status="ABSENT"]').waitFor();
    expect(await page.getByTestId('penalty-row').count()).toBe(1);
    expect(await page.getByTestId('my-points').textContent()).toMatch(/^[1-9]\d*$/);
    // One absence: 3 points, one warning.
    expect(await page.getByTestId('my-standing').getAttribute('data-standing')).toBe('WARNED');
    expect(await page.getByTestId('season-select').evaluate((select) => select.tagName)).toBe('SELECT');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('app-me'), fullPage: true });

    await page.getByTestId('nav-account').click();
    await page.getByTestId('calendar-link').waitFor();
    expect(await page.getByTestId('calendar-link').textContent()).toMatch(new RegExp(`^${origin}/calendar/[\\w-]+\\.ics$`));
    expect(await page.getByTestId('profile-name').inputValue()).toBe('박서준');
    expect(await axeViolations(page)).toEqual([]);
    const oldToken = (await storedSession(page))!.token;
    await page.getByTestId('current-password').fill('not my password');
    await page.getByTestId('new-password').fill('a brand new secret');
    await page.getByTestId('password-submit').click();
    expect(await notice(page)).toMatchObject({ kind: 'error', code: 'INVALID_CREDENTIALS' });
    await page.getByTestId('current-password').fill(member.password);
    await page.getByTestId('password-submit').click();
    expect(await notice(page)).toMatchObject({ kind: 'success' });
    const renewed = (await storedSession(page))!.token;
    expect(renewed).not.toBe(oldToken);
    // Still signed in with the new token: the home loads.
    await page.getByTestId('nav-home').click();
    await page.locator('h1', { hasText: '박서준' }).waitFor();

    await page.getByTestId('nav-account').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(`${origin}/login`);
    const kept = await page.evaluate<string[]>(`Object.keys(localStorage).concat(Object.keys(sessionStorage)).filter((key) => key.startsWith('pitchside.'))`);
    expect(kept).toEqual([]);
    await page.goto(`${origin}/me`);
    await page.waitForURL(`${origin}/login?next=%2Fme`);
    expectClean(watch);
    await context.close();
  });

  it('sends an expired or refused token back to sign-in with a Korean message, then back where the member was', async () => {
    const member = await signUpMember(server, { name: '최민준', joinCode: JOIN_CODE });
    const { context, page } = await phone();
    await signIn(page, member, '/me');
    await page.waitForURL(`${origin}/me`);
    // The token stops working behind the app's back (changed elsewhere).
    await page.evaluate(`(() => { const s = JSON.parse(localStorage.getItem('pitchside.session')); s.token = 'not.a.token'; localStorage.setItem('pitchside.session', JSON.stringify(s)); })()`);
    await page.goto(`${origin}/account`);
    await page.waitForURL(`${origin}/login?next=%2Faccount`);
    const told = await notice(page);
    expect(told).toMatchObject({ kind: 'error', code: 'UNAUTHENTICATED' });
    expect(told.text).toContain('다시 로그인');
    await page.getByTestId('login-id').fill(member.loginId);
    await page.getByTestId('login-password').fill(member.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${origin}/account`);
    await context.close();
  });

  it('opens offline with the last loaded home and a banner, reloads deep links, and shows unknown routes and /admin as such', async () => {
    const member = await signUpMember(server, { name: '정예린', joinCode: JOIN_CODE });
    const match = await createEvent(server, admin.token, { title: '오프라인 확인 경기', startsInMinutes: 24 * 60, fee: 0 });
    await addParticipants(server, admin.token, match.id, [member.id]);
    const { context, page, watch } = await phone();
    await signIn(page, member);
    await page.locator(`[data-testid="match-card"][data-event-id="${match.id}"]`).waitFor();
    // The service worker has kept the app's files.
    await page.evaluate(`navigator.serviceWorker.ready.then(() => undefined)`);
    const manifest = await (await fetch(`${origin}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: '한빛 FC', start_url: '/', display: 'standalone' });

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-banner').waitFor();
    expect(await page.locator(`[data-testid="match-card"][data-event-id="${match.id}"]`).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('app-offline'), fullPage: true });
    await context.setOffline(false);

    // A deep link reloads where it was.
    await page.goto(`${origin}/matches/${match.id}`);
    await page.getByTestId('match-detail').waitFor();
    await page.reload();
    await page.getByTestId('match-detail').waitFor();

    const unknown = await page.goto(`${origin}/no/such/page`);
    expect(unknown?.status()).toBe(404);
    await page.locator('h1', { hasText: '없는 페이지' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${origin}/admin`);
    await page.locator('h1', { hasText: '관리자만' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const graphqlAfterAdmin = watch.requests.filter((request) => request.url.endsWith('/graphql') && request.method === 'POST').length;
    expect(graphqlAfterAdmin).toBeGreaterThan(0);
    await context.close();
  });

  it('has no accessibility violation on the signed-out routes, and serves hashed files for a year and the worker uncached', async () => {
    const { context, page } = await phone();
    for (const path of ['/login', '/signup', '/reset']) {
      await page.goto(`${origin}${path}`);
      await page.getByRole('heading').first().waitFor();
      expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
      await expectNoSidewaysScroll(page);
    }
    const { pages } = JSON.parse(readFileSync(`${ROOT}/dist/web/manifest.json`, 'utf8')) as { pages: Record<string, { script: string }> };
    const script = await fetch(`${origin}${pages.app.script}`, { headers: { 'accept-encoding': 'br' } });
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-encoding')).toBe('br');
    for (const path of ['/', '/sw.js']) expect((await fetch(`${origin}${path}`)).headers.get('cache-control')).toBe('no-cache');
    await context.close();
  });
});
