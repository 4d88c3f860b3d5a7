import { Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { GraphQLContext } from '../../graphql/context';
import type { CalendarService } from './calendar.service';

@ObjectType({ description: "A member's private calendar feed." })
export class CalendarFeed {
  @Field(() => String, { description: 'The secret iCalendar URL to subscribe to; anyone holding it can read the calendar.' })
  url!: string;
}

@Resolver()
export class CalendarResolver {
  constructor(private readonly calendarService: CalendarService) {}

  @Query(() => Boolean, { description: 'Whether the caller has a calendar URL. The URL itself is shown once, when it is made.' })
  hasCalendarFeed(@CurrentViewer() viewer: Viewer): Promise<boolean> {
    return this.calendarService.hasFeed(viewer.id);
  }

  @Mutation(() => CalendarFeed, { description: "The caller's private calendar URL of their matches; any earlier URL stops working." })
  async createCalendarFeed(@CurrentViewer() viewer: Viewer, @Ctx() ctx: GraphQLContext): Promise<CalendarFeed> {
    return { url: await this.calendarService.createFeed(viewer.id, ctx.origin) };
  }

  @Mutation(() => Boolean, { description: "Ends the caller's calendar URL." })
  revokeCalendarFeed(@CurrentViewer() viewer: Viewer): Promise<boolean> {
    return this.calendarService.revokeFeed(viewer.id);
  }
}
