import { defineModule, resolver } from '../manifest';
import { createEventLoaders, type EventLoaders } from './event.loaders';
import { EventConnectionResolver, EventResolver } from './event.resolver';

export const eventsModule = defineModule({
  name: 'events',
  resolvers: [
    resolver(EventResolver, (services) => new EventResolver(services.events)),
    resolver(EventConnectionResolver, () => new EventConnectionResolver()),
  ],
  loaders: ({ database }): EventLoaders => createEventLoaders(database.read),
});
