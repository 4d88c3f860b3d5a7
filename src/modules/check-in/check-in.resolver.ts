import { Args, ArgsType, Field, Float, ID, Mutation, Resolver } from 'type-graphql';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { Participation } from '../../generated/prisma/client';
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
