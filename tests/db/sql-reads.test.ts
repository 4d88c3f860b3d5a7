import { loadConfig } from '../../src/config/config';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/database';
import { takePrefixed } from '../../src/db/columns';
import { createLogger } from '../../src/logging/logger';
import { eventColumns } from '../../src/modules/events/event.columns';
import { memberRecordColumns } from '../../src/modules/members/member.columns';
import { participationColumns } from '../../src/modules/participations/participation.columns';
import { createTestDatabase, type TestDatabase } from '../support/databases';

const logger = createLogger('silent');

/**
 * The hot reads bypass Prisma with plain SQL whose columns are named as Prisma names fields: they
 * must answer exactly what Prisma answers, types included (Dates, numbers, enums as strings, nulls).
 */
describe('plain SQL reads', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase(loadConfig(testDatabase.env), logger);
    await migrateDatabase(database, logger);
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  let seeded = 0;
  async function seed(filled: boolean) {
    const { prisma } = database;
    const suffix = `${filled ? 'filled' : 'sparse'}.${(seeded += 1)}`;
    const member = await prisma.member.create({
      data: {
        loginId: `reads.${suffix}`,
        passwordHash: 'not a real hash',
        name: 'Reads Member',
        phone: filled ? '010-1234-5678' : null,
        gender: 'FEMALE',
        role: filled ? 'ADMIN' : 'MEMBER',
        calendarTokenHash: filled ? `token-hash-${suffix}` : null,
      },
    });
    const event = await prisma.event.create({
      data: {
        title: 'Reads match',
        description: filled ? 'With a description' : null,
        address: 'Pitch 1',
        latitude: 37.568256,
        longitude: 126.897240123,
        audience: 'FEMALE',
        fee: filled ? 5000 : 0,
        startsAt: new Date('2026-12-01T10:00:00.123Z'),
        endsAt: new Date('2026-12-01T12:00:00Z'),
        settledAt: filled ? new Date('2026-12-01T12:00:01.5Z') : null,
      },
    });
    const participation = await prisma.participation.create({
      data: {
        eventId: event.id,
        memberId: member.id,
        attendance: filled ? 'LATE' : 'PENDING',
        attendanceNote: filled ? 'Came by bus' : null,
        checkedInAt: filled ? new Date('2026-12-01T10:25:00.001Z') : null,
        checkInDistanceMeters: filled ? 123.456789 : null,
        payment: filled ? 'PAID' : 'NOT_REQUIRED',
        paymentRequestedAt: filled ? new Date('2026-12-01T09:00:00Z') : null,
        paymentConfirmedAt: filled ? new Date('2026-12-01T09:30:00Z') : null,
        paymentRejectReason: filled ? 'Earlier claim had no receipt' : null,
      },
    });
    return { member, event, participation };
  }

  it.each([
    ['every nullable field set', true],
    ['every nullable field null', false],
  ])('answers the objects Prisma answers, with %s', async (_case, filled) => {
    const { member, event, participation } = await seed(filled);
    const { passwordHash: _hash, ...memberRecord } = member;

    expect(await database.read(`SELECT ${memberRecordColumns('m')} FROM members m WHERE m.id = $1`, [member.id])).toEqual([memberRecord]);
    expect(await database.read(`SELECT ${eventColumns('e')} FROM events e WHERE e.id = $1`, [event.id])).toEqual([event]);
    expect(await database.read(`SELECT ${participationColumns('p')} FROM participations p WHERE p.id = ANY($1)`, [[participation.id]])).toEqual([
      participation,
    ]);
  });

  it('keeps a joined table apart under a prefix, and takes it back out whole', async () => {
    const { member, participation } = await seed(true);
    const { passwordHash: _hash, ...memberRecord } = member;
    const [row] = await database.read<Record<string, unknown>>(
      `SELECT ${participationColumns('p')}, ${memberRecordColumns('m', 'member.')} FROM participations p JOIN members m ON m.id = p.member_id WHERE p.id = $1`,
      [participation.id],
    );
    expect(takePrefixed(row, 'member.')).toEqual({ joined: memberRecord, own: participation });
  });

  it('counts each read among the statements sent', async () => {
    const before = database.stats.queries;
    await database.read('SELECT 1', []);
    expect(database.stats.queries).toBe(before + 1);
  });
});
