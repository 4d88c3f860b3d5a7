import { createParameterDecorator } from 'type-graphql';
import type { Gender, Role } from '../generated/prisma/client';
import { unauthenticated } from '../errors/errors';
import type { GraphQLContext } from '../graphql/context';

/**
 * The signed-in member as the rules see them: as the database holds them now (the member cache
 * forgets a member whose row changes); the whole member is primed into the request's member loader.
 */
export interface Viewer {
  readonly id: string;
  readonly role: Role;
  readonly gender: Gender;
}

/**
 * The resolver parameter for the signed-in member. The permission rules let only signed-in callers
 * reach the fields that use it; without a viewer it refuses UNAUTHENTICATED rather than trusting that.
 */
export function CurrentViewer() {
  return createParameterDecorator<GraphQLContext>(({ context }) => {
    if (!context.viewer) throw unauthenticated();
    return context.viewer;
  });
}
