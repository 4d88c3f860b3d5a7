import { defineModule, resolver } from '../manifest';
import { AuthResolver } from './auth.resolver';

export const authModule = defineModule({
  name: 'auth',
  resolvers: [resolver(AuthResolver, (services) => new AuthResolver(services.auth))],
});
