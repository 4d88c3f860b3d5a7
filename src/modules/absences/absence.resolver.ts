import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canSeePrivateFieldsOf } from '../../auth/privacy';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { AbsenceNotice, Event, Participation } from '../../generated/prisma/client';
import { EventNode } from '../events/event.types';
import type { GraphQLContext } from '../../graphql/context';
import { ParticipationNode } from '../participations/participation.types';
import type { AbsenceService } from './absence.service';
import { AbsenceNoticeNode, ReviewAbsenceArgs, SubmitAbsenceArgs } from './absence.types';
import type { AbsenceLoaders } from './absences.module';

/** The loaders these resolvers use. */
type Context = GraphQLContext<AbsenceLoaders>;

@Resolver(() => ParticipationNode)
export class AbsenceResolver {
  constructor(private readonly absences: AbsenceService) {}

  @Query(() => [ParticipationNode], {
    description: 'Admins only: participations with a PENDING notice, of one event or of all, oldest notice first.',
  })
  pendingAbsences(@Arg('eventId', () => ID, { nullable: true }) eventId: string | null): Promise<Participation[]> {
    return this.absences.pending(eventId);
  }

  @Mutation(() => ParticipationNode, { description: 'A participant says they will miss the event, and why.' })
  submitAbsence(@Args(() => SubmitAbsenceArgs) { eventId, reason }: SubmitAbsenceArgs, @CurrentViewer() viewer: Viewer): Promise<Participation> {
    return this.absences.submit(viewer.id, eventId, reason);
  }

  @Mutation(() => ParticipationNode, { description: 'The participant takes back their PENDING notice.' })
  withdrawAbsence(@Arg('eventId', () => ID) eventId: string, @CurrentViewer() viewer: Viewer): Promise<Participation> {
    return this.absences.withdraw(viewer.id, eventId);
  }

  @Mutation(() => ParticipationNode, {
    description: 'Admins only: approve (the member is EXCUSED, before or after settlement) or decline.',
  })
  reviewAbsence(
    @Args(() => ReviewAbsenceArgs) { eventId, memberId, approve, note }: ReviewAbsenceArgs,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Participation> {
    return this.absences.review(viewer.id, eventId, memberId, approve, note);
  }

  @FieldResolver(() => AbsenceNoticeNode, {
    nullable: true,
    description: 'For the participant themself and for admins; null for anyone else, and when no notice was given.',
  })
  absenceNotice(@Root() participation: Participation, @Ctx() ctx: Context): Promise<AbsenceNotice | null> | null {
    return canSeePrivateFieldsOf(ctx, participation.memberId) ? ctx.loaders.absenceNoticeByParticipation.load(participation.id) : null;
  }
}

@Resolver(() => EventNode)
export class AbsenceDeadlineResolver {
  constructor(private readonly absences: AbsenceService) {}

  @FieldResolver(() => Date, { description: 'Absence notices for this event close at this instant (ABSENCE_NOTICE_DEADLINE_MINUTES before the start).' })
  absenceDeadline(@Root() event: Event): Date {
    return this.absences.deadlineFor(event.startsAt);
  }
}
