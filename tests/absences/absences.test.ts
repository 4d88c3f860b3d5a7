import { addParticipants, createEvent, MINUTE, PITCH } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, errorOf } from '../support/graphql-client';
import {
  CheckInDocument,
  EventAbsencesDocument,
  MemberPenaltiesDocument,
  PendingAbsencesDocument,
  ReviewAbsenceDocument,
  SetAttendanceDocument,
  SettleEventDocument,
  SubmitAbsenceDocument,
  WithdrawAbsenceDocument,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

describe('absence notices', () => {
  let server: TestServer;
  let admin: SignedUpMember;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
  });
  afterAll(() => server.stop());

  /** A match `startsInMinutes` away with these members playing. */
  async function matchWith(members: SignedUpMember[], startsInMinutes = 24 * 60, fee = 5000) {
    const event = await createEvent(server, admin.token, { startsInMinutes, fee });
    await addParticipants(server, admin.token, event.id, members.map((m) => m.id));
    return event;
  }
  const submit = (member: SignedUpMember, eventId: string, reason = 'Exam week: I have a final on Sunday.') =>
    server.request(SubmitAbsenceDocument, { eventId, reason }, { token: member.token });
  const review = (eventId: string, memberId: string, approve: boolean, note?: string) =>
    server.request(ReviewAbsenceDocument, { eventId, memberId, approve, note }, { token: admin.token });
  const pointsOf = async (memberId: string) =>
    dataOf(await server.request(MemberPenaltiesDocument, { id: memberId }, { token: admin.token })).member!.penaltyPoints;

  it('takes a notice, shows it to the member and admins only, lists it for review, and lets the member take it back', async () => {
    const [member, teammate] = [await signUpMember(server), await signUpMember(server)];
    const event = await matchWith([member, teammate]);
    const submitted = dataOf(await submit(member, event.id, '  Exam week  ')).submitAbsence;
    expect(submitted.attendance).toBe('PENDING');
    expect(submitted.absenceNotice).toMatchObject({ reason: 'Exam week', status: 'PENDING', reviewedAt: null, reviewNote: null });
    expect(Date.parse(submitted.absenceNotice!.submittedAt)).toBe(server.clock.now().getTime());

    const seenBy = async (viewer: SignedUpMember) =>
      dataOf(await server.request(EventAbsencesDocument, { id: event.id }, { token: viewer.token })).event!.participants.find(
        (p) => p.member.id === member.id,
      )!.absenceNotice;
    expect((await seenBy(member))?.status).toBe('PENDING');
    expect((await seenBy(admin))?.reason).toBe('Exam week');
    expect(await seenBy(teammate)).toBeNull();

    const listed = dataOf(await server.request(PendingAbsencesDocument, { eventId: event.id }, { token: admin.token })).pendingAbsences;
    expect(listed.map((p) => p.member.id)).toEqual([member.id]);

    const withdrawn = dataOf(await server.request(WithdrawAbsenceDocument, { eventId: event.id }, { token: member.token })).withdrawAbsence;
    expect(withdrawn.absenceNotice).toBeNull();
    expect(dataOf(await server.request(PendingAbsencesDocument, { eventId: event.id }, { token: admin.token })).pendingAbsences).toEqual([]);
    // Taken back, another may be given.
    expect(dataOf(await submit(member, event.id)).submitAbsence.absenceNotice?.status).toBe('PENDING');
  });

  it('lists pending notices of all events oldest first, and NOT_FOUND for an unknown event', async () => {
    const [first, second] = [await signUpMember(server), await signUpMember(server)];
    const [later, sooner] = [await matchWith([first]), await matchWith([second])];
    await submit(first, later.id);
    server.clock.advance(1000);
    await submit(second, sooner.id);
    const all = dataOf(await server.request(PendingAbsencesDocument, {}, { token: admin.token })).pendingAbsences.map((p) => p.member.id);
    expect(all.indexOf(first.id)).toBeLessThan(all.indexOf(second.id));
    expect(errorOf(await server.request(PendingAbsencesDocument, { eventId: '00000000-0000-7000-8000-000000000000' }, { token: admin.token })).extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses with the contract codes, and saves nothing when it does', async () => {
    const [member, outsider] = [await signUpMember(server), await signUpMember(server)];
    const event = await matchWith([member]);
    expect(errorOf(await submit(member, event.id, '   ')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(errorOf(await submit(member, event.id, 'x'.repeat(501))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(errorOf(await submit(outsider, event.id)).extensions?.code).toBe('NOT_A_PARTICIPANT');
    expect(errorOf(await submit(member, '00000000-0000-7000-8000-000000000000')).extensions?.code).toBe('NOT_FOUND');
    expect(errorOf(await server.request(WithdrawAbsenceDocument, { eventId: event.id }, { token: member.token })).extensions?.code).toBe('NO_PENDING_ABSENCE');
    expect(errorOf(await review(event.id, member.id, true)).extensions?.code).toBe('NO_PENDING_ABSENCE');
    expect(await server.app.database.prisma.absenceNotice.count({ where: { participation: { eventId: event.id } } })).toBe(0);

    await submit(member, event.id);
    expect(errorOf(await submit(member, event.id)).extensions?.code).toBe('ABSENCE_ALREADY_SUBMITTED');
    expect(errorOf(await server.request(ReviewAbsenceDocument, { eventId: event.id, memberId: member.id, approve: true }, { token: member.token })).extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await server.request(PendingAbsencesDocument, {}, { token: member.token })).extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await review(event.id, member.id, false, 'n'.repeat(501))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });

    const declined = dataOf(await review(event.id, member.id, false, 'We need you in goal')).reviewAbsence;
    expect(declined.absenceNotice).toMatchObject({ status: 'DECLINED', reviewNote: 'We need you in goal' });
    expect(declined.attendance).toBe('PENDING');
    expect(errorOf(await submit(member, event.id)).extensions?.code).toBe('ABSENCE_ALREADY_SUBMITTED');
    expect(errorOf(await review(event.id, member.id, true)).extensions?.code).toBe('NO_PENDING_ABSENCE');
    expect(errorOf(await server.request(WithdrawAbsenceDocument, { eventId: event.id }, { token: member.token })).extensions?.code).toBe('NO_PENDING_ABSENCE');
  });

  it('closes 60 minutes before the start, and refuses a member who has checked in', async () => {
    const member = await signUpMember(server);
    const open = await matchWith([member], 61);
    const closed = await matchWith([member], 60);
    expect(dataOf(await submit(member, open.id)).submitAbsence.absenceNotice?.status).toBe('PENDING');
    expect(errorOf(await submit(member, closed.id)).extensions?.code).toBe('ABSENCE_DEADLINE_PASSED');

    const checkedIn = await matchWith([member]);
    dataOf(await server.request(SetAttendanceDocument, { eventId: checkedIn.id, memberId: member.id, status: 'ATTENDED' }, { token: admin.token }));
    expect(errorOf(await submit(member, checkedIn.id)).extensions?.code).toBe('ALREADY_CHECKED_IN');
  });

  it('approval before settlement excuses the member, who then gets no penalty; a declined notice settles as usual', async () => {
    const [excused, declined] = [await signUpMember(server), await signUpMember(server)];
    const event = await matchWith([excused, declined], 24 * 60, 0);
    await submit(excused, event.id);
    await submit(declined, event.id);
    const approved = dataOf(await review(event.id, excused.id, true, 'Good luck with the exam')).reviewAbsence;
    expect(approved.attendance).toBe('EXCUSED');
    expect(approved.absenceNotice).toMatchObject({ status: 'APPROVED', reviewNote: 'Good luck with the exam' });
    expect(approved.absenceNotice!.reviewedAt).not.toBeNull();
    await review(event.id, declined.id, false);

    dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token }));
    const after = dataOf(await server.request(EventAbsencesDocument, { id: event.id }, { token: admin.token })).event!.participants;
    expect(Object.fromEntries(after.map((p) => [p.member.id, p.attendance]))).toEqual({ [excused.id]: 'EXCUSED', [declined.id]: 'ABSENT' });
    expect(await pointsOf(excused.id)).toBe(0);
    expect(await pointsOf(declined.id)).toBe(3);
  });

  it('a notice still PENDING at settlement does not excuse; approving it afterwards revokes the penalty', async () => {
    const member = await signUpMember(server);
    const event = await matchWith([member], 24 * 60, 0);
    await submit(member, event.id);
    dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token }));
    expect(await pointsOf(member.id)).toBe(3);

    expect(dataOf(await review(event.id, member.id, true)).reviewAbsence.attendance).toBe('EXCUSED');
    expect(await pointsOf(member.id)).toBe(0);
    const penalties = dataOf(await server.request(MemberPenaltiesDocument, { id: member.id, includeRevoked: true }, { token: admin.token })).member!.penalties;
    expect(penalties).toEqual([expect.objectContaining({ reason: 'ABSENT', revokedAt: expect.any(String), revokeReason: 'absence notice approved' })]);
  });

  it('a member with a notice who checks in anyway is checked in as usual, and approval does not undo that', async () => {
    const member = await signUpMember(server);
    const event = await matchWith([member], 90);
    await submit(member, event.id);
    server.clock.advance(60 * MINUTE);
    const checkedIn = dataOf(await server.request(CheckInDocument, { eventId: event.id, ...PITCH, accuracyMeters: 10 }, { token: member.token })).checkIn;
    expect(checkedIn.attendance).toBe('ATTENDED');
    expect(dataOf(await review(event.id, member.id, true)).reviewAbsence.attendance).toBe('ATTENDED');
  });

  it('of two admins reviewing at once one decides, and of two submissions at once one is taken', async () => {
    const member = await signUpMember(server);
    const event = await matchWith([member]);
    const submissions = await Promise.all([submit(member, event.id, 'first'), submit(member, event.id, 'second')]);
    expect(submissions.map((r) => (r.errors ? r.errors[0].extensions?.code : 'ok')).sort()).toEqual(['ABSENCE_ALREADY_SUBMITTED', 'ok']);
    const reviews = await Promise.all([review(event.id, member.id, true), review(event.id, member.id, false)]);
    expect(reviews.map((r) => (r.errors ? r.errors[0].extensions?.code : 'ok')).sort()).toEqual(['NO_PENDING_ABSENCE', 'ok']);
  });

  it('honours ABSENCE_NOTICE_DEADLINE_MINUTES', async () => {
    const other = await startTestServer({ env: { ABSENCE_NOTICE_DEADLINE_MINUTES: '180' } });
    try {
      const [boss, member] = [await signUpAdmin(other), await signUpMember(other)];
      const event = await createEvent(other, boss.token, { startsInMinutes: 150 });
      await addParticipants(other, boss.token, event.id, [member.id]);
      const refused = await other.request(SubmitAbsenceDocument, { eventId: event.id, reason: 'away' }, { token: member.token });
      expect(errorOf(refused).extensions?.code).toBe('ABSENCE_DEADLINE_PASSED');
    } finally {
      await other.stop();
    }
  });
});
