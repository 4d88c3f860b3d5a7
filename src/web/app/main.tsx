// The members' app (/): routes, the signed-in frame, and the service worker that lets it open offline.
import { computed } from '@preact/signals';
import { Provider } from '@urql/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { AccountPage } from '../account/account-page';
import { AdminOnly } from '../admin/admin-only';
import { HomePage } from '../home/home-page';
import { LoginPage } from '../login/login-page';
import { MatchPage } from '../match/match-page';
import { MePage } from '../me/me-page';
import { NotFoundPage } from '../not-found/not-found-page';
import { ResetPage } from '../reset/reset-page';
import { SignupPage } from '../signup/signup-page';
import { clubName } from '../shared/club-name';
import { createGraphQLClient } from '../shared/graphql-client';
import { session } from '../shared/session';
import { NoticeArea } from './notice';
import { currentPath, navigate, nextPath } from './router';
import './app.css';
import '../admin/console.css';

const SIGNED_OUT_ROUTES = ['/login', '/signup', '/reset', '/admin/setup'];

type ConsoleModule = typeof import('../admin/console');
let consoleModule: Promise<ConsoleModule> | null = null;

/** The officers' console, fetched the first time an admin (or a fresh install's setup) needs it. */
function Console({ render: show }: { render(module: ConsoleModule): preact.ComponentChildren }) {
  const [loaded, setLoaded] = useState<ConsoleModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    (consoleModule ??= import('../admin/console')).then(setLoaded, () => {
      consoleModule = null;
      setFailed(true);
    });
  }, []);
  if (failed) return <p class="notice notice-error">운영 화면을 불러오지 못했습니다. 인터넷 연결을 확인하고 새로 고치세요.</p>;
  return loaded ? <>{show(loaded)}</> : <p class="muted">불러오는 중…</p>;
}

/** A fresh client (and cache) for each member who signs in, none while signed out. */
const signedInMember = computed(() => session.value?.member.id ?? null);
const client = computed(() => (signedInMember.value ? createGraphQLClient() : null));
const signedOutClient = createGraphQLClient();

function SignedInRoute({ path }: { path: string }) {
  if (path === '/') return <HomePage />;
  if (path === '/me') return <MePage />;
  if (path === '/account') return <AccountPage />;
  if (path === '/admin' || path.startsWith('/admin/')) {
    if (session.value?.member.role !== 'ADMIN') return <AdminOnly />;
    return <Console render={({ AdminConsole }) => <AdminConsole path={path} />} />;
  }
  const match = /^\/matches\/([^/]+)$/.exec(path);
  if (match) return <MatchPage key={match[1]} id={decodeURIComponent(match[1])} />;
  return <NotFoundPage />;
}

function Nav() {
  const path = currentPath.value.split('?')[0];
  const link = (href: string, testId: string, label: string, active: boolean) => (
    <a href={href} data-testid={testId} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="nav" aria-label="메뉴">
      {link('/', 'nav-home', '홈', path === '/' || path.startsWith('/matches/'))}
      {link('/me', 'nav-me', '내 기록', path === '/me')}
      {link('/account', 'nav-account', '계정', path === '/account')}
      {session.value?.member.role === 'ADMIN' && link('/admin', 'nav-admin', '운영', path.startsWith('/admin'))}
    </nav>
  );
}

function App() {
  const path = currentPath.value.split('?')[0];
  const signedIn = session.value !== null;
  const publicRoute = SIGNED_OUT_ROUTES.includes(path);

  useEffect(() => {
    // Signed out: every route but sign-in, sign-up and reset goes to sign-in, and back afterwards.
    if (!signedIn && !publicRoute) navigate(path === '/' ? '/login' : `/login?next=${encodeURIComponent(currentPath.value)}`, { replace: true, keepNotice: true });
    if (signedIn && publicRoute) navigate(nextPath(), { replace: true });
  }, [signedIn, publicRoute, path]);

  useEffect(() => {
    document.title = TITLES[path] ?? (path.startsWith('/matches/') ? '경기' : path.startsWith('/admin') ? '운영' : 'pitchside');
  }, [path]);

  if (!signedIn || publicRoute) {
    return (
      <Provider value={signedOutClient}>
        <header class="top">
          <span class="brand">{clubName}</span>
        </header>
        <main id="main">
          <NoticeArea />
          {path === '/signup' ? (
            <SignupPage />
          ) : path === '/reset' ? (
            <ResetPage />
          ) : path === '/admin/setup' ? (
            <Console render={({ SetupPage }) => <SetupPage />} />
          ) : (
            <LoginPage />
          )}
        </main>
      </Provider>
    );
  }
  return (
    <Provider value={client.value!}>
      <header class="top">
        <a class="brand" href="/">
          {clubName}
        </a>
        <span class="who">{session.value?.member.name}님</span>
      </header>
      <Nav />
      <main id="main" class={path.startsWith('/admin') ? 'wide' : undefined}>
        <NoticeArea />
        <SignedInRoute path={path} />
      </main>
    </Provider>
  );
}

const TITLES: Record<string, string> = { '/': '홈', '/me': '내 기록', '/account': '내 계정', '/login': '로그인', '/signup': '회원가입', '/reset': '비밀번호 재설정', '/admin': '운영', '/admin/setup': '클럽 처음 설정' };

render(<App />, document.getElementById('app')!);

if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
