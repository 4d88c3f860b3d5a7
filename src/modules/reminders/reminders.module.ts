import { defineModule } from '../manifest';

/** Match reminders: no GraphQL of their own, a scheduling job when reminders are on. */
export const remindersModule = defineModule({
  name: 'reminders',
  resolvers: [],
  jobs: (services) => (services.reminders ? [services.reminders] : []),
});
