import { defineModule, resolver } from '../manifest';
import { CalendarResolver } from './calendar.resolver';
import { calendarRoutes } from './calendar.routes';

export const calendarModule = defineModule({
  name: 'calendar',
  resolvers: [resolver(CalendarResolver, (services) => new CalendarResolver(services.calendars))],
  routes: (services) => calendarRoutes(services.calendars),
});
