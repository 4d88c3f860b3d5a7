import { defineModule, resolver } from '../manifest';
import { SettlementResolver } from './settlement.resolver';

export const settlementModule = defineModule({
  name: 'settlement',
  resolvers: [resolver(SettlementResolver, (services) => new SettlementResolver(services.scheduler))],
});
