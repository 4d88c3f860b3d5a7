import { defineModule } from '../manifest';

/** Scheduled backups: no GraphQL, a job when BACKUP_DIR is set. */
export const backupsModule = defineModule({
  name: 'backups',
  resolvers: [],
  jobs: (services) => (services.backups ? [services.backups] : []),
});
