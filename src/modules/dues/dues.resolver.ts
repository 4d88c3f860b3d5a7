import { Arg, Args, ArgsType, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { Participation } from '../../generated/prisma/client';
import { EventMemberArgs, ParticipationNode } from '../participations/participation.types';
import type { DuesService } from './dues.service';

@ArgsType()
class RejectPaymentArgs extends EventMemberArgs {
  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@Resolver()
export class DuesResolver {
  constructor(private readonly duesService: DuesService) {}

  @Query(() => [ParticipationNode], { description: 'Admins only: participations AWAITING_CONFIRMATION, of one event or of all.' })
  pendingPayments(@Arg('eventId', () => ID, { nullable: true }) eventId: string | null): Promise<Participation[]> {
    return this.duesService.pending(eventId);
  }

  @Mutation(() => ParticipationNode, { description: "The caller says they paid this event's dues." })
  requestPaymentConfirmation(@Arg('eventId', () => ID) eventId: string, @CurrentViewer() viewer: Viewer): Promise<Participation> {
    return this.duesService.requestConfirmation(viewer.id, eventId);
  }

  @Mutation(() => ParticipationNode, { description: 'Admins only.' })
  confirmPayment(@Args(() => EventMemberArgs) { eventId, memberId }: EventMemberArgs): Promise<Participation> {
    return this.duesService.confirm(eventId, memberId);
  }

  @Mutation(() => ParticipationNode, { description: 'Admins only: back to UNPAID.' })
  rejectPayment(@Args(() => RejectPaymentArgs) { eventId, memberId, reason }: RejectPaymentArgs): Promise<Participation> {
    return this.duesService.reject(eventId, memberId, reason);
  }
}
