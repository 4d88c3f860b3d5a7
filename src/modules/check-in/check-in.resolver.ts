import { Args, ArgsType, Field, FieldResolver, Float, ID, Mutation, Resolver, Root } from 'type-graphql';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { Event, Participation } from '../../generated/prisma/client';
import { EventNode } from '../events/event.types';
import { ParticipationNode } from '../participations/participation.types';
import type { CheckInService } from './check-in.service';

@ArgsType()
class CheckInArgs {
  @Field(() => ID)
  eventId!: string;

  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => Float, { nullable: true })
  accuracyMeters?: number | null;
}

@Resolver()
export class CheckInResolver {
  constructor(private readonly checkInService: CheckInService) {}

  @Mutation(() => ParticipationNode, { description: 'The caller checks themself in, from where they stand.' })
  checkIn(@Args(() => CheckInArgs) { eventId, latitude, longitude, accuracyMeters }: CheckInArgs, @CurrentViewer() viewer: Viewer): Promise<Participation> {
    return this.checkInService.checkIn(viewer.id, eventId, { latitude, longitude }, accuracyMeters ?? null);
  }
}

@Resolver(() => EventNode)
export class CheckInWindowResolver {
  constructor(private readonly checkInService: CheckInService) {}

  @FieldResolver(() => Date, { description: 'When check-in opens: CHECK_IN_OPENS_MINUTES before the start. It closes at endsAt, or once settled.' })
  checkInOpensAt(@Root() event: Event): Date {
    return this.checkInService.windowOf(event).opensAt;
  }
}
