import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_TYPES, lazyFileAsset, lazyMemoryAsset, pageHeaders, sendAsset, webBuildFile, type StaticAsset } from '../../http/static-assets';
import type { Route } from '../../http/server';
import { bundleTags, webBuild } from '../../http/web-build';

/** HTML-escaped, for the club's name in the page. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The app's one page: every route of the app is this page, which shows the route it opens on. */
function shellHtml(clubName: string): string {
  const name = escapeHtml(clubName);
  return `<!doctype html>
<html lang="ko">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${name}</title>
  <meta name="application-name" content="${name}">
  <meta name="description" content="${name} 회원 앱: 경기 출석 체크, 회비, 불참 신고, 내 기록">
  <meta name="theme-color" content="#0b5d3b">
  <link rel="manifest" href="/manifest.webmanifest">
  <link rel="icon" type="image/png" href="${webBuild().icons['192']}">
  <link rel="apple-touch-icon" href="${webBuild().icons['192']}">
  ${bundleTags('app')}
</head>
<body>
  <div id="app"></div>
  <noscript>이 앱을 쓰려면 브라우저에서 자바스크립트를 켜 주세요.</noscript>
</body>
</html>
`;
}

/** The web app manifest: what a phone shows when the member installs the app. */
function webManifest(clubName: string): string {
  const { icons } = webBuild();
  return JSON.stringify({
    name: clubName,
    short_name: clubName.length > 12 ? 'pitchside' : clubName,
    description: `${clubName} 회원 앱`,
    lang: 'ko',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f5f7f6',
    theme_color: '#0b5d3b',
    icons: [
      { src: icons['192'], sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: icons['512'], sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: icons['512'], sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  });
}

/** The routes the app knows (src/web/app/main.tsx): answered 200; any other path 404, same page. */
const APP_ROUTE = /^\/(?:|login|signup|reset|me|account|matches\/[^/]+|admin(?!\/setup$)(?:\/.*)?)$/;

export interface MembersAppPages {
  routes: Route[];
  /** A browser asking for a path nobody serves: the app's page, whose "없는 페이지" says so, with 404. */
  notFound(request: IncomingMessage, response: ServerResponse): void;
}

export interface MembersAppSource {
  /** The club's name now (it changes at setup). */
  clubName(): Promise<string>;
  /** Whether /admin/setup is open (the club has no admin yet). */
  setupOpen(): Promise<boolean>;
}

/** `make(name)`'s asset, made once for each name the club has had lately. */
function perClubName(make: (clubName: string) => string, contentType: string): (clubName: string) => StaticAsset {
  const made = new Map<string, () => StaticAsset>();
  return (clubName) => {
    let asset = made.get(clubName);
    if (!asset) {
      if (made.size >= 8) made.clear();
      made.set(clubName, (asset = lazyMemoryAsset(() => make(clubName), contentType)));
    }
    return asset();
  };
}

export function membersAppPages(source: MembersAppSource): MembersAppPages {
  const shell = perClubName(shellHtml, CONTENT_TYPES.html);
  const manifest = perClubName(webManifest, CONTENT_TYPES.webManifest);
  const serviceWorker = lazyFileAsset(webBuildFile('sw.js'), CONTENT_TYPES.js);
  const icons: Record<string, () => StaticAsset> = {
    '192': lazyFileAsset(webBuildFile('icons/icon-192.png'), CONTENT_TYPES.png),
    '512': lazyFileAsset(webBuildFile('icons/icon-512.png'), CONTENT_TYPES.png),
  };
  const sendShell = async (request: IncomingMessage, response: ServerResponse, status = 200) =>
    sendAsset(request, response, shell(await source.clubName()), pageHeaders(), status);
  return {
    routes: [
      { method: 'GET', path: APP_ROUTE, name: 'app page', handle: (request, response) => sendShell(request, response) },
      // The first admin's page exists only until there is one.
      { method: 'GET', path: '/admin/setup', name: 'app page', handle: async (request, response) => sendShell(request, response, (await source.setupOpen()) ? 200 : 404) },
      // Checked by the browser on each visit (no-cache): a new build's worker replaces the old at once.
      { method: 'GET', path: '/sw.js', name: '/sw.js', handle: (request, response) => sendAsset(request, response, serviceWorker()) },
      { method: 'GET', path: '/manifest.webmanifest', name: '/manifest.webmanifest', handle: async (request, response) => sendAsset(request, response, manifest(await source.clubName())) },
      {
        method: 'GET',
        path: /^\/icons\/icon-(192|512)\.png$/,
        name: '/icons/:file',
        handle: (request, response, { params: [size] }) => sendAsset(request, response, icons[size](), { 'cache-control': 'public, max-age=86400' }),
      },
    ],
    notFound: (request, response) => void sendShell(request, response, 404).catch(() => response.destroy()),
  };
}
