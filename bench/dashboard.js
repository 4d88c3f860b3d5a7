// Phase 4 of the bench: the admins' dashboard in Debian's Chromium over the bench's term (150
// members in 60 settled matches, 200 members in all): what the page weighs on the wire and how long
// from navigation to the first chart drawn with the season's data, on a first visit (empty cache,
// signed in already in the browser) and on a repeat visit (cache revalidated with ETags).
const { existsSync } = require('node:fs');

const CHROMIUM = '/usr/bin/chromium';

/** Milliseconds from navigation start until the attendance chart holds data, read in the page. */
async function timeToFirstChart(page) {
  const handle = await page.waitForFunction(
    () => {
      // The chart's figures, which the page writes into its canvas once it has drawn them.
      const rows = document.querySelectorAll('[data-testid="attendance-by-event"] tbody tr');
      return rows.length > 0 ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return Math.round(await handle.jsonValue());
}

async function visit(page, url) {
  const responses = [];
  const onResponse = (response) => responses.push(response);
  page.on('response', onResponse);
  await page.goto(url);
  const ms = await timeToFirstChart(page);
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  const files = await Promise.all(
    responses.map(async (response) => {
      const sizes = await response.request().sizes();
      const body = response.status() === 304 ? 0 : (await response.body()).length;
      return { url: new URL(response.url()).pathname, status: response.status(), wireBytes: sizes.responseBodySize + sizes.responseHeadersSize, bytes: body };
    }),
  );
  const kb = (bytes) => +(bytes / 1024).toFixed(1);
  const assets = files.filter((file) => file.url !== '/graphql');
  const data = files.filter((file) => file.url === '/graphql');
  return {
    timeToFirstChartMs: ms,
    requests: files.length,
    assetsWireKb: kb(assets.reduce((sum, file) => sum + file.wireBytes, 0)),
    assetsUncompressedKb: kb(assets.reduce((sum, file) => sum + file.bytes, 0)),
    dataWireKb: kb(data.reduce((sum, file) => sum + file.wireBytes, 0)),
    dataUncompressedKb: kb(data.reduce((sum, file) => sum + file.bytes, 0)),
    notModified: files.filter((file) => file.status === 304).length,
  };
}

async function measureDashboard(origin, loginId, password) {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} is missing (scripts/test.sh installs it)` };
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    // Sign in once through the form, then carry the tab's session into a fresh context.
    const signIn = await browser.newPage();
    await signIn.goto(`${origin}/dashboard`);
    await signIn.locator('input[name="loginId"]').fill(loginId);
    await signIn.locator('input[name="password"]').fill(password);
    const submitted = performance.now();
    await signIn.locator('input[name="password"]').press('Enter');
    await timeToFirstChart(signIn);
    const signInToChartMs = Math.round(performance.now() - submitted);
    const session = await signIn.evaluate(() => localStorage.getItem('pitchside.session'));
    await signIn.close();

    const context = await browser.newContext();
    await context.addInitScript((stored) => localStorage.setItem('pitchside.session', stored), session);
    const page = await context.newPage();
    const first = await visit(page, `${origin}/dashboard`);
    const repeat = await visit(page, `${origin}/dashboard`);
    const rows = await page.locator('[data-testid="member-row"]').count();
    return { memberRows: rows, signInToChartMs, firstVisit: first, repeatVisit: repeat };
  } finally {
    await browser.close();
  }
}

module.exports = { measureDashboard };
