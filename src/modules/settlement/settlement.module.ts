import { defineModule, resolver } from '../manifest';
import { SettlementResolver } from './settlement.resolver';

export const settlementModule = defineModule({
  name: 'settlement',
  resolvers: [resolver(SettlementResolver, (services) => new SettlementResolver(services.scheduler))],
  // Its start is the catch-up: what ended while no server ran is settled before the port opens.
  jobs: (services) => [services.scheduler],
});
