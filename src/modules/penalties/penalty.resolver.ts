import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { canSeePrivateFieldsOf } from '../../auth/privacy';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { Event, Penalty } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import { EventNode } from '../events/event.types';
import type { MemberRecord } from '../members/member.service';
import { MemberNode } from '../members/member.types';
import type { PenaltyService } from './penalty.service';
import { IssuePenaltyArgs, MemberStanding, PenaltyNode, RevokePenaltyArgs } from './penalty.types';

@Resolver(() => PenaltyNode)
export class PenaltyResolver {
  constructor(private readonly penaltyService: PenaltyService) {}

  @Mutation(() => PenaltyNode, { description: 'Admins only.' })
  issuePenalty(@Args(() => IssuePenaltyArgs) args: IssuePenaltyArgs, @CurrentViewer() admin: Viewer): Promise<Penalty> {
    return this.penaltyService.issueManual(admin.id, args);
  }

  @Mutation(() => PenaltyNode, { description: 'Admins only.' })
  revokePenalty(@Args(() => RevokePenaltyArgs) { id, reason }: RevokePenaltyArgs, @CurrentViewer() admin: Viewer): Promise<Penalty> {
    return this.penaltyService.revoke(admin.id, id, reason);
  }

  @FieldResolver(() => MemberNode)
  async member(@Root() penalty: Penalty, @Ctx() ctx: GraphQLContext): Promise<MemberRecord> {
    return (await ctx.loaders.memberById.load(penalty.memberId))!;
  }

  @FieldResolver(() => EventNode, { nullable: true })
  event(@Root() penalty: Penalty, @Ctx() ctx: GraphQLContext): Promise<Event | null> | null {
    return penalty.eventId ? ctx.loaders.eventById.load(penalty.eventId) : null;
  }

  @FieldResolver(() => MemberNode, { nullable: true, description: 'The admin who issued it; null when the settlement issued it.' })
  issuedBy(@Root() penalty: Penalty, @Ctx() ctx: GraphQLContext): Promise<MemberRecord | null> | null {
    return penalty.issuedById ? ctx.loaders.memberById.load(penalty.issuedById) : null;
  }
}

/** A member's penalty figures: private, and derived from active penalties on every read. */
@Resolver(() => MemberNode)
export class MemberPenaltiesResolver {
  constructor(private readonly penaltyService: PenaltyService) {}

  @FieldResolver(() => Int, { nullable: true })
  async penaltyPoints(@Root() member: MemberRecord, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    return canSeePrivateFieldsOf(ctx, member.id) ? ctx.loaders.activePointsByMember.load(member.id) : null;
  }

  @FieldResolver(() => Int, { nullable: true })
  async warningCount(@Root() member: MemberRecord, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    if (!canSeePrivateFieldsOf(ctx, member.id)) return null;
    return this.penaltyService.standingOf(await ctx.loaders.activePointsByMember.load(member.id)).warningCount;
  }

  @FieldResolver(() => MemberStanding, { nullable: true })
  async standing(@Root() member: MemberRecord, @Ctx() ctx: GraphQLContext): Promise<MemberStanding | null> {
    if (!canSeePrivateFieldsOf(ctx, member.id)) return null;
    return this.penaltyService.standingOf(await ctx.loaders.activePointsByMember.load(member.id)).standing as MemberStanding;
  }

  @FieldResolver(() => [PenaltyNode], { nullable: true })
  penalties(
    @Root() member: MemberRecord,
    @Arg('includeRevoked', () => Boolean, { nullable: true, defaultValue: false }) includeRevoked: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Penalty[]> | null {
    if (!canSeePrivateFieldsOf(ctx, member.id)) return null;
    return (includeRevoked ? ctx.loaders.allPenaltiesByMember : ctx.loaders.activePenaltiesByMember).load(member.id);
  }
}
