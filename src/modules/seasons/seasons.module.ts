import { defineModule, resolver } from '../manifest';
import { createSeasonLoaders, type SeasonLoaders } from './season.loaders';
import { SeasonResolver } from './season.resolver';

export const seasonsModule = defineModule({
  name: 'seasons',
  resolvers: [resolver(SeasonResolver, (services) => new SeasonResolver(services.seasons))],
  loaders: ({ services }): SeasonLoaders => createSeasonLoaders(services.seasons),
});
