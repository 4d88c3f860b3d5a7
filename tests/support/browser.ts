import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './server-process';

/** Debian's Chromium; scripts/test.sh installs it when it is missing. */
const CHROMIUM = '/usr/bin/chromium';

/** Where browser tests leave their screenshots for a person to look at (git-ignored). */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium calls Google's services at start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface PageWatch {
  /** Requests for anything not of the server's origin (blob: and data: are the page's own). */
  elsewhere: string[];
  /** What the page's Content-Security-Policy refused, and any other error the console shows. */
  consoleErrors: string[];
  /** Every request the page made, with its Authorization header (if any) and a GraphQL request's operation name. */
  requests: { method: string; url: string; authorization: string | undefined; operation?: string }[];
}

export function watchPage(page: Page, origin: string): PageWatch {
  const watch: PageWatch = { elsewhere: [], consoleErrors: [], requests: [] };
  page.on('request', (request) => {
    const url = request.url();
    let operation: string | undefined;
    try {
      operation = (request.postDataJSON() as { operationName?: string } | null)?.operationName;
    } catch {
      // Not a JSON body.
    }
    watch.requests.push({ method: request.method(), url, authorization: request.headers().authorization, operation });
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) watch.elsewhere.push(url);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(String(error)));
  return watch;
}

/** The policy every HTML page of pitchside sends: its own origin only, never framed, never sniffed. */
export function expectOwnOriginPolicy(headers: Record<string, string>): void {
  const policy = headers['content-security-policy'];
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toMatch(/https?:|\*|'unsafe-eval'/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
}

// The page's own globals (document, sessionStorage, Chart) are not in the tests' type library (no
// DOM types beside Node's): what runs in the page is an expression string, or a function that reads
// them through the little of them it needs. (waitForFunction cannot take a string: the pages'
// policy forbids the eval it would need.)

/** The part of the page's globals that waiting reads. */
export interface PageGlobals {
  document: { querySelectorAll(selector: string): { length: number }; querySelector(selector: string): { textContent: string | null } | null };
}

/** The browser's signed-in session, as the pages keep it (src/web/shared/session.ts), or null. */
export async function storedSession(page: Page): Promise<{ token: string; loginId: string } | null> {
  return page.evaluate<{ token: string; loginId: string } | null>(
    `(() => { const session = JSON.parse(localStorage.getItem('pitchside.session') ?? 'null'); return session && { token: session.token, loginId: session.member.loginId }; })()`,
  );
}

/** Waits until `selector` matches exactly `count` elements. */
export async function waitForCount(page: Page, selector: string, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => (globalThis as unknown as PageGlobals).document.querySelectorAll(expected.selector).length === expected.count,
    { selector, count },
  );
}

export interface DrawnChart {
  labels: string[];
  datasets: { label: string; data: number[] }[];
  /** Pixels of the canvas something was drawn on. */
  paintedPixels: number;
  canvasWidth: number;
}

/**
 * The figures a chart of the dashboard holds, read from the table it keeps inside its canvas for
 * screen readers, and how much of the canvas it painted.
 */
export async function drawnChart(page: Page, testId: string): Promise<DrawnChart> {
  return page.evaluate<DrawnChart>(`(() => {
    const canvas = document.querySelector('[data-testid="${testId}"]');
    const titles = [...canvas.querySelectorAll('thead th')].slice(1).map((th) => th.textContent);
    const rows = [...canvas.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((cell) => cell.textContent));
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let paintedPixels = 0;
    for (let alpha = 3; alpha < pixels.length; alpha += 4) if (pixels[alpha] > 0) paintedPixels += 1;
    return {
      labels: rows.map((row) => row[0]),
      datasets: titles.map((label, column) => ({ label, data: rows.map((row) => Number(row[column + 1])) })),
      paintedPixels,
      canvasWidth: canvas.width,
    };
  })()`);
}
