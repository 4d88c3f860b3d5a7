import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import {
  drawnChart,
  expectOwnOriginPolicy,
  launchChromium,
  screenshotPath,
  storedSession,
  waitForCount,
  watchPage,
  type PageWatch,
} from '../support/browser';
import { HOUR } from '../support/clock';
import { dataOf } from '../support/graphql-client';
import {
  CreateSeasonDocument,
  DashboardFiguresDocument,
  LoginDocument,
  RequestPaymentConfirmationDocument,
  SetAttendanceDocument,
  SettleEventDocument,
  SubmitAbsenceDocument,
  type AttendanceStatus,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = 24 * HOUR;
const MATCHES = ['1차 정기전', '2차 정기전', '3차 정기전'];

describe('the admins\' dashboard in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let origin: string;
  let admin: SignedUpMember;
  let members: SignedUpMember[];
  let seasonId: string;

  /** Three settled matches of one season; one member at the expulsion threshold; one payment and one notice waiting. */
  async function seedSeason() {
    admin = await signUpAdmin(server);
    members = [];
    for (const [name, gender] of [['김민수', 'MALE'], ['이서연', 'FEMALE'], ['박지훈', 'MALE'], ['최유나', 'FEMALE']] as const) {
      members.push(await signUpMember(server, { name, gender }));
    }
    const now = server.clock.now().getTime();
    const season = { name: '2026 가을', startsAt: new Date(now - 10 * DAY).toISOString(), endsAt: new Date(now + 60 * DAY).toISOString() };
    seasonId = dataOf(await server.request(CreateSeasonDocument, { input: season }, { token: admin.token })).createSeason.id;
    const spring = { name: '2026 봄', startsAt: new Date(now - 200 * DAY).toISOString(), endsAt: new Date(now - 100 * DAY).toISOString() };
    dataOf(await server.request(CreateSeasonDocument, { input: spring }, { token: admin.token }));

    // Rows: matches; columns: members. Anyone left PENDING is ABSENT at settlement.
    const attendance: (AttendanceStatus | null)[][] = [
      ['ATTENDED', 'LATE', 'ATTENDED', null],
      ['ATTENDED', 'ATTENDED', 'EXCUSED', null],
      ['LATE', 'ATTENDED', null],
    ];
    const matches = [];
    for (const [index, title] of MATCHES.entries()) {
      const match = await createEvent(server, admin.token, { title, startsInMinutes: (index + 1) * 24 * 60, fee: 0 });
      await addParticipants(server, admin.token, match.id, members.slice(0, attendance[index].length).map((member) => member.id));
      matches.push(match);
    }
    const upcoming = await createEvent(server, admin.token, { title: '4차 정기전', startsInMinutes: 6 * 24 * 60, fee: 5000 });
    await addParticipants(server, admin.token, upcoming.id, [members[0].id, members[1].id]);

    // Past the third match's end: the tokens issued before have expired, so everyone signs in again.
    server.clock.advance(3 * DAY + 3 * HOUR);
    for (const who of [admin, ...members]) {
      who.token = dataOf(await server.request(LoginDocument, { loginId: who.loginId, password: who.password })).login.token;
    }
    for (const [index, match] of matches.entries()) {
      for (const [position, status] of attendance[index].entries()) {
        if (status) dataOf(await server.request(SetAttendanceDocument, { eventId: match.id, memberId: members[position].id, status }, { token: admin.token }));
      }
      dataOf(await server.request(SettleEventDocument, { id: match.id }, { token: admin.token }));
    }
    dataOf(await server.request(RequestPaymentConfirmationDocument, { eventId: upcoming.id }, { token: members[0].token }));
    dataOf(await server.request(SubmitAbsenceDocument, { eventId: upcoming.id, reason: '시험 기간입니다' }, { token: members[1].token }));
  }

  beforeAll(async () => {
    server = await startTestServer();
    origin = new URL(server.url).origin;
    await seedSeason();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openDashboard(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; watch: PageWatch }> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    const watch = watchPage(page, origin);
    const response = await page.goto(`${origin}/dashboard`);
    expect(response?.status()).toBe(200);
    expectOwnOriginPolicy(response!.headers());
    return { page, watch };
  }

  async function signIn(page: Page, who: SignedUpMember) {
    await page.locator('input[name="loginId"]').fill(who.loginId);
    await page.locator('input[name="password"]').fill(who.password);
    await page.locator('input[name="password"]').press('Enter');
  }

  it('signs an admin in and draws the season from the server alone', async () => {
    const { page, watch } = await openDashboard();
    await signIn(page, admin);
    const rows = page.locator('[data-testid="member-row"]');
    const { attendanceReport, members: active } = dataOf(await server.request(DashboardFiguresDocument, { seasonId }, { token: admin.token }));
    await waitForCount(page, '[data-testid="member-row"]', active.totalCount);
    expect(active.totalCount).toBe(members.length + 1);

    // The chart holds the report's figures, match by match, and is drawn on its canvas.
    const chart = await drawnChart(page, 'attendance-by-event');
    expect(chart.labels.map((label) => label.replace(/^\d+\/\d+ /, ''))).toEqual(MATCHES);
    expect(chart.datasets).toEqual([
      { label: '출석', data: attendanceReport.events.map((row) => row.attended) },
      { label: '지각', data: attendanceReport.events.map((row) => row.late) },
      { label: '결석', data: attendanceReport.events.map((row) => row.absent) },
      { label: '공결', data: attendanceReport.events.map((row) => row.excused) },
    ]);
    expect(chart.datasets[0].data).toEqual([2, 2, 1]);
    expect(chart.paintedPixels).toBeGreaterThan(chart.canvasWidth * 10);
    const participation = (await drawnChart(page, 'participation-over-time')).datasets[0].data;
    expect(participation).toEqual(attendanceReport.events.map((row) => (row.participants / row.eligible) * 100));

    // The member at the threshold (two absences: 6 points, 2 warnings) stands out; the others do not.
    const threshold = page.locator('[data-testid="member-row"].at-threshold');
    expect(await threshold.count()).toBe(1);
    expect(await threshold.textContent()).toContain('최유나');
    expect(await threshold.textContent()).toContain('제명 기준 도달');
    expect(await threshold.locator('td').nth(1).textContent()).toBe('6');
    // Sorted by points, most first; a click on a header sorts by it.
    expect(await rows.first().textContent()).toContain('최유나');
    await page.getByRole('button', { name: '이름' }).click();
    const names = await rows.evaluateAll((found) => found.map((row) => row.querySelector('td')!.firstChild!.textContent!));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ko')));
    await page.getByRole('button', { name: '이름' }).click();
    expect(await rows.first().locator('td').first().textContent()).toContain(names.at(-1)!);

    expect(await page.getByTestId('pending-payments').textContent()).toBe('1');
    expect(await page.getByTestId('pending-absences').textContent()).toBe('1');
    await page.screenshot({ path: screenshotPath('dashboard-desktop'), fullPage: true });

    // Another season: its own (empty) figures, every active member still listed, nobody at the threshold there.
    await page.locator('#season').selectOption({ label: '2026 봄' });
    await page.locator('#no-events').waitFor();
    expect(await page.locator('#event-count').textContent()).toBe('0');
    expect(await rows.count()).toBe(active.totalCount);
    expect(await threshold.count()).toBe(0);
    await page.locator('#season').selectOption({ label: '2026 가을 (현재)' });
    await page.locator('#no-events').waitFor({ state: 'hidden' });
    await waitForCount(page, '[data-testid="member-row"].at-threshold', 1);

    // The export buttons download the season's file, sent with the admin's token.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '출석' }).last().click()]);
    expect(download.suggestedFilename()).toMatch(/^pitchside-attendance-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    for (const title of MATCHES) expect(csv.toString('utf8')).toContain(title);
    const exportRequest = watch.requests.find((request) => request.url.includes('/exports/attendance.csv'));
    expect(exportRequest?.url).toBe(`${origin}/exports/attendance.csv?seasonId=${seasonId}`);
    expect(exportRequest?.authorization).toMatch(/^Bearer /);

    // The token stays in the browser and in headers: never in a URL.
    const stored = await storedSession(page);
    expect(stored?.loginId).toBe(admin.loginId);
    expect(watch.requests.some((request) => request.url.includes(stored!.token))).toBe(false);
    expect(watch.elsewhere).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);

    // Signing out forgets the token and shows the form again.
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.locator('input[name="loginId"]').waitFor();
    expect(await storedSession(page)).toBeNull();
    expect(await rows.count()).toBe(0);
    await page.context().close();
  });

  it('fits a phone\'s width, and shows Korean as Korean', async () => {
    const { page, watch } = await openDashboard({ width: 390, height: 844 });
    await signIn(page, admin);
    await page.locator('[data-testid="member-row"]').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe('pitchside 운영 대시보드');
    // The page does not scroll sideways; the wide table scrolls inside its own box.
    const widths = await page.evaluate<{ page: number; viewport: number }>('({ page: document.documentElement.scrollWidth, viewport: window.innerWidth })');
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    const chartBox = await page.getByTestId('attendance-by-event').boundingBox();
    expect(chartBox!.width).toBeGreaterThan(250);
    expect(chartBox!.x + chartBox!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('dashboard-phone'), fullPage: true });
    expect(watch.elsewhere).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('tells a member the page is for admins and shows them no figures', async () => {
    const { page, watch } = await openDashboard();
    await signIn(page, members[0]);
    await page.locator('#notice').filter({ hasText: '운영진(관리자) 전용' }).waitFor();
    expect(await page.locator('#figures').isHidden()).toBe(true);
    expect(await page.locator('[data-testid="member-row"]').count()).toBe(0);
    // Signed in to the club's app (one session for the origin), but nothing of the figures was asked.
    expect((await storedSession(page))?.loginId).toBe(members[0].loginId);
    const graphqlRequests = watch.requests.filter((request) => request.url.endsWith('/graphql'));
    expect(graphqlRequests).toHaveLength(1);
    await page.screenshot({ path: screenshotPath('dashboard-member-refused') });
    await page.context().close();
  });

  it('says why a sign-in failed', async () => {
    const { page } = await openDashboard();
    await signIn(page, { ...admin, password: 'not the password' });
    await page.locator('#sign-in-message').filter({ hasText: '아이디 또는 비밀번호가 맞지 않습니다.' }).waitFor();
    expect(await page.locator('#figures').isHidden()).toBe(true);
    await page.context().close();
  });
});
