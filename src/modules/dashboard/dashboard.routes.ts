import { assetRoute, builtWebFile, CONTENT_TYPES, lazyFileAsset, pageHeaders, sendAsset, vendorFile } from '../../http/static-assets';
import type { Route } from '../../http/server';

const PAGE = lazyFileAsset(builtWebFile('modules/dashboard/web/dashboard.html'), CONTENT_TYPES.html);

/** The files the page asks for under /dashboard/. */
const FILES = {
  'dashboard.js': lazyFileAsset(builtWebFile('modules/dashboard/web/dashboard.ts'), CONTENT_TYPES.js),
  'dashboard.css': lazyFileAsset(builtWebFile('modules/dashboard/web/dashboard.css'), CONTENT_TYPES.css),
  // Chart.js's own minified build, copied from the npm package at build: no CDN.
  'chart.umd.min.js': lazyFileAsset(vendorFile('chart.umd.min.js'), CONTENT_TYPES.js),
};

/**
 * GET /dashboard: the admins' page. The page and its files are public (they hold no data); the
 * figures come from /graphql and /exports with the admin's token, which the page keeps in the tab.
 */
export function dashboardRoutes(): Route[] {
  return [
    { method: 'GET', path: '/dashboard', name: '/dashboard', handle: (request, response) => sendAsset(request, response, PAGE(), pageHeaders()) },
    assetRoute('/dashboard', FILES),
  ];
}
