// Phase 6 of the bench, and `npm run bench:app` alone: the pages' budgets. Starts pitchside as
// `npm start` does (the embedded PostgreSQL, in a temporary DATA_DIR), seeds a member in a match,
// then runs Lighthouse (mobile, its default throttling) in Debian's Chromium on /login, / and the
// match page (signed in as the member), then the console's /admin and match page (as the admin),
// and reads from each run the JavaScript sent for its first view (bytes on the wire, compressed).
// Budgets: the members' app (issue [Members' app]) JS ≤ 60 KB, performance ≥ 90, accessibility
// 100, best practices ≥ 95; the console (issue [Officers' console]) JS ≤ 120 KB.
const { rmSync } = require('node:fs');
const { embeddedDataDir, gql, start, stop } = require('./processes');

const CHROMIUM = '/usr/bin/chromium';
const ADMIN = { loginId: 'bench.admin', password: 'bench admin password' };
const MEMBER = { loginId: 'bench.member', password: 'bench member password', name: '벤치 회원', phone: '010-1111-2222', gender: 'MALE' };

/** pitchside as `npm start` runs it, on the embedded PostgreSQL in a new DATA_DIR. */
async function startServer() {
  const dataDir = embeddedDataDir();
  const port = 4804;
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ADMIN_LOGIN_ID: ADMIN.loginId, ADMIN_PASSWORD: ADMIN.password, CLUB_NAME: '한빛 FC' };
  const child = await start('sh', ['scripts/serve.sh'], env, 'pitchside is ready at');
  return {
    origin: `http://127.0.0.1:${port}`,
    async stop() {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function seed(origin) {
  const adminLogin = (
    await gql(`${origin}/graphql`, 'mutation($l: String!, $p: String!) { login(loginId: $l, password: $p) { token expiresAt member { id loginId name role } } }', {
      l: ADMIN.loginId,
      p: ADMIN.password,
    })
  ).login;
  const admin = adminLogin.token;
  const signUp = (await gql(`${origin}/graphql`, 'mutation($input: SignUpInput!) { signUp(input: $input) { token expiresAt member { id loginId name role } } }', { input: MEMBER })).signUp;
  const startsAt = new Date(Date.now() + 30 * 60_000);
  const match = (
    await gql(
      `${origin}/graphql`,
      'mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      {
        input: {
          title: '토요 정기전',
          address: '서울 마포구 월드컵로 240',
          audience: 'ALL',
          fee: 5000,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
          latitude: 37.568256,
          longitude: 126.89724,
        },
      },
      admin,
    )
  ).createEvent;
  await gql(`${origin}/graphql`, 'mutation($e: ID!, $m: [ID!]!) { addParticipants(eventId: $e, memberIds: $m) { id } }', { e: match.id, m: [signUp.member.id] }, admin);
  return { session: { token: signUp.token, expiresAt: signUp.expiresAt, member: signUp.member }, adminSession: adminLogin, matchId: match.id };
}

/** One Lighthouse run (mobile) on `url`, in a fresh tab of `browser`, signed in when `session` is given. */
async function audit(lighthouse, browser, origin, url, session) {
  const page = await browser.newPage();
  if (session) {
    await page.goto(`${origin}/login`);
    await page.evaluate((value) => localStorage.setItem('pitchside.session', value), JSON.stringify(session));
    // A first view, but signed in: everything the browser kept is gone except the session.
    const cdp = await page.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'cache_storage,service_workers' });
    await cdp.detach();
  }
  const { lhr } = await lighthouse(url, { disableStorageReset: Boolean(session), onlyCategories: ['performance', 'accessibility', 'best-practices'], logLevel: 'error' }, undefined, page);
  await page.close();
  const scores = Object.fromEntries(Object.entries(lhr.categories).map(([name, category]) => [name, Math.round(category.score * 100)]));
  const requests = lhr.audits['network-requests'].details.items;
  const scriptBytes = requests.filter((request) => request.resourceType === 'Script').reduce((sum, request) => sum + request.transferSize, 0);
  const failed = Object.values(lhr.audits).filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary').map((audit) => audit.id);
  return { scores, scriptKbOnWire: +(scriptBytes / 1024).toFixed(1), lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue), failedAudits: failed };
}

async function measureApp() {
  const { default: lighthouse } = await import('lighthouse');
  const puppeteer = require('puppeteer-core');
  const server = await startServer();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const { session, adminSession, matchId } = await seed(server.origin);
    // The members' pages, then the officers' console (its chunk loaded on top of the app's).
    const pages = [
      ['/login', '/login', null],
      ['/', '/', session],
      ['/matches/<id>', `/matches/${matchId}`, session],
      ['/admin', '/admin', adminSession],
      ['/admin/matches/<id>', `/admin/matches/${matchId}`, adminSession],
    ];
    const results = {};
    for (const [name, route, signedIn] of pages) results[name] = await audit(lighthouse, browser, server.origin, `${server.origin}${route}`, signedIn);
    return results;
  } finally {
    await browser.close();
    await server.stop();
  }
}

module.exports = { measureApp };

if (require.main === module) {
  measureApp().then(
    (results) => console.log(JSON.stringify(results, null, 2)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
