import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { canSeePrivateFieldsOf } from '../../auth/privacy';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { Event, Penalty } from '../../generated/prisma/client';
import type { GraphQLContext } from '../../graphql/context';
import { EventNode } from '../events/event.types';
import type { MemberRecord } from '../members/member.service';
import { MemberNode } from '../members/member.types';
import { SeasonArgs } from '../seasons/season.types';
import type { PenaltyService } from './penalty.service';
import { IssuePenaltyArgs, MemberStanding, PenaltyNode, RevokePenaltyArgs } from './penalty.types';
import type { MemberLoaders } from '../members/member.loaders';
import type { EventLoaders } from '../events/event.loaders';
import type { SeasonLoaders } from '../seasons/season.loaders';
import type { PenaltyLoaders } from './penalty.loaders';

/** The loaders these resolvers use. */
type Context = GraphQLContext<MemberLoaders & EventLoaders & SeasonLoaders & PenaltyLoaders>;

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
  async member(@Root() penalty: Penalty, @Ctx() ctx: Context): Promise<MemberRecord> {
    return (await ctx.loaders.memberById.load(penalty.memberId))!;
  }

  @FieldResolver(() => EventNode, { nullable: true })
  event(@Root() penalty: Penalty, @Ctx() ctx: Context): Promise<Event | null> | null {
    return penalty.eventId ? ctx.loaders.eventById.load(penalty.eventId) : null;
  }

  @FieldResolver(() => MemberNode, { nullable: true, description: 'The admin who issued it; null when the settlement issued it.' })
  issuedBy(@Root() penalty: Penalty, @Ctx() ctx: Context): Promise<MemberRecord | null> | null {
    return penalty.issuedById ? ctx.loaders.memberById.load(penalty.issuedById) : null;
  }
}

@ArgsType()
class MemberPenaltiesArgs extends SeasonArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false })
  includeRevoked!: boolean | null;
}

/**
 * A member's penalty figures: private, derived from active penalties on every read, counted within
 * a season (the named one, or by default the current one).
 */
@Resolver(() => MemberNode)
export class MemberPenaltiesResolver {
  constructor(private readonly penaltyService: PenaltyService) {}

  /** The season's loaders, or null when the viewer may not see this member's figures. */
  private async figures(member: MemberRecord, seasonId: string | null | undefined, ctx: Context) {
    if (!canSeePrivateFieldsOf(ctx, member.id)) return null;
    return ctx.loaders.penaltiesIn(await ctx.loaders.seasonWindow.load(seasonId ?? ''));
  }

  @FieldResolver(() => Int, { nullable: true })
  async penaltyPoints(@Root() member: MemberRecord, @Args(() => SeasonArgs) { seasonId }: SeasonArgs, @Ctx() ctx: Context) {
    return (await this.figures(member, seasonId, ctx))?.activePointsByMember.load(member.id) ?? null;
  }

  @FieldResolver(() => Int, { nullable: true })
  async warningCount(@Root() member: MemberRecord, @Args(() => SeasonArgs) { seasonId }: SeasonArgs, @Ctx() ctx: Context) {
    const figures = await this.figures(member, seasonId, ctx);
    return figures && this.penaltyService.standingOf(await figures.activePointsByMember.load(member.id)).warningCount;
  }

  @FieldResolver(() => MemberStanding, { nullable: true })
  async standing(@Root() member: MemberRecord, @Args(() => SeasonArgs) { seasonId }: SeasonArgs, @Ctx() ctx: Context) {
    const figures = await this.figures(member, seasonId, ctx);
    return figures && (this.penaltyService.standingOf(await figures.activePointsByMember.load(member.id)).standing as MemberStanding);
  }

  @FieldResolver(() => [PenaltyNode], { nullable: true })
  async penalties(
    @Root() member: MemberRecord,
    @Args(() => MemberPenaltiesArgs) { includeRevoked, seasonId }: MemberPenaltiesArgs,
    @Ctx() ctx: Context,
  ): Promise<Penalty[] | null> {
    const figures = await this.figures(member, seasonId, ctx);
    return figures && (includeRevoked ? figures.allPenaltiesByMember : figures.activePenaltiesByMember).load(member.id);
  }
}
