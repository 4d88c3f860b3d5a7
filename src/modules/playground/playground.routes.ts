import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../clock/clock';
import { sendCompressible } from '../../http/compression';
import { assetRoute, CONTENT_TYPES, lazyFileAsset, pageHeaders, vendorFile } from '../../http/static-assets';
import type { Route } from '../../http/server';
import { bundleTags } from '../../http/web-build';
import { savedOperations } from './saved-operations';

/**
 * GraphiQL's front end as the npm package carries it (about 9 MB, 2 MB compressed), copied into
 * dist/vendor/graphiql/ at build and served as files of our own origin, so the page's policy can
 * forbid inline scripts. Each is read on the first request for it.
 */
const GRAPHIQL_FILES = {
  'graphiql.js': CONTENT_TYPES.js,
  'graphiql.css': CONTENT_TYPES.css,
  'editor.worker.js': CONTENT_TYPES.js,
  'json.worker.js': CONTENT_TYPES.js,
  'graphql.worker.js': CONTENT_TYPES.js,
  'favicon.ico': CONTENT_TYPES.icon,
} as const;

/** JSON inside a <script type="application/json"> block: no "</script>" can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function pageHtml(options: unknown): string {
  return `<!doctype html>
<html lang="ko">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>pitchside playground</title>
  <link rel="icon" href="/playground/favicon.ico">
  <link rel="stylesheet" href="/playground/graphiql.css">
  <script type="application/json" id="playground-options">${scriptJson(options)}</script>
  ${bundleTags('playground')}
  <script src="/playground/graphiql.js" defer></script>
</head>
<body>
  <header id="session-bar">
    <strong>pitchside playground</strong>
    <form id="sign-in-form" hidden>
      <input name="loginId" placeholder="아이디" aria-label="아이디" autocomplete="username" required>
      <input name="password" type="password" placeholder="비밀번호" aria-label="비밀번호" autocomplete="current-password" required>
      <button type="submit">로그인</button>
    </form>
    <span id="signed-in" hidden><span id="signed-in-as"></span> <button id="sign-out" type="button">로그아웃</button></span>
    <span id="session-message" role="status"></span>
    <a href="/dashboard">대시보드</a>
  </header>
  <div id="root"></div>
</body>
</html>
`;
}

/**
 * The playground page (GET /graphql from a browser, while introspection is on): a sign-in bar,
 * then GraphiQL opening with the admins' saved operations. Made per request: the example match's
 * date moves with the calendar.
 */
export function playgroundPage(clock: Clock, timeZone: string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const options = { endpoint: '/graphql', title: 'pitchside', defaultTabs: savedOperations(clock.now(), timeZone), shouldPersistHeaders: false };
    await sendCompressible(request, response, pageHtml(options), {
      'content-type': CONTENT_TYPES.html,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...pageHeaders({ inlineStyles: true }),
    });
  };
}

/** GraphiQL's files, under /playground/ (the page's own bundle is under /assets/). */
export function playgroundRoutes(): Route[] {
  return [
    assetRoute('/playground', {
      ...Object.fromEntries(Object.entries(GRAPHIQL_FILES).map(([name, type]) => [name, lazyFileAsset(vendorFile(`graphiql/${name}`), type)])),
    }),
  ];
}
