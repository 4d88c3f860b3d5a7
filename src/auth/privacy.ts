import type { GraphQLContext } from '../graphql/context';

/**
 * The privacy rule of api-rules.md: a member's private fields, and the private fields of their
 * participations, are visible to that member and to admins only; anyone else reads null.
 */
export function canSeePrivateFieldsOf(ctx: GraphQLContext, memberId: string): boolean {
  const { viewer } = ctx;
  if (viewer !== null && (viewer.id === memberId || viewer.role === 'ADMIN')) return true;
  // signUp and login answer with the member they just proved to be, before any token is sent.
  return ctx.authenticatedInRequest.has(memberId);
}
