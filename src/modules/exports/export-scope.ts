import { badUserInput } from '../../errors/errors';
import { validateScope, type FigureScope } from '../seasons/season-rules';

/** What an export covers, from its query string: a season, or a window [from, to), or everything. */
export type ExportScope = Required<FigureScope>;

/** ISO-8601: a date (midnight UTC) or a date and time, with an offset when a time is given. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/i;

function instant(query: URLSearchParams, field: 'from' | 'to'): Date | null {
  const value = query.get(field);
  if (value === null || value === '') return null;
  const date = ISO_8601.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw badUserInput(field, `${field} must be an ISO-8601 date, or date and time with an offset (2026-03-01T00:00:00+09:00).`);
  }
  return date;
}

/** The exports' query parameters (api-rules.md, "Exports"): `seasonId`, or `from`/`to`; anything else wrong is BAD_USER_INPUT. */
export function parseExportScope(query: URLSearchParams): ExportScope {
  return validateScope({ seasonId: query.get('seasonId') || null, from: instant(query, 'from'), to: instant(query, 'to') });
}
