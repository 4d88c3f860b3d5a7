import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canSeePrivateFieldsOf } from '../../auth/privacy';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { GraphQLContext } from '../../graphql/context';
import { pageSize, toConnection, type Connection } from '../../graphql/pagination';
import type { MemberRecord, MemberService } from './member.service';
import { MemberConnection, MemberNode, MembersArgs, SetMemberStatusArgs, SetRoleArgs, UpdateMeInput } from './member.types';
import type { MemberLoaders } from './member.loaders';

/** The loaders these resolvers use. */
type Context = GraphQLContext<MemberLoaders>;

@Resolver(() => MemberNode)
export class MemberResolver {
  constructor(private readonly memberService: MemberService) {}

  @Query(() => MemberNode, { description: 'The caller. UNAUTHENTICATED without a valid token.' })
  async me(@CurrentViewer() viewer: Viewer, @Ctx() ctx: Context): Promise<MemberRecord> {
    // Primed with the viewer's record when the request began: no query of its own.
    return (await ctx.loaders.memberById.load(viewer.id))!;
  }

  @Query(() => MemberNode, {
    nullable: true,
    description: 'Any signed-in member may look up a member; private fields follow the rule on Member.',
  })
  member(@Arg('id', () => ID) id: string): Promise<MemberRecord | null> {
    return this.memberService.findById(id);
  }

  @Query(() => MemberConnection, { description: 'Admins only.' })
  async members(@Args(() => MembersArgs) { first, after, search, gender, status }: MembersArgs) {
    const page = await this.memberService.list({ first: pageSize(first, 50), after, search, gender, status });
    return toConnection(page);
  }

  @Mutation(() => MemberNode, { description: 'Admins only.' })
  setRole(@Args(() => SetRoleArgs) { memberId, role }: SetRoleArgs): Promise<MemberRecord> {
    return this.memberService.setRole(memberId, role);
  }

  @Mutation(() => MemberNode, { description: 'The caller updates their own name or phone.' })
  updateMe(@Arg('input', () => UpdateMeInput) input: UpdateMeInput, @CurrentViewer() viewer: Viewer): Promise<MemberRecord> {
    return this.memberService.updateProfile(viewer.id, input);
  }

  @Mutation(() => MemberNode, { description: "Admins only. INACTIVE: the member's tokens stop working and they cannot sign in; history stays." })
  setMemberStatus(@Args(() => SetMemberStatusArgs) { memberId, status, reason }: SetMemberStatusArgs): Promise<MemberRecord> {
    return this.memberService.setStatus(memberId, status, reason);
  }

  @FieldResolver(() => String, { nullable: true })
  phone(@Root() member: MemberRecord, @Ctx() ctx: Context): string | null {
    return canSeePrivateFieldsOf(ctx, member.id) ? member.phone : null;
  }
}

@Resolver(() => MemberConnection)
export class MemberConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() connection: Connection<MemberRecord>): Promise<number> {
    return connection.countTotal();
  }
}
