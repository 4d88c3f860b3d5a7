import { randomUUID } from 'node:crypto';
import type { AttendanceStatus, Audience, Gender } from '../../src/generated/prisma/client';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, errorOf, type GraphQLResponse } from '../support/graphql-client';
import { AttendanceReportDocument, MeDocument, MemberStatsDocument, MembersWithStatsDocument, type MembersWithStatsQuery } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = 24 * 60 * 60 * 1000;

/** A small deterministic PRNG (mulberry32), so the seeded club is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SeedMember { id: string; gender: Gender; createdAt: Date }
interface SeedEvent { id: string; audience: Audience; startsAt: Date; settled: boolean }
interface SeedParticipation { eventId: string; memberId: string; attendance: AttendanceStatus }

/** 150 members joining over time, 60 settled events (and 5 unsettled) of every audience, varied attendance. */
async function seedClub(server: TestServer, memberCount: number, eventCount: number) {
  const next = random(memberCount * 1000 + eventCount);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const origin = new Date('2026-01-01T00:00:00Z').getTime();
  const members: SeedMember[] = Array.from({ length: memberCount }, (_, i) => ({
    id: randomUUID(),
    gender: i % 3 === 0 ? 'FEMALE' : 'MALE',
    createdAt: new Date(origin + Math.floor(next() * 90) * DAY),
  }));
  const events: SeedEvent[] = Array.from({ length: eventCount + 5 }, (_, i) => ({
    id: randomUUID(),
    audience: pick(['ALL', 'ALL', 'MALE', 'FEMALE'] as const),
    startsAt: new Date(origin + (i * 2 + 1) * DAY + 18 * 3600_000),
    settled: i < eventCount,
  }));
  const participations: SeedParticipation[] = [];
  for (const event of events) {
    for (const member of members) {
      const fits = event.audience === 'ALL' || event.audience === member.gender;
      // Most fitting members play; a few early birds play before their sign-up date (the "participant" branch of eligibility).
      if (fits && next() < 0.45) {
        participations.push({ eventId: event.id, memberId: member.id, attendance: event.settled ? pick(['ATTENDED', 'ATTENDED', 'LATE', 'ABSENT', 'EXCUSED'] as const) : 'PENDING' });
      }
    }
  }
  const { prisma } = server.app.database;
  await prisma.member.createMany({
    data: members.map((m, i) => ({ id: m.id, loginId: `seed.${i}.${m.id.slice(0, 8)}`, passwordHash: 'x', name: `Seed ${i}`, gender: m.gender, createdAt: m.createdAt })),
  });
  await prisma.event.createMany({
    data: events.map((e, i) => ({
      id: e.id,
      title: `Seeded match ${i}`,
      address: 'Pitch',
      latitude: 37.5,
      longitude: 127,
      audience: e.audience,
      fee: 0,
      startsAt: e.startsAt,
      endsAt: new Date(e.startsAt.getTime() + 2 * 3600_000),
      settledAt: e.settled ? new Date(e.startsAt.getTime() + 2 * 3600_000) : null,
    })),
  });
  await prisma.participation.createMany({ data: participations.map((p) => ({ ...p, payment: 'NOT_REQUIRED' as const })) });
  return { members, events, participations };
}

/** The contract's definitions, computed the slow and obvious way. */
function expectedFigures(club: Awaited<ReturnType<typeof seedClub>>, from?: Date, to?: Date) {
  const inWindow = (e: SeedEvent) => e.settled && (!from || e.startsAt >= from) && (!to || e.startsAt < to);
  const events = club.events.filter(inWindow).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const attendanceOf = (eventId: string, memberId: string) =>
    club.participations.find((p) => p.eventId === eventId && p.memberId === memberId)?.attendance;
  const eligible = (e: SeedEvent, m: SeedMember) =>
    attendanceOf(e.id, m.id) !== undefined || ((e.audience === 'ALL' || e.audience === m.gender) && e.startsAt > m.createdAt);
  const count = (pairs: [SeedEvent, SeedMember][]) => {
    const attendances = pairs.map(([e, m]) => attendanceOf(e.id, m.id)).filter((a) => a !== undefined);
    const of = (status: AttendanceStatus) => attendances.filter((a) => a === status).length;
    return { eligible: pairs.length, joined: attendances.length, attended: of('ATTENDED'), late: of('LATE'), absent: of('ABSENT'), excused: of('EXCUSED') };
  };
  const perEvent = events.map((e) => ({ id: e.id, ...count(club.members.filter((m) => eligible(e, m)).map((m) => [e, m] as [SeedEvent, SeedMember])) }));
  const perMember = new Map(
    club.members
      .map((m) => [m.id, count(events.filter((e) => eligible(e, m)).map((e) => [e, m] as [SeedEvent, SeedMember]))] as const)
      .filter(([, c]) => c.eligible > 0),
  );
  return { perEvent, perMember };
}

const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const statsFrom = (c: { eligible: number; joined: number; attended: number; late: number; absent: number; excused: number }) => ({
  eligibleEvents: c.eligible,
  joined: c.joined,
  attended: c.attended,
  late: c.late,
  absent: c.absent,
  excused: c.excused,
  attendanceRate: rate(c.attended + c.late, c.joined),
  participationRate: rate(c.joined, c.eligible),
});

describe('reports over a seeded club of 150 members and 60 settled events', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  let club: Awaited<ReturnType<typeof seedClub>>;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
    club = await seedClub(server, 150, 60);
  });
  afterAll(() => server.stop());

  it('matches an independent computation of every figure of attendanceReport', async () => {
    const { attendanceReport: report } = dataOf(await server.request(AttendanceReportDocument, {}, { token: admin.token }));
    const { perEvent, perMember } = expectedFigures(club);
    expect(report.eventCount).toBe(60);
    expect(report.events.map((row) => ({ id: row.event.id, eligible: row.eligible, joined: row.participants, attended: row.attended, late: row.late, absent: row.absent, excused: row.excused }))).toEqual(perEvent);
    const total = (key: 'joined' | 'attended' | 'late' | 'absent' | 'excused' | 'eligible') => perEvent.reduce((s, e) => s + e[key], 0);
    expect(report).toMatchObject({ participations: total('joined'), attended: total('attended'), late: total('late'), absent: total('absent'), excused: total('excused') });
    expect(report.attendanceRate).toBeCloseTo(rate(total('attended') + total('late'), total('joined')), 12);
    expect(report.participationRate).toBeCloseTo(rate(total('joined'), total('eligible')), 12);
    // Members: eligible for at least one event (the admin, who joined today, is not).
    expect(report.members).toHaveLength(perMember.size);
    for (const row of report.members) expect(row.stats).toEqual(statsFrom(perMember.get(row.member.id)!));
  });

  it('bounds the events by [from, to) on their start', async () => {
    const from = club.events[10].startsAt;
    const to = club.events[20].startsAt;
    const { attendanceReport: report } = dataOf(
      await server.request(AttendanceReportDocument, { from: from.toISOString(), to: to.toISOString() }, { token: admin.token }),
    );
    const { perEvent, perMember } = expectedFigures(club, from, to);
    expect(report.eventCount).toBe(10);
    expect(report.events.map((row) => row.event.id)).toEqual(perEvent.map((e) => e.id));
    expect(report.members).toHaveLength(perMember.size);
    for (const row of report.members) expect(row.stats).toEqual(statsFrom(perMember.get(row.member.id)!));
  });

  it("gives every member's Member.stats over all settled events, through the members list", async () => {
    const { perMember } = expectedFigures(club);
    const seen = new Map<string, unknown>();
    let after: string | null = null;
    for (;;) {
      const response: GraphQLResponse<MembersWithStatsQuery> = await server.request(MembersWithStatsDocument, { first: 100, after }, { token: admin.token });
      const { members } = dataOf(response);
      for (const edge of members.edges) seen.set(edge.node.id, edge.node.stats);
      if (!members.pageInfo.hasNextPage) break;
      after = members.pageInfo.endCursor;
    }
    for (const member of club.members) {
      const expected = perMember.get(member.id) ?? { eligible: 0, joined: 0, attended: 0, late: 0, absent: 0, excused: 0 };
      expect(seen.get(member.id)).toEqual(statsFrom(expected));
    }
  });

  it('shows Member.stats to the member and admins only; the report to admins only', async () => {
    const member = await signUpMember(server);
    const other = await signUpMember(server);
    expect(dataOf(await server.request(MemberStatsDocument, { id: member.id }, { token: member.token })).member?.stats).toMatchObject({ joined: 0 });
    expect(dataOf(await server.request(MemberStatsDocument, { id: member.id }, { token: other.token })).member?.stats).toBeNull();
    expect(errorOf(await server.request(AttendanceReportDocument, {}, { token: member.token })).extensions?.code).toBe('FORBIDDEN');
    const backwards = { from: club.events[5].startsAt.toISOString(), to: club.events[1].startsAt.toISOString() };
    expect(errorOf(await server.request(AttendanceReportDocument, backwards, { token: admin.token })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
  });

  it('costs the same number of queries for a club of 150 as for a club of 5', async () => {
    const small = await startTestServer();
    try {
      const smallAdmin = await signUpAdmin(small);
      await seedClub(small, 5, 3);
      const queriesFor = async (target: TestServer, token: string) => {
        const before = target.app.database.stats.queries;
        const started = performance.now();
        dataOf(await target.request(AttendanceReportDocument, {}, { token }));
        return { queries: target.app.database.stats.queries - before, ms: performance.now() - started };
      };
      // The viewer is read on their first request only (the member cache): only the report's own statements count.
      await server.request(MeDocument, {}, { token: admin.token });
      await small.request(MeDocument, {}, { token: smallAdmin.token });
      const large = await queriesFor(server, admin.token);
      const tiny = await queriesFor(small, smallAdmin.token);
      process.stdout.write(`attendanceReport: 150 members/60 events ${large.queries} queries in ${large.ms.toFixed(0)} ms; 5 members/3 events ${tiny.queries} queries\n`);
      expect(large.queries).toBe(tiny.queries);
    } finally {
      await small.stop();
    }
  });
});
