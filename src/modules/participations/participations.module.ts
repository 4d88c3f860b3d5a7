import { defineModule, resolver } from '../manifest';
import type { MemberLoaders } from '../members/member.loaders';
import { createParticipationLoaders, type ParticipationLoaders } from './participation.loaders';
import { MemberParticipationsResolver, ParticipationResolver } from './participation.resolver';

export const participationsModule = defineModule<ParticipationLoaders, MemberLoaders>({
  name: 'participations',
  resolvers: [
    resolver(ParticipationResolver, (services) => new ParticipationResolver(services.participations)),
    resolver(MemberParticipationsResolver, () => new MemberParticipationsResolver()),
  ],
  // The members module comes first in the list: its loader is primed with each participant's member.
  loaders: ({ database, viewer, loaders }): ParticipationLoaders =>
    createParticipationLoaders(database.read, viewer?.id ?? null, loaders.memberById),
});
