import { defineModule } from '../manifest';

/** The club webhook's outbox: no GraphQL of its own, a delivery job when a webhook is configured. */
export const notificationsModule = defineModule({
  name: 'notifications',
  resolvers: [],
  jobs: (services) => (services.notices ? [services.notices] : []),
});
