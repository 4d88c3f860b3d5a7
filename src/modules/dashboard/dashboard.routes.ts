import { readFileSync } from 'node:fs';
import { CONTENT_TYPES, lazyMemoryAsset, pageHeaders, sendAsset, webBuildFile } from '../../http/static-assets';
import type { Route } from '../../http/server';
import { bundleTags } from '../../http/web-build';

/** The page as the build left it (src/web/dashboard/dashboard.html), with its bundle's tags. */
const PAGE = lazyMemoryAsset(() => readFileSync(webBuildFile('dashboard.html'), 'utf8').replace('<!-- bundle -->', bundleTags('dashboard')), CONTENT_TYPES.html);

/**
 * GET /dashboard: the admins' page. The page and its files (under /assets/) are public: they hold
 * no data; the figures come from /graphql and /exports with the admin's token.
 */
export function dashboardRoutes(): Route[] {
  return [{ method: 'GET', path: '/dashboard', name: '/dashboard', handle: (request, response) => sendAsset(request, response, PAGE(), pageHeaders()) }];
}
