import fc from 'fast-check';
import pg from 'pg';
import { parseTimestamptz } from '../../src/db/timestamps';
import { postgresAdminUrl } from '../support/databases';

const parseWithPg = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date | number;
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Text as PostgreSQL writes a timestamptz in the ISO date style, in any session time zone. */
const timestamptzText = fc
  .record({
    year: fc.integer({ min: 1000, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
    sign: fc.constantFrom('+', '-'),
    offsetHours: fc.integer({ min: 0, max: 15 }),
    offsetMinutes: fc.option(fc.constantFrom(15, 30, 45), { nil: undefined }),
  })
  .map(
    (t) =>
      `${t.year}-${pad(t.month, 2)}-${pad(t.day, 2)} ${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}` +
      `${t.fraction === undefined ? '' : `.${t.fraction}`}${t.sign}${pad(t.offsetHours, 2)}${t.offsetMinutes === undefined ? '' : `:${t.offsetMinutes}`}`,
  );

describe('timestamptz text to Date', () => {
  it("answers the same instant as pg's own parser for any ISO-style text", () => {
    fc.assert(
      fc.property(timestamptzText, (text) => {
        expect(parseTimestamptz(text).getTime()).toBe((parseWithPg(text) as Date).getTime());
      }),
      { numRuns: 5_000 },
    );
  });

  it("hands what it does not read itself to pg's parser", () => {
    for (const text of ['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '12345-01-01 00:00:00+00', '2026-11-28T21:15:00Z', '2026-11-28 21:15:00']) {
      expect(String(parseTimestamptz(text))).toBe(String(parseWithPg(text)));
    }
  });

  it('reads what PostgreSQL itself writes, in several session time zones', async () => {
    const client = new pg.Client({ connectionString: postgresAdminUrl(), types: { getTypeParser: () => (text: string) => text } });
    await client.connect();
    try {
      for (const zone of ['UTC', 'Asia/Seoul', 'America/St_Johns', 'Asia/Kathmandu']) {
        await client.query(`SET TIME ZONE '${zone}'`);
        const { rows } = await client.query(`SELECT t::text AS text, (extract(epoch FROM t) * 1000)::bigint::text AS ms
          FROM (VALUES ('2026-11-28 21:15:00.123Z'::timestamptz(3)), ('1999-12-31 23:59:59Z'), ('2026-03-29 01:30:00.5Z')) v(t)`);
        for (const row of rows as { text: string; ms: string }[]) expect(parseTimestamptz(row.text).getTime()).toBe(Number(row.ms));
      }
    } finally {
      await client.end();
    }
  });
});
