// The playground's sign-in (GET /graphql in a browser): sign in first, as an admin, for GraphiQL to
// learn the schema. Once signed in, every request the page makes
// to /graphql carries "Authorization: Bearer <token>", until sign-out or the token's expiry. A header
// typed into GraphiQL's own Headers tab wins over it.

import { messageFor } from '../shared/error-messages';
import './playground.css';
import { endSession, session, sessionEndReason } from '../shared/session';
import { bindSignInForm } from '../shared/sign-in-form';

declare const YogaGraphiQL: { renderYogaGraphiQL(root: Element, options: unknown): void };

interface MonacoEnvironmentSetting {
  globalAPI: boolean;
  getWorkerUrl(moduleId: string, label: string): string;
}

// Monaco's editor workers, from our own origin (the page's policy allows no blob: workers).
(self as unknown as { MonacoEnvironment: MonacoEnvironmentSetting }).MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) =>
    label === 'json' ? '/playground/json.worker.js' : label === 'graphql' ? '/playground/graphql.worker.js' : '/playground/editor.worker.js',
};

class PlaygroundSession {
  start(): void {
    const form = document.querySelector<HTMLFormElement>('#sign-in-form')!;
    bindSignInForm(form, this.message);
    document.querySelector('#sign-out')!.addEventListener('click', () => endSession('SIGNED_OUT'));
    this.wrapFetch();
    let shown = session.peek()?.token ?? null;
    this.show();
    session.subscribe((current) => {
      const token = current?.token ?? null;
      // The schema is described to signed-in admins only: GraphiQL asked for it when the page opened,
      // without a token, so the page opens again, signed in, for GraphiQL to ask with one. A renewed
      // token of the same member needs no reload.
      if (current && shown === null) location.reload();
      else if (!current && shown !== null) this.message.textContent = sessionEndReason.peek() === 'EXPIRED' ? messageFor({ code: 'UNAUTHENTICATED' }) : '로그아웃했습니다.';
      shown = token;
      this.show();
    });
  }

  private get message(): HTMLElement {
    return document.querySelector<HTMLElement>('#session-message')!;
  }

  private show(): void {
    const current = session.peek();
    document.querySelector<HTMLElement>('#sign-in-form')!.hidden = current !== null;
    document.querySelector<HTMLElement>('#signed-in')!.hidden = current === null;
    document.querySelector('#signed-in-as')!.textContent = current ? `${current.member.name} (${current.member.loginId}, ${current.member.role})` : '';
  }

  /** GraphiQL fetches through globalThis.fetch at each request: the header is added there. */
  private wrapFetch(): void {
    const pageFetch = window.fetch.bind(window);
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const current = session.peek();
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (!current || url.origin !== location.origin || url.pathname !== '/graphql') return pageFetch(input, init);
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${current.token}`);
      const response = await pageFetch(input, { ...init, headers });
      // A token revoked early (password changed, account made inactive) ends the session here too.
      if ((response.headers.get('content-type') ?? '').includes('json')) {
        const body = (await response.clone().json().catch(() => null)) as { errors?: { extensions?: { code?: string } }[] } | null;
        if (session.peek() === current && body?.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) endSession('EXPIRED');
      }
      return response;
    };
  }
}

new PlaygroundSession().start();

document.addEventListener('DOMContentLoaded', () => {
  const options = JSON.parse(document.querySelector('#playground-options')!.textContent!) as unknown;
  YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root')!, options);
});
