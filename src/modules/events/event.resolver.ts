import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { Event, Participation } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import { pageSize, toConnection, type Connection } from '../../graphql/pagination';
import { selectsAnyOf } from '../../graphql/selection';
import { ParticipationNode } from '../participations/participation.types';
import type { EventService } from './event.service';
import { CreateEventInput, EventConnection, EventNode, EventsArgs, UpdateEventArgs } from './event.types';
import type { EventLoaders } from './event.loaders';
import type { ParticipationLoaders } from '../participations/participation.loaders';

/** The loaders these resolvers use. */
type Context = GraphQLContext<EventLoaders & ParticipationLoaders>;

@Resolver(() => EventNode)
export class EventResolver {
  constructor(private readonly eventService: EventService) {}

  @Query(() => EventConnection, {
    description: 'Signed-in members see events whose audience includes them; admins see all. Soonest start first.',
  })
  async events(
    @Args(() => EventsArgs) { first, after, filter }: EventsArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    // The list's summary fields are read with the page, not in a statement of their own.
    const withParticipationSummary = selectsAnyOf(info, ['edges', 'node'], ['participantCount', 'myParticipation']);
    const page = await this.eventService.list(viewer, { first: pageSize(first, 20), after, filter, withParticipationSummary });
    for (const [eventId, summary] of page.participationSummaries) ctx.loaders.participationSummaryByEvent.prime(eventId, summary);
    return toConnection(page);
  }

  @Query(() => EventNode, { nullable: true })
  event(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<Event | null> {
    return this.eventService.findVisible(viewer, id, (eventId) => ctx.loaders.eventById.load(eventId));
  }

  @Mutation(() => EventNode, { description: 'Admins only. Geocodes the address unless coordinates are given.' })
  createEvent(@Arg('input', () => CreateEventInput) input: CreateEventInput): Promise<Event> {
    return this.eventService.create(input);
  }

  @Mutation(() => EventNode, { description: 'Admins only. Re-geocodes when the address changes and no coordinates are given.' })
  updateEvent(@Args(() => UpdateEventArgs) { id, input }: UpdateEventArgs): Promise<Event> {
    return this.eventService.update(id, input);
  }

  @Mutation(() => Boolean, { description: 'Admins only.' })
  deleteEvent(@Arg('id', () => ID) id: string): Promise<boolean> {
    return this.eventService.delete(id);
  }

  @FieldResolver(() => Int)
  participantCount(@Root() event: Event, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.participationSummaryByEvent.load(event.id).then((summary) => summary.count);
  }

  @FieldResolver(() => [ParticipationNode])
  participants(@Root() event: Event, @Ctx() ctx: Context): Promise<Participation[]> {
    return ctx.loaders.participantsByEvent.load(event.id);
  }

  @FieldResolver(() => ParticipationNode, { nullable: true, description: "The caller's own participation, or null." })
  myParticipation(@Root() event: Event, @Ctx() ctx: Context): Promise<Participation | null> {
    return ctx.loaders.participationSummaryByEvent.load(event.id).then((summary) => summary.mine);
  }
}

@Resolver(() => EventConnection)
export class EventConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: Connection<Event>): Promise<number> {
    return connection.countTotal();
  }
}
