import { defineModule, resolver } from '../manifest';
import { CheckInResolver, CheckInWindowResolver } from './check-in.resolver';

export const checkInModule = defineModule({
  name: 'check-in',
  resolvers: [
    resolver(CheckInResolver, (services) => new CheckInResolver(services.checkIns)),
    resolver(CheckInWindowResolver, (services) => new CheckInWindowResolver(services.checkIns)),
  ],
});
