import { readFile, readdir, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpAdmin, signUpMember } from '../members/member-fixtures';
import { HOUR } from '../support/clock';
import { createEmbeddedDataDir, createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf } from '../support/graphql-client';
import {
  CheckInDocument,
  CreatePasswordResetDocument,
  CreateSeasonDocument,
  IssuePenaltyDocument,
  LoginDocument,
  MemberPenaltiesDocument,
  RevokePenaltyDocument,
  SettleEventDocument,
  SubmitAbsenceDocument,
} from '../support/operations.generated';
import { runNode } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';
import { startReceiver } from '../support/webhook-receiver';

type Line = { format?: string; exportedAt?: string; table?: string; row?: Record<string, unknown>; end?: boolean; counts?: Record<string, number> };
const linesOf = async (file: string): Promise<Line[]> => (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
/** A backup's content: every line but the header's time of writing. */
const contentOf = async (file: string) => (await linesOf(file)).map(({ exportedAt: _at, ...line }) => line);

async function cli(script: 'db-export' | 'db-import', flag: '--out' | '--in', file: string, database: TestDatabase) {
  const run = runNode(`cli/${script}.js`, [flag, file], database.env);
  return { code: await run.exited, output: run.output() };
}

/** A club's worth of every kind of row: members, a season, matches settled and not, penalties, notices, attempts, the outbox. */
async function seedClub(server: TestServer) {
  const admin = await signUpAdmin(server);
  const [keeper, striker] = [await signUpMember(server, { name: '김민수' }), await signUpMember(server, { name: 'Striker', gender: 'FEMALE' })];
  const now = server.clock.now().getTime();
  dataOf(await server.request(CreateSeasonDocument, { input: { name: '2026 가을', startsAt: new Date(now - 30 * 24 * HOUR).toISOString(), endsAt: new Date(now + 60 * 24 * HOUR).toISOString() } }, { token: admin.token }));
  const played = await createEvent(server, admin.token, { startsInMinutes: 0, fee: 5000 });
  await addParticipants(server, admin.token, played.id, [keeper.id, striker.id]);
  dataOf(await server.request(CheckInDocument, { eventId: played.id, ...PITCH, accuracyMeters: 8 }, { token: keeper.token }));
  dataOf(await server.request(SettleEventDocument, { id: played.id }, { token: admin.token }));
  const upcoming = await createEvent(server, admin.token, { startsInMinutes: 3 * 24 * 60 });
  await addParticipants(server, admin.token, upcoming.id, [keeper.id, striker.id]);
  dataOf(await server.request(SubmitAbsenceDocument, { eventId: upcoming.id, reason: 'Exam' }, { token: striker.token }));
  const manual = dataOf(await server.request(IssuePenaltyDocument, { memberId: keeper.id, points: 2, note: 'Kit' }, { token: admin.token })).issuePenalty;
  dataOf(await server.request(RevokePenaltyDocument, { id: manual.id, reason: 'Found it' }, { token: admin.token }));
  dataOf(await server.request(CreatePasswordResetDocument, { memberId: striker.id }, { token: admin.token }));
  await server.request(LoginDocument, { loginId: keeper.loginId, password: 'wrong password' });
  return { admin, keeper, striker, played };
}

describe('backups: moving a club from the embedded database to PostgreSQL', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'pitchside-backup-'));
    cleanups.push(() => rm(work, { recursive: true, force: true }));
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('embedded → file → PostgreSQL → file: the same rows; ids, passwords, settlement and penalties survive', async () => {
    const receiver = await startReceiver((_attempt, response) => response.writeHead(204).end());
    cleanups.push(() => receiver.close());
    const embedded = await createEmbeddedDataDir();
    cleanups.push(() => embedded.drop());
    const server = await startTestServer({ database: embedded, env: { SETTLEMENT_WEBHOOK_URL: receiver.url } });
    const club = await seedClub(server);
    const pointsBefore = dataOf(await server.request(MemberPenaltiesDocument, { id: club.keeper.id }, { token: club.admin.token })).member!.penaltyPoints;
    await server.stop();

    const fromEmbedded = path.join(work, 'embedded.ndjson');
    const exported = await cli('db-export', '--out', fromEmbedded, embedded);
    expect(exported).toMatchObject({ code: 0 });
    expect(exported.output).toMatch(/^Exported \d+ rows from the embedded database/m);
    const lines = await linesOf(fromEmbedded);
    expect(lines[0]).toMatchObject({ format: 'pitchside-backup', version: 1, migration: expect.stringMatching(/^\d{14}_/) });
    const tables = new Set(lines.filter((line) => line.table).map((line) => line.table));
    for (const table of ['members', 'seasons', 'events', 'participations', 'absence_notices', 'penalties', 'check_in_attempts', 'login_attempts', 'password_resets', 'outbox_messages']) {
      expect([table, tables.has(table)]).toEqual([table, true]);
    }

    const postgres = await createTestDatabase({ empty: true });
    cleanups.push(() => postgres.drop());
    const imported = await cli('db-import', '--in', fromEmbedded, postgres);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.output).toMatch(/^Imported \d+ rows into the postgres database .* verified by count/m);
    const fromPostgres = path.join(work, 'postgres.ndjson');
    expect((await cli('db-export', '--out', fromPostgres, postgres)).code).toBe(0);
    expect(await contentOf(fromPostgres)).toEqual(await contentOf(fromEmbedded));

    // The club goes on on PostgreSQL: the same ids and passwords, the match still settled once, the same points.
    const moved = await startTestServer({ database: postgres });
    cleanups.push(() => moved.stop());
    const login = dataOf(await moved.request(LoginDocument, { loginId: club.keeper.loginId, password: club.keeper.password })).login;
    expect(login.member.id).toBe(club.keeper.id);
    const adminToken = dataOf(await moved.request(LoginDocument, { loginId: club.admin.loginId, password: club.admin.password })).login.token;
    expect(dataOf(await moved.request(MemberPenaltiesDocument, { id: club.keeper.id }, { token: adminToken })).member!.penaltyPoints).toBe(pointsBefore);
    const settled = await moved.app.database.prisma.event.findUniqueOrThrow({ where: { id: club.played.id } });
    expect(settled.settledAt).not.toBeNull();
    expect(await moved.app.database.prisma.penalty.count({ where: { eventId: club.played.id } })).toBe(
      lines.filter((line) => line.table === 'penalties' && line.row!.eventId === club.played.id).length,
    );

    // A second import into the now non-empty database is refused, and changes nothing.
    const again = await cli('db-import', '--in', fromEmbedded, postgres);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/^Import failed: The database is not empty \(members has \d+ rows\): import only into an empty, migrated database\.$/m);
    expect(await moved.app.database.prisma.member.count()).toBe(lines.filter((line) => line.table === 'members').length);
  });

  it('refuses a file of another migration, a cut-off file and one whose counts do not match, importing nothing', async () => {
    const source = await createEmbeddedDataDir();
    cleanups.push(() => source.drop());
    const server = await startTestServer({ database: source });
    await seedClub(server);
    await server.stop();
    const file = path.join(work, 'source.ndjson');
    expect((await cli('db-export', '--out', file, source)).code).toBe(0);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const header = JSON.parse(lines[0]);
    const trailer = JSON.parse(lines[lines.length - 1]);
    const variants = {
      'other migration': [JSON.stringify({ ...header, migration: '20200101000000_init' }), ...lines.slice(1)],
      'cut off': lines.slice(0, -3),
      'counts differ': [...lines.slice(0, -1), JSON.stringify({ ...trailer, counts: { ...trailer.counts, members: trailer.counts.members + 1 } })],
      'not a backup': ['{"hello":"world"}'],
    };
    const expected = {
      'other migration': /written at migration 20200101000000_init; this database is at \d{14}_\w+\. Export it again/,
      'cut off': /is cut off\. Nothing was imported\./,
      'counts differ': /members: the file says \d+ rows, \d+ were read and \d+ stored\. Nothing was imported\./,
      'not a backup': /is not a pitchside backup/,
    };
    const target = await createTestDatabase();
    cleanups.push(() => target.drop());
    for (const [name, content] of Object.entries(variants)) {
      const damaged = path.join(work, `${name.replace(/ /g, '-')}.ndjson`);
      await writeFile(damaged, `${content.join('\n')}\n`);
      const result = await cli('db-import', '--in', damaged, target);
      expect([name, result.code]).toEqual([name, 1]);
      expect(result.output).toMatch(expected[name as keyof typeof expected]);
      expect(result.output).not.toMatch(/^\s+at /m);
    }
    const check = await startTestServer({ database: target });
    cleanups.push(() => check.stop());
    expect(await check.app.database.prisma.member.count()).toBe(0);
    expect(await check.app.database.prisma.penalty.count()).toBe(0);
  });

  it('writes scheduled backups whole into BACKUP_DIR and keeps the newest BACKUP_KEEP', async () => {
    const dir = path.join(work, 'scheduled');
    const server = await startTestServer({ env: { BACKUP_DIR: dir, BACKUP_KEEP: '2', BACKUP_INTERVAL_HOURS: '6' } });
    cleanups.push(() => server.stop());
    await seedClub(server);
    const backups = server.app.services.backups!;
    const written = [];
    for (let i = 0; i < 3; i += 1) {
      written.push(await backups.backUp());
      server.clock.advance(6 * HOUR);
    }
    const names = await readdir(dir);
    expect(names.sort()).toEqual(written.slice(1).map((backup) => path.basename(backup.file)).sort());
    expect(names.every((name) => /^pitchside-\d{8}T\d{6}Z\.ndjson$/.test(name))).toBe(true);

    const target = await createTestDatabase();
    cleanups.push(() => target.drop());
    const newest = written[2];
    expect((await cli('db-import', '--in', newest.file, target)).code).toBe(0);
    const members = (await linesOf(newest.file)).filter((line) => line.table === 'members').length;
    expect(members).toBe(newest.counts.members);
    expect(members).toBeGreaterThan(0);
  });
});
