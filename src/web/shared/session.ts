// The signed-in member of this browser, shared by every page of the origin (the members' app, the
// dashboard, the playground): signing in on one signs in the others. Kept in localStorage so the
// installed app stays signed in on the member's phone; sent in Authorization headers only, never
// in a URL. Everything else a page keeps of the member lives under the same prefix, so that
// signing out clears all of it.
import { signal } from '@preact/signals';

export interface SessionMember {
  id: string;
  loginId: string;
  name: string;
  role: 'ADMIN' | 'MEMBER';
}

export interface Session {
  token: string;
  expiresAt: string;
  member: SessionMember;
}

const PREFIX = 'pitchside.';
const SESSION_KEY = `${PREFIX}session`;

/** The longest delay setTimeout keeps (about 24 days); later expiries are re-armed. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

function storedSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    if (session?.token && session.member && Date.parse(session.expiresAt) > Date.now()) return session;
  } catch {
    // A value this app did not write, or storage refused: treated as no session.
  }
  clearKeptData();
  return null;
}

/** Why the last session ended, for the sign-in page to say (null after a sign-out the member asked for). */
export const sessionEndReason = signal<'EXPIRED' | 'SIGNED_OUT' | null>(null);

export const session = signal<Session | null>(storedSession());

let cancelExpiry = () => undefined as void;

function armExpiry(current: Session): void {
  cancelExpiry();
  let timer: number;
  const arm = () => {
    const left = Date.parse(current.expiresAt) - Date.now();
    timer = window.setTimeout(left > LONGEST_TIMER_MS ? arm : () => endSession('EXPIRED'), Math.max(0, Math.min(left, LONGEST_TIMER_MS)));
  };
  arm();
  cancelExpiry = () => window.clearTimeout(timer);
}

if (session.value) armExpiry(session.value);

export function startSession(next: Session): void {
  clearKeptData();
  localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  sessionEndReason.value = null;
  session.value = next;
  armExpiry(next);
}

/** A fresh token for the same member (after a password change), or their new name. */
export function updateSession(change: Partial<Pick<Session, 'token' | 'expiresAt'>> & { name?: string }): void {
  if (!session.value) return;
  const { name, ...token } = change;
  const next = { ...session.value, ...token, member: { ...session.value.member, ...(name ? { name } : {}) } };
  localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  session.value = next;
  armExpiry(next);
}

/** Ends the session and forgets every piece of the member's data this origin keeps. */
export function endSession(reason: 'EXPIRED' | 'SIGNED_OUT'): void {
  cancelExpiry();
  clearKeptData();
  sessionEndReason.value = reason;
  session.value = null;
}

function clearKeptData(): void {
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (key.startsWith(PREFIX)) storage.removeItem(key);
  }
}

/** A piece of the member's data kept on the device (the last home, for offline), cleared at sign-out. */
export function keptData<T>(name: string): { read(): T | null; write(value: T): void } {
  const key = `${PREFIX}${name}`;
  return {
    read: () => {
      try {
        return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
      } catch {
        return null;
      }
    },
    write: (value) => {
      if (session.value) localStorage.setItem(key, JSON.stringify(value));
    },
  };
}

// Another tab signed in or out: follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== SESSION_KEY) return;
  const next = storedSession();
  if (next) {
    session.value = next;
    armExpiry(next);
  } else if (session.value) {
    cancelExpiry();
    session.value = null;
  }
});
