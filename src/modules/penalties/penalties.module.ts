import { defineModule, resolver } from '../manifest';
import { createPenaltyLoaders, type PenaltyLoaders } from './penalty.loaders';
import { MemberPenaltiesResolver, PenaltyResolver } from './penalty.resolver';

export const penaltiesModule = defineModule({
  name: 'penalties',
  resolvers: [
    resolver(PenaltyResolver, (services) => new PenaltyResolver(services.penalties)),
    resolver(MemberPenaltiesResolver, (services) => new MemberPenaltiesResolver(services.penalties)),
  ],
  loaders: ({ database, services }): PenaltyLoaders => createPenaltyLoaders(database.prisma, services.penalties),
});
