import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, errorOf } from '../support/graphql-client';
import { SetAttendanceDocument, type AttendanceStatus } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

describe('setAttendance', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
  });
  afterAll(() => server.stop());

  async function participant() {
    const member = await signUpMember(server);
    const event = await createEvent(server, admin.token);
    await addParticipants(server, admin.token, event.id, [member.id]);
    const set = (status: AttendanceStatus, note?: string, token = admin.token) =>
      server.request(SetAttendanceDocument, { eventId: event.id, memberId: member.id, status, note }, { token });
    const row = () =>
      server.app.database.prisma.participation.findUniqueOrThrow({ where: { eventId_memberId: { eventId: event.id, memberId: member.id } } });
    return { member, event, set, row };
  }

  it("checks a member in by hand, keeping the admin's note, and undoes it", async () => {
    const { set, row } = await participant();
    const attended = dataOf(await set('ATTENDED', 'Phone had no GPS')).setAttendance;
    expect(attended.attendance).toBe('ATTENDED');
    expect(new Date(attended.checkedInAt!).getTime()).toBe(server.clock.now().getTime());
    expect((await row()).attendanceNote).toBe('Phone had no GPS');

    const absent = dataOf(await set('ABSENT')).setAttendance;
    expect(absent).toMatchObject({ attendance: 'ABSENT', checkedInAt: null, checkInDistanceMeters: null });
    expect((await row()).attendanceNote).toBeNull();
  });

  it.each(['LATE', 'EXCUSED', 'PENDING'] as const)('sets %s before settlement', async (status) => {
    const { set } = await participant();
    expect(dataOf(await set(status)).setAttendance.attendance).toBe(status);
  });

  it('refuses PENDING once the event is settled, and an overlong note', async () => {
    const { event, set } = await participant();
    expect(errorOf(await set('EXCUSED', 'n'.repeat(501))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    await server.app.database.prisma.event.update({ where: { id: event.id }, data: { settledAt: new Date() } });
    expect(errorOf(await set('PENDING')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
  });

  it('answers NOT_FOUND for a member not in the event or an unknown event, and FORBIDDEN to a member', async () => {
    const { member, event, set } = await participant();
    const outsider = await signUpMember(server);
    for (const variables of [
      { eventId: event.id, memberId: outsider.id },
      { eventId: 'nope', memberId: member.id },
    ]) {
      expect(errorOf(await server.request(SetAttendanceDocument, { ...variables, status: 'ATTENDED' }, { token: admin.token })).extensions?.code).toBe(
        'NOT_FOUND',
      );
    }
    expect(errorOf(await set('ATTENDED', undefined, member.token)).extensions?.code).toBe('FORBIDDEN');
  });
});
