import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Participation } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import { ParticipationNode } from '../participations/participation.types';
import type { LiveLoaders } from './live.loaders';

/**
 * Subscriptions, served over WebSocket at /graphql (src/http/graphql-socket.ts). Who may follow
 * what is decided in the feed; each change is then executed for the subscriber, so the privacy
 * rule's field resolvers see them as the viewer.
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => ParticipationNode, {
    description:
      'A participation of this event changed: a check-in, attendance set by hand, a payment step, an absence notice or its review, settlement. For the event\'s participants and admins; private fields follow the privacy rule.',
    subscribe: ({ args, context }) => (context as GraphQLContext<LiveLoaders>).loaders.participationChanges(args.eventId as string),
  })
  participationChanged(@Root() participation: Participation, @Arg('eventId', () => ID) _eventId: string): Participation {
    return participation;
  }
}
