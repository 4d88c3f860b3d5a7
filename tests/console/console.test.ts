import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PITCH } from '../events/event-fixtures';
import { signUpMember, uniqueLoginId, type SignedUpMember } from '../members/member-fixtures';
import { expectOwnOriginPolicy, launchChromium, screenshotPath, storedSession, waitForCount, watchPage, type PageWatch } from '../support/browser';
import { dataOf } from '../support/graphql-client';
import { startGeocoderStandIn, type GeocoderStandIn } from '../support/geocoder-stand-in';
import { captureLogs } from '../support/log-capture';
import { EventsDocument, SubmitAbsenceDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

const TABLET = { width: 800, height: 1100 };
const PHONE = { width: 360, height: 740 };
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CLUB = { name: '한빛 FC', joinCode: 'hanbit-2027' };
const OFFICER = { loginId: 'first.officer', password: 'officer password 2027' };

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>(`axe.run(document).then((result) => result.violations)`);
  return violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

async function notice(page: Page) {
  const found = page.getByTestId('notice');
  await found.waitFor();
  return { kind: await found.getAttribute('data-kind'), code: await found.getAttribute('data-code'), text: (await found.textContent()) ?? '' };
}

/** The datetime-local value, in Korea time, `minutes` from now. */
function koreaInput(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000 + 9 * 3_600_000).toISOString().slice(0, 16);
}

describe("the officers' console, in Chromium", () => {
  let server: TestServer;
  let geocoder: GeocoderStandIn;
  let browser: Browser;
  let origin: string;
  let logs: ReturnType<typeof captureLogs>;
  let officer: BrowserContext;
  let console_: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    geocoder = await startGeocoderStandIn('google');
    logs = captureLogs();
    // A fresh install: no ADMIN_LOGIN_ID, so the club's first hour is /admin/setup with the logged code.
    server = await startTestServer({
      logger: logs.logger,
      env: { GOOGLE_MAPS_API_KEY: 'test-google-key', GOOGLE_MAPS_GEOCODE_URL: geocoder.url, ABSENCE_NOTICE_DEADLINE_MINUTES: '5' },
    });
    origin = new URL(server.url).origin;
    browser = await launchChromium();
    officer = await browser.newContext({ viewport: TABLET, locale: 'ko-KR', timezoneId: 'Asia/Seoul', acceptDownloads: true });
    console_ = await officer.newPage();
    watch = watchPage(console_, origin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await geocoder?.close();
  });

  async function phone(options: { geolocation?: { latitude: number; longitude: number } } = {}) {
    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'ko-KR',
      timezoneId: 'Asia/Seoul',
      geolocation: options.geolocation ? { ...options.geolocation, accuracy: 10 } : undefined,
      permissions: options.geolocation ? ['geolocation'] : [],
    });
    return { context, page: await context.newPage() };
  }

  async function signIn(page: Page, who: { loginId: string; password: string }, path: string) {
    await page.goto(`${origin}${path}`);
    await page.getByTestId('login-id').fill(who.loginId);
    await page.getByTestId('login-password').fill(who.password);
    await page.getByTestId('login-submit').click();
  }

  /** A console route opened as a shared link would open it (a full page load). */
  async function openConsole(path: string) {
    await console_.goto(`${origin}${path}`);
    await console_.getByTestId('nav-admin-matches').waitFor();
  }

  it("sets the club up from the code logged at start: a wrong code creates nothing, the right one makes the first admin, then the page is gone", async () => {
    const logged = logs.lines().find((line) => typeof line.setupCode === 'string');
    expect(logged?.msg).toContain(String(logged?.setupCode));
    const response = await console_.goto(`${origin}/admin/setup`);
    expect(response?.status()).toBe(200);
    expectOwnOriginPolicy(response!.headers());
    await console_.getByTestId('setup-code').fill('AAAA-BBBB-CCCC');
    await console_.getByTestId('setup-club-name').fill(CLUB.name);
    await console_.getByTestId('setup-join-code').fill(CLUB.joinCode);
    await console_.getByTestId('setup-login-id').fill(OFFICER.loginId);
    await console_.getByTestId('setup-password').fill(OFFICER.password);
    await console_.getByTestId('setup-name').fill('박주장');
    await console_.getByTestId('setup-phone').fill('010-5555-0001');
    await console_.getByTestId('setup-gender').selectOption('FEMALE');
    expect(await axeViolations(console_)).toEqual([]);
    await console_.getByTestId('setup-submit').click();
    const refused = await notice(console_);
    expect(refused).toMatchObject({ kind: 'error', code: 'INVALID_SETUP_CODE' });
    expect(refused.text).toContain('설정 코드');
    expect(await server.app.database.prisma.member.count()).toBe(0);
    expect(await console_.getByTestId('setup-login-id').inputValue()).toBe(OFFICER.loginId);

    await console_.getByTestId('setup-code').fill(String(logged!.setupCode).toLowerCase());
    await console_.getByTestId('setup-submit').click();
    await console_.waitForURL(`${origin}/admin`);
    expect(await notice(console_)).toMatchObject({ kind: 'success' });
    expect(await console_.locator('.brand').textContent()).toBe(CLUB.name);
    expect((await storedSession(console_))?.loginId).toBe(OFFICER.loginId);
    for (const testId of ['nav-admin-matches', 'nav-admin-members', 'nav-admin-queue', 'nav-admin-seasons', 'export-members', 'admin-dashboard-link']) {
      await console_.getByTestId(testId).waitFor();
    }

    expect((await fetch(`${origin}/admin/setup`)).status).toBe(404);
    expect(await (await fetch(`${origin}/manifest.webmanifest`)).json()).toMatchObject({ name: CLUB.name });
    expect((await (await fetch(`${origin}/`)).text())).toContain(`<title>${CLUB.name}</title>`);
    // The join code chosen at setup is what sign-up asks for now.
    expect((await server.request(`mutation { signUp(input: { loginId: "no.code", password: "long enough 1", name: "김", phone: "010-1111-2222", gender: MALE, joinCode: "wrong" }) { token } }`)).errors?.[0].extensions?.code).toBe(
      'INVALID_JOIN_CODE',
    );
  });

  it('refuses a member: the console shows 관리자만 and no admin data', async () => {
    const member = await signUpMember(server, { joinCode: CLUB.joinCode });
    const { context, page } = await phone();
    const asked: string[] = [];
    page.on('request', (request) => request.url().endsWith('/graphql') && asked.push(request.postData() ?? ''));
    await signIn(page, member, '/admin/members');
    await page.getByTestId('admin-only').waitFor();
    expect(await page.getByTestId('admin-only').textContent()).toContain('관리자만');
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
    expect(await page.getByTestId('admin-member-row').count()).toBe(0);
    expect(asked.filter((body) => /AdminMembers|members\(/.test(body))).toEqual([]);
    await context.close();
  });

  it("runs an officer's match day: create (an unplaceable address first), add players, check-in, dues, an absence, settle, revoke", async () => {
    const players: SignedUpMember[] = [];
    for (const name of ['김출석', '이공결', '최결석']) players.push(await signUpMember(server, { joinCode: CLUB.joinCode, name, loginId: uniqueLoginId('player') }));
    const [attends, excused, absent] = players;

    await console_.getByTestId('nav-admin-matches').click();
    await console_.getByTestId('new-match').click();
    await console_.getByTestId('match-title').fill('토요 정기전');
    await console_.getByTestId('match-starts-at').fill(koreaInput(30));
    await console_.getByTestId('match-ends-at').fill(koreaInput(150));
    await console_.getByTestId('match-address').fill('nowhere 123');
    await console_.getByTestId('match-fee').fill('5000');
    await console_.getByTestId('match-audience').selectOption('ALL');
    await console_.getByTestId('match-description').fill('망원 한강공원 축구장');
    expect(await axeViolations(console_)).toEqual([]);
    await console_.getByTestId('match-submit').click();
    expect(await notice(console_)).toMatchObject({ kind: 'error', code: 'ADDRESS_NOT_FOUND' });
    expect(await server.app.database.prisma.event.count()).toBe(0);
    expect(await console_.getByTestId('match-title').inputValue()).toBe('토요 정기전');

    await console_.getByTestId('match-address').fill('서울 마포구 마포나루길 467');
    await console_.getByTestId('match-submit').click();
    await console_.waitForURL(/\/admin\/matches\/(?!new$)[^/]+$/);
    const eventId = console_.url().split('/').pop()!;
    const saved = await server.app.database.prisma.event.findUniqueOrThrow({ where: { id: eventId } });
    expect({ latitude: saved.latitude, longitude: saved.longitude, fee: saved.fee }).toEqual({ ...geocoder.place, fee: 5000 });

    // Players, picked from the searchable list of eligible members, three at once.
    await console_.getByTestId('add-participants').click();
    await console_.getByTestId('eligible-search').fill('최결석');
    await expect_count(console_, 'eligible-member', 1);
    await console_.getByTestId('eligible-search').fill('');
    for (const player of players) await console_.locator(`[data-testid=eligible-member][data-member-id="${player.id}"] input`).check();
    await console_.getByTestId('add-participants-submit').click();
    await expect_count(console_, 'roster-row', 3);
    expect(await axeViolations(console_)).toEqual([]);

    // At the pitch, the first player checks in and says they paid, through the members' app.
    const { context, page } = await phone({ geolocation: PITCH });
    await signIn(page, attends, `/matches/${eventId}`);
    await page.getByTestId('check-in').click();
    await page.locator('[data-testid=my-attendance][data-status=ATTENDED]').waitFor();
    await page.getByTestId('request-payment').click();
    await page.locator('[data-testid=my-payment][data-status=AWAITING_CONFIRMATION]').waitFor();
    await context.close();
    dataOf(await server.request(SubmitAbsenceDocument, { eventId, reason: '시험 기간' }, { token: excused.token }));

    // The match page refreshes by itself: the check-in shows without a reload.
    const row = (member: SignedUpMember) => console_.locator(`[data-testid=roster-row][data-member-id="${member.id}"]`);
    await row(attends).and(console_.locator('[data-status=ATTENDED][data-payment=AWAITING_CONFIRMATION]')).waitFor();

    // The queue: the payment and the notice, each handled in place.
    await console_.getByTestId('nav-admin-queue').click();
    const payment = console_.locator(`[data-testid=pending-payment][data-event-id="${eventId}"][data-member-id="${attends.id}"]`);
    await payment.getByTestId('confirm-payment').click();
    expect(await notice(console_)).toMatchObject({ kind: 'success' });
    await payment.waitFor({ state: 'detached' });
    const absence = console_.locator(`[data-testid=pending-absence][data-event-id="${eventId}"][data-member-id="${excused.id}"]`);
    await absence.getByTestId('review-note').fill('시험 확인함');
    expect(await axeViolations(console_)).toEqual([]);
    await absence.getByTestId('approve-absence').click();
    await absence.waitFor({ state: 'detached' });
    await console_.screenshot({ path: screenshotPath('console-queue'), fullPage: true });

    // Settle now (it asks first): the one who did not come is ABSENT, with a penalty.
    await openConsole(`/admin/matches/${eventId}`);
    await row(attends).and(console_.locator('[data-payment=PAID]')).waitFor();
    await row(excused).and(console_.locator('[data-status=EXCUSED]')).waitFor();
    await console_.getByTestId('settle-now').click();
    await console_.getByTestId('confirm-yes').click();
    await row(absent).and(console_.locator('[data-status=ABSENT]')).waitFor();
    await console_.locator('[data-testid=settled-state][data-settled=true]').waitFor();
    await console_.screenshot({ path: screenshotPath('console-match'), fullPage: true });

    // Set by hand: the absent player came late after all, with a note.
    await row(absent).getByTestId('attendance-note').fill('교통 체증');
    await row(absent).getByTestId('set-attendance').selectOption('LATE');
    await row(absent).and(console_.locator('[data-status=LATE]')).waitFor();

    // The late-comer's penalty on their page, revoked with a reason.
    await row(absent).locator('a').first().click();
    const penalty = console_.locator('[data-testid=penalty-row][data-revoked=false]').first();
    await penalty.waitFor();
    const pointsBefore = Number(await console_.getByTestId('member-points').textContent());
    const revoked = Number(await penalty.getAttribute('data-points'));
    const penaltyId = await penalty.getAttribute('data-penalty-id');
    expect(pointsBefore).toBeGreaterThanOrEqual(revoked);
    expect(await axeViolations(console_)).toEqual([]);
    await penalty.getByTestId('revoke-penalty').click();
    await console_.getByTestId('revoke-reason').fill('지각 사유 인정');
    await console_.getByTestId('revoke-submit').click();
    await console_.getByTestId('confirm-yes').click();
    await console_.locator(`[data-testid=penalty-row][data-penalty-id="${penaltyId}"][data-revoked=true]`).waitFor();
    await console_.locator('[data-testid=member-points]', { hasText: new RegExp(`^${pointsBefore - revoked}$`) }).waitFor();
    expectClean(watch);
  });

  it('imports a roster: a file with bad rows is refused row by row, a good one prints reset codes that work in the app', async () => {
    const taken = await signUpMember(server, { joinCode: CLUB.joinCode, loginId: uniqueLoginId('taken') });
    await openConsole('/admin/members');
    await console_.getByTestId('import-members').click();
    const bad = [`\uFEFFloginId,name,phone,gender`, `roster.one,정하나,010-3333-0001,남`, `roster.one,정둘,010-3333-0002,FEMALE`, `roster.bad,정셋,12,여`, `${taken.loginId},정넷,010-3333-0004,MALE`].join('\r\n');
    await console_.getByTestId('import-file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await expect_count(console_, 'import-preview-row', 4);
    const errors = await console_.getByTestId('import-preview-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-error')));
    expect(errors).toEqual([null, 'DUPLICATE_LOGIN_ID', 'BAD_PHONE', 'LOGIN_ID_TAKEN']);
    expect(await console_.getByTestId('import-submit').isDisabled()).toBe(true);
    expect(await axeViolations(console_)).toEqual([]);

    // Korean Excel's plain CSV (CP949): told to save it as UTF-8, nothing previewed.
    const cp949 = Buffer.concat([Buffer.from('loginId,name,phone,gender\r\nroster.k,'), Buffer.from([0xc1, 0xa4, 0xc7, 0xcf, 0xb3, 0xaa]), Buffer.from(',010-3333-0009,M\r\n')]);
    await console_.getByTestId('import-file').setInputFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: cp949 });
    expect((await notice(console_)).text).toContain('UTF-8');
    expect(await console_.getByTestId('import-preview-row').count()).toBe(0);

    const good = ['loginId,name,phone,gender,role', 'roster.one,정하나,010-3333-0001,남,', 'roster.two,정둘,010-3333-0002,F,MEMBER'].join('\n');
    await console_.getByTestId('import-file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    await expect_count(console_, 'import-preview-row', 2);
    await console_.getByTestId('import-submit').click();
    await expect_count(console_, 'import-result-row', 2);
    const code = (await console_.getByTestId('import-result-code').first().textContent())!.trim();
    await console_.screenshot({ path: screenshotPath('console-import'), fullPage: true });

    const { context, page } = await phone();
    await page.goto(`${origin}/reset`);
    await page.getByTestId('reset-login-id').fill('roster.one');
    await page.getByTestId('reset-code').fill(code);
    await page.getByTestId('reset-password').fill('my own password 1');
    await page.getByTestId('reset-submit').click();
    await page.waitForURL(`${origin}/`);
    expect((await storedSession(page))?.loginId).toBe('roster.one');
    await context.close();
  });

  it("hands out a reset code, finds members, keeps seasons, exports files with the token in a header, and deletes a match after asking", async () => {
    const forgetful = await signUpMember(server, { joinCode: CLUB.joinCode, name: '한망각', loginId: uniqueLoginId('forgot') });
    await openConsole('/admin/members');
    await console_.getByTestId('member-search').fill('한망각');
    await expect_count(console_, 'admin-member-row', 1);
    const found = console_.getByTestId('admin-member-row');
    expect(await found.getAttribute('data-standing')).toBe('GOOD');
    expect(await axeViolations(console_)).toEqual([]);
    await found.locator('a').click();
    await console_.getByTestId('create-reset-code').click();
    const code = (await console_.getByTestId('reset-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const { context, page } = await phone();
    await page.goto(`${origin}/reset`);
    await page.getByTestId('reset-login-id').fill(forgetful.loginId);
    await page.getByTestId('reset-code').fill(code);
    await page.getByTestId('reset-password').fill('a fresh password 9');
    await page.getByTestId('reset-submit').click();
    await page.waitForURL(`${origin}/`);
    await context.close();

    // The member leaves: made inactive, then erased once their login id is typed in the dialog.
    await console_.getByTestId('set-status').selectOption('INACTIVE');
    expect(await notice(console_)).toMatchObject({ kind: 'success' });
    await console_.getByTestId('erase-member').click();
    expect(await console_.getByTestId('confirm-yes').isDisabled()).toBe(true);
    await console_.getByTestId('confirm-typed').fill(forgetful.loginId);
    await console_.getByTestId('confirm-yes').click();
    expect(await notice(console_)).toMatchObject({ kind: 'success' });
    expect((await server.app.database.prisma.member.findUniqueOrThrow({ where: { id: forgetful.id } })).loginId).not.toBe(forgetful.loginId);

    await console_.getByTestId('nav-admin-seasons').click();
    const season = { name: '2026년 2학기', startsAt: koreaInput(-60 * 24 * 90), endsAt: koreaInput(60 * 24 * 90) };
    await console_.getByTestId('season-name').fill(season.name);
    await console_.getByTestId('season-starts-at').fill(season.startsAt);
    await console_.getByTestId('season-ends-at').fill(season.endsAt);
    await console_.getByTestId('season-submit').click();
    await expect_count(console_, 'season-row', 1);
    await console_.getByTestId('season-name').fill('겹치는 시즌');
    await console_.getByTestId('season-starts-at').fill(koreaInput(60 * 24));
    await console_.getByTestId('season-ends-at').fill(koreaInput(60 * 24 * 200));
    await console_.getByTestId('season-submit').click();
    expect(await notice(console_)).toMatchObject({ kind: 'error', code: 'SEASON_OVERLAP' });
    expect(await axeViolations(console_)).toEqual([]);
    // Edited (the form opens with its values), and a second season made and deleted after asking.
    await console_.getByTestId('edit-season').click();
    expect(await console_.getByTestId('season-starts-at').inputValue()).toBe(season.startsAt);
    season.name = '2026년 2학기 (가을)';
    await console_.getByTestId('season-name').fill(season.name);
    await console_.getByTestId('season-submit').click();
    await console_.locator('[data-testid=season-row]', { hasText: season.name }).waitFor();
    await console_.getByTestId('season-name').fill('2025년 2학기');
    await console_.getByTestId('season-starts-at').fill(koreaInput(-60 * 24 * 400));
    await console_.getByTestId('season-ends-at').fill(koreaInput(-60 * 24 * 300));
    await console_.getByTestId('season-submit').click();
    await expect_count(console_, 'season-row', 2);
    await console_.locator('[data-testid=season-row]', { hasText: '2025년 2학기' }).getByTestId('delete-season').click();
    await console_.getByTestId('confirm-yes').click();
    await expect_count(console_, 'season-row', 1);

    const download = console_.waitForEvent('download');
    await console_.getByTestId('export-members').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/members.*\.csv$/);
    expect(readFileSync((await file.path())!, 'utf8')).toContain(OFFICER.loginId);
    const exportRequest = watch.requests.find((request) => request.url.includes('/exports/members.csv'))!;
    expect(exportRequest.url).not.toMatch(/token|authorization/i);
    expect(exportRequest.authorization).toBe(`Bearer ${(await storedSession(console_))!.token}`);

    // The season's matches; then one deleted after confirming.
    await console_.getByTestId('nav-admin-matches').click();
    await console_.getByTestId('season-select').selectOption({ label: `${season.name} (현재)` });
    const rows = console_.getByTestId('admin-match-row');
    await rows.first().waitFor();
    expect(await axeViolations(console_)).toEqual([]);
    const eventId = (await rows.first().getAttribute('data-event-id'))!;
    await rows.first().locator('a').click();
    // Edited: the form opens with the match's values; the match page shows the change.
    await console_.getByTestId('edit-match').click();
    const title = await console_.getByTestId('match-title').inputValue();
    expect(title).not.toBe('');
    expect(await console_.getByTestId('match-starts-at').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await console_.getByTestId('match-title').fill(`${title} (장소 변경)`);
    await console_.getByTestId('match-submit').click();
    await console_.waitForURL(`${origin}/admin/matches/${eventId}`);
    await console_.locator('h1', { hasText: `${title} (장소 변경)` }).waitFor();
    expect(await notice(console_)).toMatchObject({ kind: 'success' });
    await console_.getByTestId('delete-match').click();
    await console_.getByTestId('confirm-no').click();
    expect(await server.app.database.prisma.event.count({ where: { id: eventId } })).toBe(1);
    await console_.getByTestId('delete-match').click();
    await console_.getByTestId('confirm-yes').click();
    await console_.waitForURL(`${origin}/admin/matches`);
    const admin = (await storedSession(console_))!;
    expect(dataOf(await server.request(EventsDocument, {}, { token: admin.token })).events.edges.map((edge) => edge.node.id)).not.toContain(eventId);
    expectClean(watch);
  });
});

async function expect_count(page: Page, testId: string, count: number) {
  await waitForCount(page, `[data-testid="${testId}"]`, count);
}

function expectClean(watch: PageWatch) {
  expect(watch.elsewhere).toEqual([]);
  expect(watch.consoleErrors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
}
