import { sendCompressible } from '../../http/compression';
import type { Route } from '../../http/server';
import type { CalendarService } from './calendar.service';

/** GET /calendar/<token>.ics: the feed a phone's calendar subscribes to. The token is the only key. */
export function calendarRoutes(calendars: CalendarService): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/calendar\/([A-Za-z0-9_-]{16,128})\.ics$/,
      name: '/calendar/:token.ics',
      async handle(request, response, { params: [token] }) {
        const calendar = await calendars.render(token);
        if (calendar === null) {
          response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          response.end('No such calendar. It may have been revoked.\n');
          return;
        }
        await sendCompressible(request, response, calendar, {
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': 'inline; filename="pitchside.ics"',
          'cache-control': 'private, max-age=300',
        });
      },
    },
  ];
}
