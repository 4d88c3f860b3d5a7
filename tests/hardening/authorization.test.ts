import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf } from '../support/graphql-client';
import { CheckInDocument, IssuePenaltyDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

type Caller = 'anonymous' | 'member' | 'admin';

/**
 * Who may call each root field: the table the README shows. Each row is sent as every caller; a
 * caller the row does not name must be refused (UNAUTHENTICATED without a token, FORBIDDEN with
 * one), and a caller it names must not be.
 */
const WHO_MAY: Record<string, { callers: Caller[]; document: string }> = {
  signUp: { callers: ['anonymous', 'member', 'admin'], document: 'mutation { signUp(input: {loginId: "x", password: "x", name: "x", phone: "x", gender: MALE}) { token } }' },
  login: { callers: ['anonymous', 'member', 'admin'], document: 'mutation { login(loginId: "nobody.at.all", password: "wrong password") { token } }' },
  me: { callers: ['member', 'admin'], document: '{ me { id } }' },
  member: { callers: ['member', 'admin'], document: '{ member(id: "x") { id } }' },
  event: { callers: ['member', 'admin'], document: '{ event(id: "x") { id } }' },
  events: { callers: ['member', 'admin'], document: '{ events { totalCount } }' },
  checkIn: { callers: ['member', 'admin'], document: 'mutation { checkIn(eventId: "x", latitude: 0, longitude: 0) { id } }' },
  requestPaymentConfirmation: { callers: ['member', 'admin'], document: 'mutation { requestPaymentConfirmation(eventId: "x") { id } }' },
  createCalendarFeed: { callers: ['member', 'admin'], document: 'mutation { createCalendarFeed { url } }' },
  revokeCalendarFeed: { callers: ['member', 'admin'], document: 'mutation { revokeCalendarFeed }' },
  members: { callers: ['admin'], document: '{ members { totalCount } }' },
  eligibleMembers: { callers: ['admin'], document: '{ eligibleMembers(eventId: "x") { id } }' },
  pendingPayments: { callers: ['admin'], document: '{ pendingPayments { id } }' },
  attendanceReport: { callers: ['admin'], document: '{ attendanceReport { eventCount } }' },
  upcomingSettlements: { callers: ['admin'], document: '{ upcomingSettlements { settlesAt } }' },
  createEvent: { callers: ['admin'], document: 'mutation { createEvent(input: {title: "", address: "", audience: ALL, fee: -1, startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-01-01T01:00:00Z"}) { id } }' },
  updateEvent: { callers: ['admin'], document: 'mutation { updateEvent(id: "x", input: {title: "y"}) { id } }' },
  deleteEvent: { callers: ['admin'], document: 'mutation { deleteEvent(id: "x") }' },
  addParticipants: { callers: ['admin'], document: 'mutation { addParticipants(eventId: "x", memberIds: []) { id } }' },
  removeParticipant: { callers: ['admin'], document: 'mutation { removeParticipant(eventId: "x", memberId: "y") }' },
  confirmPayment: { callers: ['admin'], document: 'mutation { confirmPayment(eventId: "x", memberId: "y") { id } }' },
  rejectPayment: { callers: ['admin'], document: 'mutation { rejectPayment(eventId: "x", memberId: "y") { id } }' },
  setAttendance: { callers: ['admin'], document: 'mutation { setAttendance(eventId: "x", memberId: "y", status: EXCUSED) { id } }' },
  settleEvent: { callers: ['admin'], document: 'mutation { settleEvent(id: "x") { id } }' },
  issuePenalty: { callers: ['admin'], document: 'mutation { issuePenalty(memberId: "x", points: 1, note: "n") { id } }' },
  revokePenalty: { callers: ['admin'], document: 'mutation { revokePenalty(id: "x", reason: "r") { id } }' },
  setRole: { callers: ['admin'], document: 'mutation { setRole(memberId: "x", role: MEMBER) { id } }' },
  seasons: { callers: ['member', 'admin'], document: '{ seasons { id } }' },
  currentSeason: { callers: ['member', 'admin'], document: '{ currentSeason { id } }' },
  figuresSeason: { callers: ['member', 'admin'], document: '{ figuresSeason { id } }' },
  hasCalendarFeed: { callers: ['member', 'admin'], document: '{ hasCalendarFeed }' },
  createSeason: { callers: ['admin'], document: 'mutation { createSeason(input: {name: "", startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-02-01T00:00:00Z"}) { id } }' },
  updateSeason: { callers: ['admin'], document: 'mutation { updateSeason(id: "x", input: {name: "y", startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-02-01T00:00:00Z"}) { id } }' },
  deleteSeason: { callers: ['admin'], document: 'mutation { deleteSeason(id: "x") }' },
  changePassword: { callers: ['member', 'admin'], document: 'mutation { changePassword(currentPassword: "x", newPassword: "short") { token } }' },
  updateMe: { callers: ['member', 'admin'], document: 'mutation { updateMe(input: {name: ""}) { id } }' },
  resetPassword: { callers: ['anonymous', 'member', 'admin'], document: 'mutation { resetPassword(loginId: "nobody.at.all", code: "x", newPassword: "long enough") { token } }' },
  createPasswordReset: { callers: ['admin'], document: 'mutation { createPasswordReset(memberId: "x") { code } }' },
  setMemberStatus: { callers: ['admin'], document: 'mutation { setMemberStatus(memberId: "x", status: ACTIVE) { id } }' },
  eraseMember: { callers: ['admin'], document: 'mutation { eraseMember(memberId: "x") { id } }' },
  importMembers: { callers: ['admin'], document: 'mutation { importMembers(rows: []) { created { code } } }' },
  pendingAbsences: { callers: ['admin'], document: '{ pendingAbsences { id } }' },
  clubSettings: { callers: ['admin'], document: '{ clubSettings { name } }' },
  updateClubSettings: { callers: ['admin'], document: 'mutation { updateClubSettings(input: {name: ""}) { name } }' },
  memberImportCheck: { callers: ['admin'], document: '{ memberImportCheck(rows: []) { row } }' },
  setUpClub: {
    callers: ['anonymous', 'member', 'admin'],
    document: 'mutation { setUpClub(input: {setupCode: "x", clubName: "x", loginId: "x", password: "x", name: "x", phone: "x", gender: MALE}) { token } }',
  },
  submitAbsence: { callers: ['member', 'admin'], document: 'mutation { submitAbsence(eventId: "x", reason: "") { id } }' },
  withdrawAbsence: { callers: ['member', 'admin'], document: 'mutation { withdrawAbsence(eventId: "x") { id } }' },
  reviewAbsence: { callers: ['admin'], document: 'mutation { reviewAbsence(eventId: "x", memberId: "y", approve: true) { id } }' },
  webPushPublicKey: { callers: ['member', 'admin'], document: '{ webPushPublicKey }' },
  registerPushSubscription: {
    callers: ['member', 'admin'],
    document: 'mutation { registerPushSubscription(input: { endpoint: "http://push.example.com/x", p256dh: "x", auth: "x" }) }',
  },
  unregisterPushSubscription: { callers: ['member', 'admin'], document: 'mutation { unregisterPushSubscription(endpoint: "https://push.example.com/x") }' },
};

describe('the authorization audit', () => {
  let server: TestServer;
  let tokens: Record<Caller, string | undefined>;
  let owner: SignedUpMember;
  let stranger: SignedUpMember;
  let admin: SignedUpMember;
  let eventId: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
    owner = await signUpMember(server, { phone: '010-7777-7777' });
    stranger = await signUpMember(server);
    tokens = { anonymous: undefined, member: stranger.token, admin: admin.token };
    const event = await createEvent(server, admin.token, { startsInMinutes: 0, fee: 5000 });
    eventId = event.id;
    await addParticipants(server, admin.token, event.id, [owner.id, stranger.id]);
    dataOf(await server.request(CheckInDocument, { eventId, ...PITCH, accuracyMeters: 5 }, { token: owner.token }));
    dataOf(await server.request(IssuePenaltyDocument, { memberId: owner.id, points: 1, note: 'Audit' }, { token: admin.token }));
    // The owner has checked in, so their notice is written as it stood before the deadline.
    const { prisma } = server.app.database;
    const participation = await prisma.participation.findUniqueOrThrow({ where: { eventId_memberId: { eventId, memberId: owner.id } } });
    await prisma.absenceNotice.create({ data: { participationId: participation.id, reason: 'Private reason', submittedAt: new Date() } });
  });
  afterAll(() => server.stop());

  it('covers every root field of the schema', async () => {
    type Root = { fields: { name: string }[] };
    const response = await server.request<{ __schema: { queryType: Root; mutationType: Root; subscriptionType: Root } }, never>(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }',
      undefined,
      { token: tokens.admin },
    );
    const { queryType, mutationType, subscriptionType } = dataOf(response).__schema;
    expect([...queryType.fields, ...mutationType.fields].map((f) => f.name).sort()).toEqual(Object.keys(WHO_MAY).sort());
    // Subscriptions travel over the socket only; who may follow what is audited there (tests/live).
    expect(subscriptionType.fields.map((f) => f.name)).toEqual(['participationChanged']);
  });

  it.each(Object.entries(WHO_MAY))('%s: refuses exactly the callers it does not name', async (_field, { callers, document }) => {
    for (const caller of ['anonymous', 'member', 'admin'] as Caller[]) {
      const response = await server.request(document, {}, { token: tokens[caller] });
      const codes = (response.errors ?? []).map((e) => e.extensions?.code);
      if (callers.includes(caller)) {
        expect({ caller, codes }).not.toEqual({ caller, codes: expect.arrayContaining([expect.stringMatching(/^(UNAUTHENTICATED|FORBIDDEN)$/)]) });
      } else {
        expect({ caller, codes }).toEqual({ caller, codes: [caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'] });
      }
    }
  });

  const PRIVATE_MEMBER_FIELDS = 'phone penaltyPoints warningCount standing stats { joined } penalties { id } participations { id }';
  const PRIVATE_PARTICIPATION_FIELDS = 'checkInDistanceMeters payment paymentRequestedAt paymentConfirmedAt absenceNotice { reason }';

  it("shows a member's private fields to the member and admins, and null to another member (no IDOR)", async () => {
    const read = async (token: string) =>
      dataOf(await server.request<{ member: Record<string, unknown> }, never>(`{ member(id: "${owner.id}") { ${PRIVATE_MEMBER_FIELDS} } }`, undefined, { token })).member;
    for (const token of [owner.token, admin.token]) {
      const seen = await read(token);
      expect(seen).toMatchObject({ phone: '010-7777-7777', penaltyPoints: 1, warningCount: 0, standing: 'GOOD' });
      expect(seen.penalties).toHaveLength(1);
      expect(seen.participations).toHaveLength(1);
    }
    expect(Object.values(await read(stranger.token)).every((value) => value === null)).toBe(true);
  });

  it("shows a participation's private fields to its member and admins only, wherever it is reached from", async () => {
    const query = `{ event(id: "${eventId}") { participants { member { id } ${PRIVATE_PARTICIPATION_FIELDS} } } }`;
    const participationOf = async (token: string) =>
      dataOf(await server.request<{ event: { participants: ({ member: { id: string } } & Record<string, unknown>)[] } }, never>(query, undefined, { token }))
        .event.participants.find((p) => p.member.id === owner.id)!;
    for (const token of [owner.token, admin.token]) {
      expect(await participationOf(token)).toMatchObject({
        payment: 'UNPAID',
        checkInDistanceMeters: expect.any(Number),
        absenceNotice: { reason: 'Private reason' },
      });
    }
    const seenByStranger = await participationOf(stranger.token);
    expect([
      seenByStranger.checkInDistanceMeters,
      seenByStranger.payment,
      seenByStranger.paymentRequestedAt,
      seenByStranger.paymentConfirmedAt,
      seenByStranger.absenceNotice,
    ]).toEqual([null, null, null, null, null]);
  });

  it("never lets a member reach another member's penalties through a penalty's member", async () => {
    const query = `{ me { penalties { member { id phone penalties { id } } } } }`;
    const { me } = dataOf(await server.request<{ me: { penalties: { member: { phone: string | null } }[] } }, never>(query, undefined, { token: owner.token }));
    expect(me.penalties[0].member.phone).toBe('010-7777-7777');
    const strangers = dataOf(await server.request<{ me: { penalties: unknown[] } }, never>(query, undefined, { token: stranger.token }));
    expect(strangers.me.penalties).toEqual([]);
  });
});
