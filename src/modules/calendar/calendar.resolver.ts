import { Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import type { CalendarService } from './calendar.service';

@ObjectType({ description: "A member's private calendar feed." })
export class CalendarFeed {
  @Field(() => String, { description: 'The secret iCalendar URL to subscribe to; anyone holding it can read the calendar.' })
  url!: string;
}

@Resolver()
export class CalendarResolver {
  constructor(
    private readonly calendarService: CalendarService,
    private readonly publicUrl: string | undefined,
  ) {}

  @Mutation(() => CalendarFeed, { description: "The caller's private calendar URL of their matches; any earlier URL stops working." })
  async createCalendarFeed(@Ctx() ctx: GraphQLContext): Promise<CalendarFeed> {
    const token = await this.calendarService.createFeed(ctx.viewer!.id);
    return { url: `${this.publicUrl ?? ctx.origin}/calendar/${token}.ics` };
  }

  @Mutation(() => Boolean, { description: "Ends the caller's calendar URL." })
  revokeCalendarFeed(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.calendarService.revokeFeed(ctx.viewer!.id);
  }
}
