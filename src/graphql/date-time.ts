import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { formatInTimeZone } from '../clock/time-zone';

/** ISO-8601 with an explicit offset: "Z" or ±hh:mm. A bare local time would be ambiguous. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

function parseInstant(value: unknown): Date {
  if (typeof value === 'string' && ISO_WITH_OFFSET.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraphQLError('DateTime must be an ISO-8601 date and time with an offset, e.g. 2026-11-29T10:00:00+09:00.');
}


/** How many formatted instants a DateTime scalar keeps: a club's lists show the same few hundred. */
const FORMATTED_CACHE_SIZE = 10_000;

export function createDateTimeScalar(timeZone: string): GraphQLScalarType<Date, string> {
  // Every list of matches formats the same start and end times again: each instant is formatted once.
  const formatted = new Map<number, string>();
  const format = (date: Date) => {
    const time = date.getTime();
    let text = formatted.get(time);
    if (text === undefined) {
      if (formatted.size >= FORMATTED_CACHE_SIZE) formatted.clear();
      text = formatInTimeZone(date, timeZone);
      formatted.set(time, text);
    }
    return text;
  };
  return new GraphQLScalarType<Date, string>({
    name: 'DateTime',
    description: 'ISO-8601 with an offset, e.g. 2026-11-29T10:00:00+09:00',
    serialize(value) {
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        throw new GraphQLError('DateTime cannot represent this value.');
      }
      return format(value);
    },
    parseValue: parseInstant,
    parseLiteral(ast) {
      if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string.');
      return parseInstant(ast.value);
    },
  });
}
