import { Arg, Args, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { AuthPayload, LoginArgs, SignUpInput } from '../members/member.types';
import type { AuthService, Session } from './auth.service';

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
}
