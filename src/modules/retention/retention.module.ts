import { defineModule } from '../manifest';

/** RETENTION_DAYS: the hourly sweep of records that only matter for a while. */
export const retentionModule = defineModule({
  name: 'retention',
  resolvers: [],
  jobs: (services) => [services.retention],
});
