// Routes are real paths (the history API): a reload or a shared link opens the same view.
import { signal } from '@preact/signals';
import { clearNotice } from './notice';

const here = () => `${location.pathname}${location.search}`;

/** The current path with its query, e.g. "/login?next=%2Fme". */
export const currentPath = signal(here());

/** `keepNotice`: a redirect the app makes (to sign-in), whose reason is being told. */
export function navigate(to: string, { replace = false, keepNotice = false } = {}): void {
  if (to === here()) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  if (!keepNotice) clearNotice();
  currentPath.value = here();
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  clearNotice();
  currentPath.value = here();
});

/** Same-origin links open in the app without a page load; others (a map) as the browser does. */
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element).closest?.('a');
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  if (!isAppPath(link.pathname)) return;
  event.preventDefault();
  navigate(`${link.pathname}${link.search}`);
});

/** Paths the server answers itself (the dashboard, the playground, files): a real page load. */
function isAppPath(path: string): boolean {
  return !/^\/(dashboard|graphql|exports|calendar|assets|icons|metrics|healthz|readyz)(\/|$)/.test(path);
}

/** The query's `next`, when it is a path of this app (never another origin). */
export function nextPath(): string {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
