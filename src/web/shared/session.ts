// The signed-in admin of a browser tab, shared by the dashboard and the playground (one origin, so
// signing in on one page signs in the other in the same tab). The token lives in the tab's
// sessionStorage and in Authorization headers only: never in a URL, never in localStorage.

interface PitchsideSession {
  token: string;
  expiresAt: string;
  loginId: string;
  name: string;
  role: 'ADMIN' | 'MEMBER';
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; retryAfterSeconds?: number };
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

const SESSION_KEY = 'pitchside.session';

/** What either page says when its token stops working. */
const SESSION_EXPIRED = '로그인이 만료되었습니다. 다시 로그인하세요.';

/** The longest delay setTimeout keeps (about 24 days); later expiries are re-armed. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

function readSession(): PitchsideSession | null {
  const stored = sessionStorage.getItem(SESSION_KEY);
  if (!stored) return null;
  try {
    const session = JSON.parse(stored) as PitchsideSession;
    if (Date.parse(session.expiresAt) > Date.now()) return session;
  } catch {
    // A value this page did not write: treated as no session.
  }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

function saveSession(session: PitchsideSession): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

function clearSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Calls `onExpired` when the session's token stops working; the answer cancels it. */
function onSessionExpiry(session: PitchsideSession, onExpired: () => void): () => void {
  let timer: number;
  const arm = () => {
    const left = Date.parse(session.expiresAt) - Date.now();
    timer = window.setTimeout(left > LONGEST_TIMER_MS ? arm : onExpired, Math.max(0, Math.min(left, LONGEST_TIMER_MS)));
  };
  arm();
  return () => window.clearTimeout(timer);
}

async function postGraphQL<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLAnswer<T>;
}

/** What a person reads for an error code (the server's own message is English). */
function messageOf(error: GraphQLErrorBody): string {
  switch (error.extensions?.code) {
    case 'INVALID_CREDENTIALS':
      return '아이디 또는 비밀번호가 맞지 않습니다.';
    case 'TOO_MANY_ATTEMPTS':
      return `로그인 시도가 너무 많습니다. ${error.extensions.retryAfterSeconds ?? 60}초 뒤에 다시 시도하세요.`;
    case 'ACCOUNT_INACTIVE':
      return '비활성 계정입니다. 운영진에게 문의하세요.';
    case 'BAD_USER_INPUT':
      return '아이디와 비밀번호를 확인하세요.';
    case 'UNAUTHENTICATED':
      return SESSION_EXPIRED;
    case 'FORBIDDEN':
      return '운영진만 볼 수 있습니다.';
    case 'DATABASE_UNAVAILABLE':
    case 'REQUEST_TIMEOUT':
      return '서버가 잠시 응답하지 못했습니다. 잠시 뒤에 다시 시도하세요.';
    default:
      return `요청이 실패했습니다: ${error.message}`;
  }
}

const LOGIN = `mutation SignIn($loginId: String!, $password: String!) {
  login(loginId: $loginId, password: $password) { token expiresAt member { loginId name role } }
}`;

interface LoginAnswer {
  login: { token: string; expiresAt: string; member: { loginId: string; name: string; role: 'ADMIN' | 'MEMBER' } };
}

/**
 * Wires a form with `loginId` and `password` inputs (Enter submits it, as any form): logs in and
 * hands the session over; a refusal is written to `message`. The page decides what a non-admin sees.
 */
function bindSignInForm(form: HTMLFormElement, message: HTMLElement, onSignedIn: (session: PitchsideSession) => void): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const button = form.querySelector('button');
    message.textContent = '';
    if (button) button.disabled = true;
    try {
      const answer = await postGraphQL<LoginAnswer>(LOGIN, { loginId: String(fields.get('loginId') ?? ''), password: String(fields.get('password') ?? '') });
      if (!answer.data?.login) {
        message.textContent = messageOf(answer.errors?.[0] ?? { message: 'no answer' });
        return;
      }
      const { token, expiresAt, member } = answer.data.login;
      form.reset();
      onSignedIn({ token, expiresAt, ...member });
    } catch {
      message.textContent = '서버에 연결하지 못했습니다.';
    } finally {
      if (button) button.disabled = false;
    }
  });
}
