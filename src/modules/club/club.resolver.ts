import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { AuthPayload } from '../members/member.types';
import type { MemberRecord } from '../members/member.service';
import type { IssuedToken } from '../../auth/tokens';
import type { ClubSettings, ClubSettingsService } from './club-settings.service';
import type { ClubSetup } from './club-setup';
import { ClubSettingsInput, ClubSettingsNode, ClubSetupInput } from './club.types';

@Resolver()
export class ClubResolver {
  constructor(
    private readonly settings: ClubSettingsService,
    private readonly setup: ClubSetup,
  ) {}

  @Query(() => ClubSettingsNode, { description: 'Admins only.' })
  clubSettings(): Promise<ClubSettings> {
    return this.settings.current();
  }

  @Mutation(() => ClubSettingsNode, { description: "Admins only: the club's name and join code." })
  updateClubSettings(@Arg('input', () => ClubSettingsInput) input: ClubSettingsInput): Promise<ClubSettings> {
    return this.settings.update(input);
  }

  @Mutation(() => AuthPayload, {
    description: 'Anyone, once: while the club has no admin, the setup code logged at start makes the first admin and sets the club. Answers their token.',
  })
  async setUpClub(@Arg('input', () => ClubSetupInput) input: ClubSetupInput, @Ctx() ctx: GraphQLContext): Promise<IssuedToken & { member: MemberRecord }> {
    const session = await this.setup.setUp(input, ctx.clientAddress);
    ctx.authenticatedInRequest.add(session.member.id);
    return session;
  }
}
