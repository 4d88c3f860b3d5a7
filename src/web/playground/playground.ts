// The playground's sign-in (GET /graphql in a browser): sign in first, as an admin, for GraphiQL to
// learn the schema. Once signed in, every request the page makes
// to /graphql carries "Authorization: Bearer <token>", until sign-out or the token's expiry. A header
// typed into GraphiQL's own Headers tab wins over it.

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
  private session: PitchsideSession | null = readSession();
  private cancelExpiry: () => void = () => undefined;

  start(): void {
    const form = document.querySelector<HTMLFormElement>('#sign-in-form')!;
    // The schema is described to signed-in admins only: GraphiQL asked for it when the page opened,
    // without a token, so the page opens again, signed in, for GraphiQL to ask with one.
    bindSignInForm(form, this.message, (session) => {
      saveSession(session);
      location.reload();
    });
    document.querySelector('#sign-out')!.addEventListener('click', () => this.signOut('로그아웃했습니다.'));
    this.wrapFetch();
    if (this.session) this.signedIn(this.session);
    else this.show();
  }

  private get message(): HTMLElement {
    return document.querySelector<HTMLElement>('#session-message')!;
  }

  private show(): void {
    document.querySelector<HTMLElement>('#sign-in-form')!.hidden = this.session !== null;
    document.querySelector<HTMLElement>('#signed-in')!.hidden = this.session === null;
    document.querySelector('#signed-in-as')!.textContent = this.session ? `${this.session.name} (${this.session.loginId}, ${this.session.role})` : '';
  }

  private signedIn(session: PitchsideSession): void {
    saveSession(session);
    this.session = session;
    this.cancelExpiry();
    this.cancelExpiry = onSessionExpiry(session, () => this.signOut(SESSION_EXPIRED));
    this.message.textContent = '';
    this.show();
  }

  private signOut(reason: string): void {
    this.cancelExpiry();
    clearSession();
    this.session = null;
    this.message.textContent = reason;
    this.show();
  }

  /** GraphiQL fetches through globalThis.fetch at each request: the header is added there. */
  private wrapFetch(): void {
    const pageFetch = window.fetch.bind(window);
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const session = this.session;
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (!session || url.origin !== location.origin || url.pathname !== '/graphql') return pageFetch(input, init);
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${session.token}`);
      const response = await pageFetch(input, { ...init, headers });
      // A token revoked early (password changed, account made inactive) ends the session here too.
      if ((response.headers.get('content-type') ?? '').includes('json')) {
        const body = (await response.clone().json().catch(() => null)) as GraphQLAnswer<unknown> | null;
        if (this.session === session && body?.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) {
          this.signOut(SESSION_EXPIRED);
        }
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
