import { defineModule } from '../manifest';
import { playgroundRoutes } from './playground.routes';

/** The GraphQL playground's files; the page itself is GET /graphql from a browser (app.ts). */
export const playgroundModule = defineModule({
  name: 'playground',
  resolvers: [],
  routes: () => playgroundRoutes(),
});
