import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canSeePrivateFieldsOf } from '../../auth/privacy';
import { PaymentStatus, type Event, type Participation } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import { EventNode } from '../events/event.types';
import type { MemberRecord } from '../members/member.service';
import { MemberNode } from '../members/member.types';
import type { ParticipationService } from './participation.service';
import { AddParticipantsArgs, EventMemberArgs, ParticipationNode, SetAttendanceArgs } from './participation.types';
import type { MemberLoaders } from '../members/member.loaders';
import type { EventLoaders } from '../events/event.loaders';
import type { ParticipationLoaders } from './participation.loaders';

/** The loaders these resolvers use. */
type Context = GraphQLContext<MemberLoaders & EventLoaders & ParticipationLoaders>;

@Resolver(() => ParticipationNode)
export class ParticipationResolver {
  constructor(private readonly participationService: ParticipationService) {}

  @Query(() => [MemberNode], {
    description: "Admins only: members whose gender fits the event's audience and who are not participants yet.",
  })
  eligibleMembers(@Arg('eventId', () => ID) eventId: string): Promise<MemberRecord[]> {
    return this.participationService.eligibleMembers(eventId);
  }

  @Mutation(() => [ParticipationNode], { description: 'Admins only. Members already in the event are left as they are.' })
  addParticipants(@Args(() => AddParticipantsArgs) { eventId, memberIds }: AddParticipantsArgs): Promise<Participation[]> {
    return this.participationService.add(eventId, memberIds);
  }

  @Mutation(() => Boolean, { description: 'Admins only.' })
  removeParticipant(@Args(() => EventMemberArgs) { eventId, memberId }: EventMemberArgs): Promise<boolean> {
    return this.participationService.remove(eventId, memberId);
  }

  @Mutation(() => ParticipationNode, {
    description: 'Admins only: check a member in by hand, mark them late or absent, or excuse them.',
  })
  setAttendance(@Args(() => SetAttendanceArgs) { eventId, memberId, status, note }: SetAttendanceArgs): Promise<Participation> {
    return this.participationService.setAttendance(eventId, memberId, status, note);
  }

  @FieldResolver(() => MemberNode)
  async member(@Root() participation: Participation, @Ctx() ctx: Context): Promise<MemberRecord> {
    return (await ctx.loaders.memberById.load(participation.memberId))!;
  }

  @FieldResolver(() => EventNode)
  async event(@Root() participation: Participation, @Ctx() ctx: Context): Promise<Event> {
    return (await ctx.loaders.eventById.load(participation.eventId))!;
  }

  @FieldResolver(() => Float, { nullable: true })
  checkInDistanceMeters(@Root() participation: Participation, @Ctx() ctx: Context): number | null {
    return canSeePrivateFieldsOf(ctx, participation.memberId) ? participation.checkInDistanceMeters : null;
  }

  @FieldResolver(() => PaymentStatus, { nullable: true })
  payment(@Root() participation: Participation, @Ctx() ctx: Context): PaymentStatus | null {
    return canSeePrivateFieldsOf(ctx, participation.memberId) ? participation.payment : null;
  }

  @FieldResolver(() => Date, { nullable: true })
  paymentRequestedAt(@Root() participation: Participation, @Ctx() ctx: Context): Date | null {
    return canSeePrivateFieldsOf(ctx, participation.memberId) ? participation.paymentRequestedAt : null;
  }

  @FieldResolver(() => Date, { nullable: true })
  paymentConfirmedAt(@Root() participation: Participation, @Ctx() ctx: Context): Date | null {
    return canSeePrivateFieldsOf(ctx, participation.memberId) ? participation.paymentConfirmedAt : null;
  }
}

/** Member.participations: private, like the member's other records. */
@Resolver(() => MemberNode)
export class MemberParticipationsResolver {
  @FieldResolver(() => [ParticipationNode], { nullable: true })
  participations(@Root() member: MemberRecord, @Ctx() ctx: Context): Promise<Participation[]> | null {
    return canSeePrivateFieldsOf(ctx, member.id) ? ctx.loaders.participationsByMember.load(member.id) : null;
  }
}
