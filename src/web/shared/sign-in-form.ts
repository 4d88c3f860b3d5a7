// The sign-in bar of the pages that are not the app (the dashboard, the playground): plain DOM,
// the same session and client as the app.
import { graphql } from '../gql';
import { apiErrorOf, createGraphQLClient } from './graphql-client';
import { messageFor } from './error-messages';
import { startSessionFrom } from './session-payload';

const PageSignInMutation = graphql(`
  mutation PageSignIn($loginId: String!, $password: String!) {
    login(loginId: $loginId, password: $password) {
      ...SessionPayload
    }
  }
`);

/**
 * Wires a form with `loginId` and `password` inputs (Enter submits it, as any form): signs in and
 * starts the shared session, which the page follows; a refusal is written to `message`.
 */
export function bindSignInForm(form: HTMLFormElement, message: HTMLElement): void {
  const client = createGraphQLClient();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const button = form.querySelector('button');
    message.textContent = '';
    if (button) button.disabled = true;
    try {
      const result = await client
        .mutation(PageSignInMutation, { loginId: String(fields.get('loginId') ?? '').trim(), password: String(fields.get('password') ?? '') })
        .toPromise();
      if (result.error || !result.data) {
        message.textContent = messageFor(result.error ? apiErrorOf(result.error) : { code: 'NETWORK' });
        return;
      }
      form.reset();
      startSessionFrom(result.data.login);
    } finally {
      if (button) button.disabled = false;
    }
  });
}
