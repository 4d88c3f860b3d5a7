import { addParticipants, createEvent, MINUTE, PITCH } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, errorOf } from '../support/graphql-client';
import { CheckInDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

/** A point `meters` due north of the pitch (one metre of latitude is 1/111,195 of a degree). */
const north = (meters: number) => ({ latitude: PITCH.latitude + meters / 111_194.93, longitude: PITCH.longitude });

describe('checkIn', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
  });
  afterAll(() => server.stop());

  /** A fresh member in a fresh event starting in two hours; the clock is moved relative to its start. */
  async function scenario() {
    // Each scenario starts from the real now, so the admin's token never outlives the moved clock.
    server.clock.set(new Date());
    const member = await signUpMember(server);
    const event = await createEvent(server, admin.token, { startsInMinutes: 120 });
    await addParticipants(server, admin.token, event.id, [member.id]);
    const startsAt = new Date(event.startsAt).getTime();
    const at = (minutesFromStart: number) => server.clock.set(new Date(startsAt + minutesFromStart * MINUTE));
    const checkIn = (position = PITCH, accuracyMeters: number | null = 15) =>
      server.request(CheckInDocument, { eventId: event.id, ...position, accuracyMeters }, { token: member.token });
    const attempts = () =>
      server.app.database.prisma.checkInAttempt.findMany({ where: { eventId: event.id, memberId: member.id }, orderBy: { attemptedAt: 'asc' } });
    return { member, event, at, checkIn, attempts };
  }

  it('records ATTENDED with the distance and time, within 400 m before 20 minutes past the start', async () => {
    const { at, checkIn, attempts } = await scenario();
    at(19);
    const { checkIn: participation } = dataOf(await checkIn(north(390)));
    expect(participation.attendance).toBe('ATTENDED');
    expect(participation.checkInDistanceMeters).toBeCloseTo(390, 0);
    expect(new Date(participation.checkedInAt!).getTime()).toBe(server.clock.now().getTime());
    expect((await attempts()).map((a) => a.outcome)).toEqual(['ATTENDED']);
  });

  it('opens exactly 60 minutes before the start, and refuses earlier with CHECK_IN_NOT_OPEN', async () => {
    const { at, checkIn } = await scenario();
    at(-61);
    expect(errorOf(await checkIn()).extensions?.code).toBe('CHECK_IN_NOT_OPEN');
    at(-60);
    expect(dataOf(await checkIn()).checkIn.attendance).toBe('ATTENDED');
  });

  it('records LATE from 20 minutes after the start', async () => {
    const { at, checkIn } = await scenario();
    at(20);
    expect(dataOf(await checkIn()).checkIn.attendance).toBe('LATE');
  });

  it('closes at the end, and once the event is settled', async () => {
    const first = await scenario();
    first.at(120);
    expect(errorOf(await first.checkIn()).extensions?.code).toBe('CHECK_IN_CLOSED');

    const second = await scenario();
    await server.app.database.prisma.event.update({ where: { id: second.event.id }, data: { settledAt: new Date() } });
    second.at(0);
    expect(errorOf(await second.checkIn()).extensions?.code).toBe('CHECK_IN_CLOSED');
  });

  it('refuses farther than 400 m with OUT_OF_RANGE, the distance and the radius', async () => {
    const { at, checkIn, attempts } = await scenario();
    at(0);
    const error = errorOf(await checkIn(north(512.4)));
    expect(error.extensions).toEqual({ code: 'OUT_OF_RANGE', distanceMeters: 512, radiusMeters: 400 });
    const [attempt] = await attempts();
    expect(attempt).toMatchObject({ outcome: 'OUT_OF_RANGE', accuracyMeters: 15 });
    expect(attempt.distanceMeters).toBeCloseTo(512.4, 0);
  });

  it('refuses a fix less precise than 100 m with LOCATION_TOO_INACCURATE, and takes one without accuracy', async () => {
    const { at, checkIn } = await scenario();
    at(0);
    expect(errorOf(await checkIn(PITCH, 100.5)).extensions?.code).toBe('LOCATION_TOO_INACCURATE');
    expect(dataOf(await checkIn(PITCH, null)).checkIn.attendance).toBe('ATTENDED');
  });

  it('refuses a second check-in with ALREADY_CHECKED_IN', async () => {
    const { at, checkIn, attempts } = await scenario();
    at(0);
    dataOf(await checkIn());
    expect(errorOf(await checkIn()).extensions?.code).toBe('ALREADY_CHECKED_IN');
    expect((await attempts()).map((a) => a.outcome)).toEqual(['ATTENDED', 'ALREADY_CHECKED_IN']);
  });

  it('lets one of ten racing check-ins by one member win; the rest get ALREADY_CHECKED_IN', async () => {
    const { at, checkIn, attempts } = await scenario();
    at(0);
    const responses = await Promise.all(Array.from({ length: 10 }, () => checkIn()));
    const codes = responses.map((r) => (r.errors ? errorOf(r).extensions?.code : r.data?.checkIn.attendance));
    expect(codes.filter((c) => c === 'ATTENDED')).toHaveLength(1);
    expect(codes.filter((c) => c === 'ALREADY_CHECKED_IN')).toHaveLength(9);
    expect((await attempts()).filter((a) => a.outcome === 'ATTENDED')).toHaveLength(1);
  });

  it('refuses a member who is not playing with NOT_A_PARTICIPANT, and keeps the attempt', async () => {
    const { event, at } = await scenario();
    const outsider = await signUpMember(server);
    at(0);
    const error = errorOf(await server.request(CheckInDocument, { eventId: event.id, ...PITCH }, { token: outsider.token }));
    expect(error.extensions?.code).toBe('NOT_A_PARTICIPANT');
    const kept = await server.app.database.prisma.checkInAttempt.findMany({ where: { memberId: outsider.id } });
    expect(kept).toMatchObject([{ outcome: 'NOT_A_PARTICIPANT', distanceMeters: null }]);
  });

  it('answers NOT_FOUND for an unknown event, BAD_USER_INPUT for impossible coordinates, UNAUTHENTICATED without a token', async () => {
    const { member, event } = await scenario();
    expect(errorOf(await server.request(CheckInDocument, { eventId: 'nope', ...PITCH }, { token: member.token })).extensions?.code).toBe('NOT_FOUND');
    for (const [field, variables] of [
      ['latitude', { latitude: 91, longitude: 0 }],
      ['longitude', { latitude: 0, longitude: 181 }],
      ['accuracyMeters', { ...PITCH, accuracyMeters: -1 }],
    ] as const) {
      const error = errorOf(await server.request(CheckInDocument, { eventId: event.id, ...variables }, { token: member.token }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(errorOf(await server.request(CheckInDocument, { eventId: event.id, ...PITCH })).extensions?.code).toBe('UNAUTHENTICATED');
  });
});
