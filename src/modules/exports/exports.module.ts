import { defineModule } from '../manifest';
import { exportRoutes } from './exports.routes';

/** Spreadsheet exports of the club's records: HTTP routes only, no GraphQL. */
export const exportsModule = defineModule({
  name: 'exports',
  resolvers: [],
  routes: (services) => exportRoutes(services.exports, services.viewerOf),
});
