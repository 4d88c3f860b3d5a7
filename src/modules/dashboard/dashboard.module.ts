import { defineModule } from '../manifest';
import { dashboardRoutes } from './dashboard.routes';

/** The admins' dashboard page: HTTP routes only; its figures come from the GraphQL API and the exports. */
export const dashboardModule = defineModule({
  name: 'dashboard',
  resolvers: [],
  routes: () => dashboardRoutes(),
});
