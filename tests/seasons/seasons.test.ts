import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { HOUR } from '../support/clock';
import { dataOf, errorOf } from '../support/graphql-client';
import {
  CreateSeasonDocument,
  DeleteSeasonDocument,
  IssuePenaltyDocument,
  LoginDocument,
  MemberSeasonFiguresDocument,
  SeasonReportDocument,
  SeasonsDocument,
  SettleEventDocument,
  UpdateSeasonDocument,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = 24 * HOUR;

describe('seasons', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  beforeEach(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
  });
  afterEach(() => server.stop());

  const at = (days: number) => new Date(server.clock.now().getTime() + days * DAY).toISOString();
  const create = (name: string, fromDays: number, toDays: number, token = admin.token) =>
    server.request(CreateSeasonDocument, { input: { name, startsAt: at(fromDays), endsAt: at(toDays) } }, { token });

  it('are created, listed latest first with the current one marked, updated and deleted by admins', async () => {
    const past = dataOf(await create('3기', -200, -10)).createSeason;
    const current = dataOf(await create('4기', -10, 150)).createSeason;
    expect(current).toMatchObject({ name: '4기', current: true });
    expect(past.current).toBe(false);

    const member = await signUpMember(server);
    const listed = dataOf(await server.request(SeasonsDocument, {}, { token: member.token }));
    expect(listed.seasons.map((s) => s.name)).toEqual(['4기', '3기']);
    expect(listed.currentSeason?.id).toBe(current.id);

    const renamed = dataOf(await server.request(UpdateSeasonDocument, { id: past.id, input: { name: '3기 (2026 봄)', startsAt: at(-210), endsAt: at(-10) } }, { token: admin.token }));
    expect(renamed.updateSeason).toMatchObject({ id: past.id, name: '3기 (2026 봄)', startsAt: expect.any(String) });
    expect(dataOf(await server.request(DeleteSeasonDocument, { id: past.id }, { token: admin.token })).deleteSeason).toBe(true);
    expect(errorOf(await server.request(DeleteSeasonDocument, { id: past.id }, { token: admin.token })).extensions?.code).toBe('NOT_FOUND');
    expect(errorOf(await create('5기', 150, 300, member.token)).extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses overlaps (SEASON_OVERLAP) but not touching ends, and bad names and spans (BAD_USER_INPUT)', async () => {
    dataOf(await create('4기', 0, 100));
    expect(errorOf(await create('overlap', 99, 200)).extensions?.code).toBe('SEASON_OVERLAP');
    expect(errorOf(await create('inside', 10, 20)).extensions?.code).toBe('SEASON_OVERLAP');
    expect(dataOf(await create('5기', 100, 200)).createSeason.name).toBe('5기');
    expect(errorOf(await create('4기', 300, 400)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(errorOf(await create(' ', 300, 400)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(errorOf(await create('x'.repeat(51), 300, 400)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(errorOf(await create('backwards', 400, 300)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
    expect(errorOf(await create('too long', 300, 701)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
    const updated = await server.request(UpdateSeasonDocument, { id: 'no-such-season', input: { name: 'x', startsAt: at(500), endsAt: at(501) } }, { token: admin.token });
    expect(errorOf(updated).extensions?.code).toBe('NOT_FOUND');
  });

  it('lets one of two overlapping seasons created at once in, the other SEASON_OVERLAP', async () => {
    const answers = await Promise.all([create('A', 0, 100), create('B', 50, 150), create('C', 80, 120)]);
    expect(answers.filter((answer) => answer.data?.createSeason)).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors?.[0].extensions?.code === 'SEASON_OVERLAP')).toHaveLength(2);
  });

  describe('count penalties, standing and stats per season', () => {
    /** An ABSENT penalty (3 points) from a match `daysAgo` in the past, and a manual one (2 points) issued now. */
    async function seedPenalties(member: SignedUpMember, daysAgo: number) {
      const now = server.clock.now();
      server.clock.set(new Date(now.getTime() - daysAgo * DAY));
      const adminToken = dataOf(await server.request(LoginDocument, { loginId: admin.loginId, password: admin.password })).login.token;
      const event = await createEvent(server, adminToken, { startsInMinutes: 60, fee: 0 });
      await addParticipants(server, adminToken, event.id, [member.id]);
      dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: adminToken }));
      server.clock.set(now);
      dataOf(await server.request(IssuePenaltyDocument, { memberId: member.id, points: 2, note: 'kit left behind' }, { token: admin.token }));
    }

    const figures = async (member: SignedUpMember, seasonId?: string) =>
      dataOf(await server.request(MemberSeasonFiguresDocument, { id: member.id, seasonId }, { token: admin.token })).member!;

    it('all time while the club has no season; the current season by default; a named one on request', async () => {
      const member = await signUpMember(server);
      await seedPenalties(member, 50);
      expect(await figures(member)).toMatchObject({ penaltyPoints: 5, warningCount: 1, standing: 'WARNED' });

      const past = dataOf(await create('3기', -200, -10)).createSeason;
      const current = dataOf(await create('4기', -10, 150)).createSeason;
      const now = await figures(member);
      expect(now).toMatchObject({ penaltyPoints: 2, warningCount: 0, standing: 'GOOD' });
      expect(now.penalties!.map((p) => p.points)).toEqual([2]);
      expect(await figures(member, current.id)).toMatchObject({ penaltyPoints: 2 });
      const before = await figures(member, past.id);
      expect(before).toMatchObject({ penaltyPoints: 3, warningCount: 1, standing: 'WARNED' });
      expect(before.stats).toMatchObject({ joined: 1, absent: 1 });
      expect(now.stats).toMatchObject({ joined: 0, absent: 0 });

      const unknown = await server.request(MemberSeasonFiguresDocument, { id: member.id, seasonId: 'no-such-season' }, { token: admin.token });
      expect(new Set(unknown.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['NOT_FOUND']));
    });

    it('between seasons, the latest season that has ended', async () => {
      const member = await signUpMember(server);
      await seedPenalties(member, 50);
      const ended = dataOf(await create('3기', -200, -10)).createSeason;
      dataOf(await create('5기', 100, 300));
      expect(await figures(member)).toMatchObject({ penaltyPoints: 3 });
      // The pages open on the season the figures count in, which the server names.
      const named = await server.request<{ figuresSeason: { id: string } | null }, unknown>('{ figuresSeason { id } }', {}, { token: member.token });
      expect(dataOf(named).figuresSeason?.id).toBe(ended.id);
    });

    it('attendanceReport(seasonId): the season, and not together with from or to', async () => {
      const member = await signUpMember(server);
      await seedPenalties(member, 50);
      const past = dataOf(await create('3기', -200, -10)).createSeason;
      const report = dataOf(await server.request(SeasonReportDocument, { seasonId: past.id }, { token: admin.token })).attendanceReport;
      expect(report).toMatchObject({ eventCount: 1, participations: 1, absent: 1, from: past.startsAt, to: past.endsAt });
      const both = await server.request(SeasonReportDocument, { seasonId: past.id, from: at(-300) }, { token: admin.token });
      expect(errorOf(both).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'seasonId' });
      expect(errorOf(await server.request(SeasonReportDocument, { seasonId: 'nope' }, { token: admin.token })).extensions?.code).toBe('NOT_FOUND');
    });
  });
});
