import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Participation } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
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
  requestPaymentConfirmation(@Arg('eventId', () => ID) eventId: string, @Ctx() ctx: GraphQLContext): Promise<Participation> {
    return this.duesService.requestConfirmation(ctx.viewer!.id, eventId);
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
