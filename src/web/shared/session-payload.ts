import { graphql, readFragment, type FragmentType } from '../gql';
import { startSession } from './session';

/** What every sign-in answers (login, signUp, resetPassword): the session the app keeps. */
export const SessionPayloadFragment = graphql(`
  fragment SessionPayload on AuthPayload {
    token
    expiresAt
    member {
      id
      loginId
      name
      role
    }
  }
`);

export function startSessionFrom(payload: FragmentType<typeof SessionPayloadFragment>): void {
  const { token, expiresAt, member } = readFragment(SessionPayloadFragment, payload);
  startSession({ token, expiresAt, member });
}
