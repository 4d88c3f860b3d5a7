import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { launchChromium, watchPage, type PageWatch } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf } from '../support/graphql-client';
import { CheckInDocument, ConfirmPaymentDocument, LoginDocument, RequestPaymentConfirmationDocument } from '../support/operations.generated';
import { decryptPush, startPushServiceStandIn } from '../support/push-service-stand-in';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';

const ADMIN = { loginId: 'club.admin', password: 'admin password 2026' };

/** Signs in through /login as a person does, and lands on `path`. */
async function signInAt(page: Page, origin: string, who: { loginId: string; password: string }, path: string) {
  await page.goto(`${origin}/login?next=${encodeURIComponent(path)}`);
  await page.getByTestId('login-id').fill(who.loginId);
  await page.getByTestId('login-password').fill(who.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${origin}${path}`);
}

/**
 * The match pages as officers and members use them on match day, in Chromium: a change made
 * through another instance shows without anyone reloading, live while the socket is up and by
 * polling while it is down.
 */
describe('match day, live, in Chromium', () => {
  let database: TestDatabase;
  let shown: TestServer;
  let elsewhere: TestServer;
  let browser: Browser;
  let origin: string;
  let adminToken: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    shown = await startTestServer({ database, env: { ADMIN_LOGIN_ID: ADMIN.loginId, ADMIN_PASSWORD: ADMIN.password } });
    elsewhere = await startTestServer({ database });
    origin = new URL(shown.url).origin;
    adminToken = dataOf(await shown.request(LoginDocument, ADMIN)).login.token;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await shown?.stop();
    await elsewhere?.stop();
    await database?.drop();
  });

  /** A signed-in page; `socketDown` refuses its WebSocket, as a network that drops it would. */
  async function signedIn(who: { loginId: string; password: string }, path: string, { socketDown = false } = {}): Promise<{ page: Page; watch: PageWatch }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    contexts.push(context);
    if (socketDown) await context.routeWebSocket(/\/graphql$/, (socket) => socket.close({ code: 1006 }));
    const page = await context.newPage();
    const watch = watchPage(page, origin);
    await signInAt(page, origin, who, path);
    return { page, watch };
  }

  async function matchWith(...members: SignedUpMember[]) {
    const event = await createEvent(shown, adminToken, { startsInMinutes: 30, title: '일요 리그' });
    await addParticipants(shown, adminToken, event.id, members.map((member) => member.id));
    return event;
  }

  const checkInElsewhere = async (eventId: string, member: SignedUpMember) =>
    dataOf(await elsewhere.request(CheckInDocument, { eventId, ...PITCH, accuracyMeters: 10 }, { token: member.token }));

  it("the console's match page shows a check-in made through another instance, live", async () => {
    const member = await signUpMember(shown, { name: '박지성' });
    const event = await matchWith(member);
    const { page, watch } = await signedIn(ADMIN, `/admin/matches/${event.id}`);
    await page.waitForSelector('[data-testid=live-status][data-state=live]');
    await page.waitForSelector(`[data-testid=roster-row][data-member-id="${member.id}"][data-status=PENDING]`);

    await checkInElsewhere(event.id, member);
    // Live, the page does not poll: only the change's notification can bring this in.
    await page.waitForSelector(`[data-testid=roster-row][data-member-id="${member.id}"][data-status=ATTENDED]`, { timeout: 4_000 });
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.elsewhere).toEqual([]);
    // The token travelled in connection_init, never in the socket's URL.
    expect(watch.requests.filter((request) => request.url.includes('token'))).toEqual([]);
  });

  it("a member's match page shows the officers' confirmation of their payment, live", async () => {
    const member = await signUpMember(shown);
    const event = await matchWith(member);
    const { page } = await signedIn(member, `/matches/${event.id}`);
    await page.waitForSelector('[data-testid=live-status][data-state=live]');
    dataOf(await shown.request(RequestPaymentConfirmationDocument, { eventId: event.id }, { token: member.token }));
    await page.waitForSelector('[data-testid=my-payment][data-status=AWAITING_CONFIRMATION]', { timeout: 4_000 });
    dataOf(await elsewhere.request(ConfirmPaymentDocument, { eventId: event.id, memberId: member.id }, { token: adminToken }));
    await page.waitForSelector('[data-testid=my-payment][data-status=PAID]', { timeout: 4_000 });
  });

  it('falls back to polling while the socket is down, and says so', async () => {
    const member = await signUpMember(shown);
    const event = await matchWith(member);
    const { page } = await signedIn(ADMIN, `/admin/matches/${event.id}`, { socketDown: true });
    await page.waitForSelector('[data-testid=live-status][data-state=polling]');
    await checkInElsewhere(event.id, member);
    await page.waitForSelector(`[data-testid=roster-row][data-member-id="${member.id}"][data-status=ATTENDED]`, { timeout: 12_000 });
    expect(await page.getByTestId('live-status').getAttribute('data-state')).toBe('polling');
  });
});

/**
 * Notifications on a member's phone, in Chromium. Chromium reaches its vendor's push service only
 * over the internet, so the page's PushManager hands out a subscription whose endpoint is the
 * stand-in push service (the one thing stood in for); the service worker then gets the push the
 * stand-in received as Chromium would deliver it (DevTools' deliverPushMessage).
 */
describe('notifications in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let origin: string;
  let adminToken: string;
  let standIn: Awaited<ReturnType<typeof startPushServiceStandIn>>;

  beforeAll(async () => {
    standIn = await startPushServiceStandIn();
    server = await startTestServer({ env: { ADMIN_LOGIN_ID: ADMIN.loginId, ADMIN_PASSWORD: ADMIN.password, WEB_PUSH_ALLOW_LOCAL_ENDPOINTS: 'true' } });
    origin = new URL(server.url).origin;
    adminToken = dataOf(await server.request(LoginDocument, ADMIN)).login.token;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await standIn?.close();
  });

  it('turns notifications on in /account, shows one the server sent, opens its match on a tap, and turns them off', async () => {
    const member = await signUpMember(server);
    const phone = standIn.browser();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR', permissions: ['notifications'] });
    const subscription = JSON.stringify({ endpoint: phone.endpoint, keys: { p256dh: phone.p256dh, auth: phone.auth } });
    await context.addInitScript(`
      // Kept across the page's loads, as the browser keeps a real one.
      const subscription = () => {
        const { endpoint, keys } = ${subscription};
        return { endpoint, toJSON: () => ({ endpoint, keys }), unsubscribe: async () => (sessionStorage.removeItem('fake-push'), true) };
      };
      PushManager.prototype.subscribe = async () => (sessionStorage.setItem('fake-push', '1'), subscription());
      PushManager.prototype.getSubscription = async () => (sessionStorage.getItem('fake-push') ? subscription() : null);
    `);
    try {
      const page = await context.newPage();
      const watch = watchPage(page, origin);
      await signInAt(page, origin, member, '/account');
      await page.waitForSelector('[data-testid=push-toggle][data-state=off]');
      await page.getByTestId('push-toggle').click();
      await page.waitForSelector('[data-testid=push-toggle][data-state=on][aria-pressed=true]');
      expect(await page.getByTestId('notice').getAttribute('data-kind')).toBe('success');
      expect(await server.app.database.prisma.pushSubscription.count({ where: { memberId: member.id, endpoint: phone.endpoint } })).toBe(1);

      const event = await createEvent(server, adminToken, { title: '목요 풋살' });
      await addParticipants(server, adminToken, event.id, [member.id]);
      await waitFor(async () => standIn.for(phone).length === 1, 10_000);
      const sent = decryptPush(standIn.for(phone)[0], phone);

      const cdp = await context.newCDPSession(page);
      const registrationId = new Promise<string>((resolve) =>
        cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
          const ours = registrations.find((registration) => registration.scopeURL === `${origin}/` && !registration.isDeleted);
          if (ours) resolve(ours.registrationId);
        }),
      );
      await cdp.send('ServiceWorker.enable');
      // Chromium drops a push for a worker not yet active: wait for it (installing keeps the app's files first).
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      const shown = async () =>
        page.evaluate<{ title: string; body: string; tag: string }[]>(
          `navigator.serviceWorker.ready.then((r) => r.getNotifications()).then((all) => all.map((n) => ({ title: n.title, body: n.body, tag: n.tag })))`,
        );
      const deliver = async () => cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await registrationId, data: JSON.stringify(sent) });
      // Delivered again each second should one have met the worker still activating: its tag keeps it one notification.
      for (let attempt = 0; attempt < 10 && (await shown()).length === 0; attempt++) {
        await deliver();
        await waitFor(async () => (await shown()).length === 1, 1_000).catch(() => undefined);
      }
      expect((await shown())[0]).toMatchObject({ title: '경기 명단에 추가되었어요: 목요 풋살', tag: `match-${event.id}` });

      // A tap: the service worker's notificationclick, as Chromium dispatches it.
      const [worker] = context.serviceWorkers();
      await worker.evaluate(`self.registration.getNotifications().then(([shown]) => self.dispatchEvent(new NotificationEvent('notificationclick', { notification: shown })))`);
      await page.waitForURL(`${origin}/matches/${event.id}`);
      await page.getByTestId('match-detail').waitFor();

      await page.goto(`${origin}/account`);
      await page.waitForSelector('[data-testid=push-toggle][data-state=on]');
      await page.getByTestId('push-toggle').click();
      await page.waitForSelector('[data-testid=push-toggle][data-state=off][aria-pressed=false]');
      expect(await server.app.database.prisma.pushSubscription.count({ where: { memberId: member.id } })).toBe(0);
      expect(watch.consoleErrors.filter((error) => !error.includes('username fields'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says so when the member has blocked notifications', async () => {
    const member = await signUpMember(server);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });
    try {
      const page = await context.newPage();
      await signInAt(page, origin, member, '/account');
      await page.waitForSelector('[data-testid=push-toggle][data-state=off]');
      // Headless Chromium answers a permission prompt nobody granted with "denied".
      await page.getByTestId('push-toggle').click();
      await page.waitForSelector('[data-testid=push-toggle][data-state=blocked]');
      expect(await page.getByText('브라우저 설정에서 이 사이트의 알림을 허용').count()).toBe(1);
      expect(await server.app.database.prisma.pushSubscription.count({ where: { memberId: member.id } })).toBe(0);
    } finally {
      await context.close();
    }
  });
});
