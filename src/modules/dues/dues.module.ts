import { defineModule, resolver } from '../manifest';
import { DuesResolver } from './dues.resolver';

export const duesModule = defineModule({
  name: 'dues',
  resolvers: [resolver(DuesResolver, (services) => new DuesResolver(services.dues))],
});
