import { defineModule, resolver } from '../manifest';
import { createLiveLoaders, type LiveLoaders } from './live.loaders';
import { LiveResolver } from './live.resolver';

/** Live match-day updates: the participationChanged subscription and the feed that serves it on this instance. */
export const liveModule = defineModule<LiveLoaders>({
  name: 'live',
  resolvers: [resolver(LiveResolver, () => new LiveResolver())],
  loaders: ({ services, viewer }): LiveLoaders => createLiveLoaders(services.participationFeed, viewer),
  jobs: (services) => [services.participationFeed],
});
