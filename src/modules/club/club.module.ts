import { defineModule, resolver } from '../manifest';
import { ClubResolver } from './club.resolver';

/** The club itself: its name and join code, and its first-hour setup (src/modules/club). */
export const clubModule = defineModule({
  name: 'club',
  resolvers: [resolver(ClubResolver, (services) => new ClubResolver(services.clubSettings, services.clubSetup))],
});
