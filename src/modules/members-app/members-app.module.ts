import type { Services } from '../../services';
import { defineModule } from '../manifest';
import { membersAppPages, type MembersAppPages } from './members-app.routes';

/** One set of pages per app (their files are read and compressed once). */
const pagesOf = new WeakMap<Services, MembersAppPages>();
function pages(services: Services): MembersAppPages {
  let made = pagesOf.get(services);
  if (!made) {
    made = membersAppPages({
      clubName: () => services.clubSettings.displayName(),
      setupOpen: () => services.clubSetup.isOpen(),
    });
    pagesOf.set(services, made);
  }
  return made;
}

/**
 * The members' app (/): its page, service worker, web app manifest and icons. HTTP routes only;
 * everything it shows comes from the GraphQL API with the member's token.
 */
export const membersAppModule = defineModule({
  name: 'members-app',
  resolvers: [],
  routes: (services) => pages(services).routes,
  notFoundPage: (services) => pages(services).notFound,
});
