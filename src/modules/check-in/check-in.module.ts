import { defineModule, resolver } from '../manifest';
import { CheckInResolver } from './check-in.resolver';

export const checkInModule = defineModule({
  name: 'check-in',
  resolvers: [resolver(CheckInResolver, (services) => new CheckInResolver(services.checkIns))],
});
