import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Event } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import { pageSize } from '../../graphql/pagination';
import { EventNode } from '../events/event.types';
import type { SettlementScheduler } from './settlement-scheduler';
import type { EventLoaders } from '../events/event.loaders';

/** The loaders these resolvers use. */
type Context = GraphQLContext<EventLoaders>;

@ObjectType({ description: 'An event whose end-of-event settlement has not run yet.' })
export class UpcomingSettlement {
  @Field(() => EventNode)
  event!: Event;

  @Field(() => Date, { description: "The event's end, when its settlement is due." })
  settlesAt!: Date;

  @Field(() => Boolean, { description: 'Whether this server instance holds a job for it (any instance may settle it).' })
  scheduledOnThisInstance!: boolean;
}

@Resolver()
export class SettlementResolver {
  constructor(private readonly scheduler: SettlementScheduler) {}

  @Mutation(() => EventNode, { description: 'Admins only: run the end-of-event settlement now. Running it again changes nothing.' })
  settleEvent(@Arg('id', () => ID) id: string): Promise<Event> {
    return this.scheduler.settleNow(id);
  }

  @Query(() => [UpcomingSettlement], { description: 'Admins only: unsettled events, the soonest due first.' })
  async upcomingSettlements(
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<UpcomingSettlement[]> {
    const upcoming = await this.scheduler.upcoming(pageSize(first, 20));
    for (const { event } of upcoming) ctx.loaders.eventById.prime(event.id, event);
    return upcoming;
  }
}
