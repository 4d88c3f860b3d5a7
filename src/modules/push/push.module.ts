import { defineModule, resolver } from '../manifest';
import { PushResolver } from './push.resolver';

/** Web Push to members' browsers: registration, the VAPID key, and the outbox's push deliverer. */
export const pushModule = defineModule({
  name: 'push',
  resolvers: [resolver(PushResolver, (services) => new PushResolver(services.push))],
  jobs: (services) => [services.pushDelivery],
});
