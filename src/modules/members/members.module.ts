import { defineModule, resolver } from '../manifest';
import { createMemberLoaders, type MemberLoaders } from './member.loaders';
import { MemberConnectionResolver, MemberResolver } from './member.resolver';

export const membersModule = defineModule({
  name: 'members',
  resolvers: [
    resolver(MemberResolver, (services) => new MemberResolver(services.members)),
    resolver(MemberConnectionResolver, () => new MemberConnectionResolver()),
  ],
  loaders: ({ database, viewer }): MemberLoaders => createMemberLoaders(database.read, viewer),
  jobs: (services) => [services.memberCache],
});
