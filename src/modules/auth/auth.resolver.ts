import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentViewer, type Viewer } from '../../auth/viewer';
import type { GraphQLContext } from '../../graphql/context';
import type { MemberRecord } from '../members/member.service';
import {
  AuthPayload,
  ChangePasswordArgs,
  LoginArgs,
  MemberImportCheck,
  MemberImportDraftRow,
  MemberImportResult,
  MemberImportRow,
  MemberNode,
  PasswordReset,
  ResetPasswordArgs,
  SignUpInput,
} from '../members/member.types';
import type { AuthService, ImportRowCheck, PasswordReset as IssuedPasswordReset, Session } from './auth.service';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload)
  async signUp(@Arg('input', () => SignUpInput) input: SignUpInput, @Ctx() ctx: GraphQLContext): Promise<Session> {
    const session = await this.auth.signUp(input, ctx.clientAddress);
    ctx.authenticatedInRequest.add(session.member.id);
    return session;
  }

  @Mutation(() => AuthPayload)
  async login(@Args(() => LoginArgs) { loginId, password }: LoginArgs, @Ctx() ctx: GraphQLContext): Promise<Session> {
    const session = await this.auth.login(loginId, password, ctx.clientAddress);
    ctx.authenticatedInRequest.add(session.member.id);
    return session;
  }

  @Mutation(() => AuthPayload, { description: 'The caller changes their password; every token issued before stops working. Answers a fresh token.' })
  changePassword(
    @Args(() => ChangePasswordArgs) { currentPassword, newPassword }: ChangePasswordArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Session> {
    return this.auth.changePassword(viewer.id, currentPassword, newPassword, ctx.clientAddress);
  }

  @Mutation(() => PasswordReset, { description: 'Admins only: a one-time reset code for an ACTIVE member; a new code replaces any earlier one.' })
  createPasswordReset(@Arg('memberId', () => ID) memberId: string): Promise<IssuedPasswordReset> {
    return this.auth.createPasswordReset(memberId);
  }

  @Mutation(() => AuthPayload, { description: 'Anyone: set a new password with a reset code. Every token issued before stops working. Answers a token.' })
  async resetPassword(@Args(() => ResetPasswordArgs) { loginId, code, newPassword }: ResetPasswordArgs, @Ctx() ctx: GraphQLContext): Promise<Session> {
    const session = await this.auth.resetPassword(loginId, code, newPassword, ctx.clientAddress);
    ctx.authenticatedInRequest.add(session.member.id);
    return session;
  }

  @Mutation(() => MemberNode, {
    description: 'Admins only, INACTIVE members only, irreversible: personal data is erased, attendance, dues and penalties stay for the club\'s figures.',
  })
  eraseMember(@Arg('memberId', () => ID) memberId: string): Promise<MemberRecord> {
    return this.auth.eraseMember(memberId);
  }

  @Mutation(() => MemberImportResult, { description: 'Admins only: add a roster in one go (all rows or none, at most 500). Each new member gets a reset code instead of a password.' })
  async importMembers(@Arg('rows', () => [MemberImportRow]) rows: MemberImportRow[]): Promise<{ created: IssuedPasswordReset[] }> {
    return { created: await this.auth.importMembers(rows) };
  }

  @Query(() => [MemberImportCheck], { description: "Admins only: a roster's rows checked as importMembers checks them (at most 500), each with its problem; nothing is saved." })
  memberImportCheck(@Arg('rows', () => [MemberImportDraftRow]) rows: MemberImportDraftRow[]): Promise<ImportRowCheck[]> {
    return this.auth.checkImportRows(rows);
  }
}
