import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, errorOf } from '../support/graphql-client';
import {
  AddParticipantsDocument,
  EligibleMembersDocument,
  EventDocument,
  EventsWithParticipantsDocument,
  MeDocument,
  MemberParticipationsDocument,
  RemoveParticipantDocument,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

describe('participants', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  let man: SignedUpMember;
  let otherMan: SignedUpMember;
  let woman: SignedUpMember;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
    man = await signUpMember(server, { gender: 'MALE', phone: '010-1111-1111' });
    otherMan = await signUpMember(server, { gender: 'MALE', phone: '010-2222-2222' });
    woman = await signUpMember(server, { gender: 'FEMALE' });
  });
  afterAll(() => server.stop());

  const participantIds = async (eventId: string) =>
    (await server.app.database.prisma.participation.findMany({ where: { eventId } })).map((p) => p.memberId).sort();

  describe('addParticipants', () => {
    it('adds members with the payment state the fee implies, and leaves members already in as they are', async () => {
      const paid = await createEvent(server, admin.token, { fee: 5000 });
      const first = await addParticipants(server, admin.token, paid.id, [man.id]);
      expect(first).toMatchObject([{ attendance: 'PENDING', payment: 'UNPAID', member: { id: man.id }, event: { id: paid.id } }]);

      const again = await addParticipants(server, admin.token, paid.id, [man.id, woman.id, man.id]);
      expect(again.map((p) => p.member.id)).toEqual([man.id, woman.id]);
      expect(again[0].id).toBe(first[0].id);
      expect(await participantIds(paid.id)).toEqual([man.id, woman.id].sort());

      const free = await createEvent(server, admin.token, { fee: 0 });
      expect((await addParticipants(server, admin.token, free.id, [man.id]))[0].payment).toBe('NOT_REQUIRED');
    });

    it('refuses a member the audience excludes with AUDIENCE_MISMATCH, adding no one', async () => {
      const menOnly = await createEvent(server, admin.token, { audience: 'MALE' });
      const error = errorOf(await server.request(AddParticipantsDocument, { eventId: menOnly.id, memberIds: [man.id, woman.id] }, { token: admin.token }));
      expect(error.extensions).toMatchObject({ code: 'AUDIENCE_MISMATCH', memberIds: [woman.id] });
      expect(await participantIds(menOnly.id)).toEqual([]);
    });

    it('answers NOT_FOUND for an unknown event or member, adding no one', async () => {
      const event = await createEvent(server, admin.token);
      expect(errorOf(await server.request(AddParticipantsDocument, { eventId: 'nope', memberIds: [man.id] }, { token: admin.token })).extensions?.code).toBe(
        'NOT_FOUND',
      );
      const unknownMember = errorOf(await server.request(AddParticipantsDocument, { eventId: event.id, memberIds: [man.id, 'ghost'] }, { token: admin.token }));
      expect(unknownMember.extensions).toMatchObject({ code: 'NOT_FOUND', memberIds: ['ghost'] });
      expect(await participantIds(event.id)).toEqual([]);
    });

    it('refuses more than 200 members at once with BAD_USER_INPUT, and members with FORBIDDEN', async () => {
      const event = await createEvent(server, admin.token);
      const many = Array.from({ length: 201 }, (_, i) => `member-${i}`);
      expect(errorOf(await server.request(AddParticipantsDocument, { eventId: event.id, memberIds: many }, { token: admin.token })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'memberIds',
      });
      expect(errorOf(await server.request(AddParticipantsDocument, { eventId: event.id, memberIds: [man.id] }, { token: man.token })).extensions?.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('removeParticipant', () => {
    it('removes a participant and answers NOT_FOUND for one who is not in, or an unknown event', async () => {
      const event = await createEvent(server, admin.token);
      await addParticipants(server, admin.token, event.id, [man.id, woman.id]);
      expect(dataOf(await server.request(RemoveParticipantDocument, { eventId: event.id, memberId: man.id }, { token: admin.token })).removeParticipant).toBe(true);
      expect(await participantIds(event.id)).toEqual([woman.id]);
      for (const variables of [{ eventId: event.id, memberId: man.id }, { eventId: 'nope', memberId: woman.id }]) {
        expect(errorOf(await server.request(RemoveParticipantDocument, variables, { token: admin.token })).extensions?.code).toBe('NOT_FOUND');
      }
      expect(errorOf(await server.request(RemoveParticipantDocument, { eventId: event.id, memberId: woman.id }, { token: woman.token })).extensions?.code).toBe(
        'FORBIDDEN',
      );
    });
  });

  describe('eligibleMembers', () => {
    it('lists members whom the audience fits and who are not in yet', async () => {
      const menOnly = await createEvent(server, admin.token, { audience: 'MALE' });
      await addParticipants(server, admin.token, menOnly.id, [man.id]);
      const { eligibleMembers } = dataOf(await server.request(EligibleMembersDocument, { eventId: menOnly.id }, { token: admin.token }));
      const ids = eligibleMembers.map((m) => m.id);
      expect(ids).toContain(otherMan.id);
      expect(ids).not.toContain(man.id);
      expect(ids).not.toContain(woman.id);
      expect(eligibleMembers.every((m) => m.gender === 'MALE')).toBe(true);
    });

    it('answers NOT_FOUND for an unknown event and FORBIDDEN to a member', async () => {
      const event = await createEvent(server, admin.token);
      expect(errorOf(await server.request(EligibleMembersDocument, { eventId: 'nope' }, { token: admin.token })).extensions?.code).toBe('NOT_FOUND');
      expect(errorOf(await server.request(EligibleMembersDocument, { eventId: event.id }, { token: man.token })).extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('the privacy rule on participations', () => {
    it("shows a member their own payment and distance but not another's; admins see all", async () => {
      const event = await createEvent(server, admin.token, { audience: 'MALE', fee: 3000 });
      await addParticipants(server, admin.token, event.id, [man.id, otherMan.id]);

      const asMan = dataOf(await server.request(EventDocument, { id: event.id }, { token: man.token })).event!;
      const own = asMan.participants.find((p) => p.member.id === man.id)!;
      const other = asMan.participants.find((p) => p.member.id === otherMan.id)!;
      expect(own).toMatchObject({ payment: 'UNPAID', member: { phone: '010-1111-1111' } });
      expect(other).toMatchObject({ payment: null, checkInDistanceMeters: null, paymentRequestedAt: null, member: { phone: null } });
      expect(asMan.myParticipation).toMatchObject({ id: own.id, payment: 'UNPAID' });

      const asAdmin = dataOf(await server.request(EventDocument, { id: event.id }, { token: admin.token })).event!;
      expect(asAdmin.participants.map((p) => p.payment)).toEqual(['UNPAID', 'UNPAID']);
      expect(asAdmin.myParticipation).toBeNull();
    });

    it("shows Member.participations to the member and admins only", async () => {
      const event = await createEvent(server, admin.token, { title: 'Private match' });
      await addParticipants(server, admin.token, event.id, [woman.id]);
      const own = dataOf(await server.request(MemberParticipationsDocument, { id: woman.id }, { token: woman.token })).member!;
      expect(own.participations?.map((p) => p.event.title)).toContain('Private match');
      const byAdmin = dataOf(await server.request(MemberParticipationsDocument, { id: woman.id }, { token: admin.token })).member!;
      expect(byAdmin.participations).toEqual(own.participations);
      const byOther = dataOf(await server.request(MemberParticipationsDocument, { id: woman.id }, { token: man.token })).member!;
      expect(byOther.participations).toBeNull();
    });
  });
});

describe('the event list with participants and members', () => {
  it('costs the same number of SQL queries for 5 events as for 50', async () => {
    const server = await startTestServer();
    try {
      const admin = await signUpAdmin(server);
      const members = await Promise.all(Array.from({ length: 6 }, () => signUpMember(server)));
      for (let i = 0; i < 50; i++) {
        const event = await createEvent(server, admin.token, { title: `Match ${i}`, startsInMinutes: 60 * (i + 1) });
        await addParticipants(server, admin.token, event.id, [members[i % 6].id, members[(i + 1) % 6].id, members[(i + 2) % 6].id]);
      }
      const queriesFor = async (first: number) => {
        const before = server.app.database.stats.queries;
        const { events } = dataOf(await server.request(EventsWithParticipantsDocument, { first }, { token: members[0].token }));
        expect(events.edges).toHaveLength(first);
        expect(events.edges.every((edge) => edge.node.participants.length === 3 && edge.node.participantCount === 3)).toBe(true);
        return server.app.database.stats.queries - before;
      };
      // The viewer is read on their first request only (the member cache): only the list's own statements count.
      await server.request(MeDocument, {}, { token: members[0].token });
      const forFive = await queriesFor(5);
      const forFifty = await queriesFor(50);
      process.stdout.write(`SQL queries for the event list with participants and members: 5 events ${forFive}, 50 events ${forFifty}\n`);
      expect(forFifty).toBe(forFive);
      expect(forFifty).toBeLessThanOrEqual(8);
    } finally {
      await server.stop();
    }
  });

  it('counts the whole list only when totalCount is asked for', async () => {
    // No reminders: these matches start within the reminder window, and writing theirs would be counted too.
    const server = await startTestServer({ env: { MATCH_REMINDER_MINUTES: '0' } });
    try {
      const admin = await signUpAdmin(server);
      for (let i = 0; i < 3; i++) await createEvent(server, admin.token, { title: `Match ${i}`, startsInMinutes: 60 * (i + 1) });
      const run = async (query: string) => {
        const before = server.app.database.stats.queries;
        const { data } = await server.request<{ events: { totalCount?: number } }, Record<string, never>>(query, {}, { token: admin.token });
        return { statements: server.app.database.stats.queries - before, totalCount: data?.events.totalCount };
      };
      await server.request(MeDocument, {}, { token: admin.token });
      const withoutCount = await run('{ events(first: 1) { edges { node { id } } } }');
      const withCount = await run('{ events(first: 1) { totalCount edges { node { id } } } }');
      const throughFragment = await run('{ events(first: 1) { ...Counted } } fragment Counted on EventConnection { totalCount }');
      expect(withCount).toEqual({ statements: withoutCount.statements + 1, totalCount: 3 });
      expect(throughFragment.totalCount).toBe(3);
    } finally {
      await server.stop();
    }
  });

  it("reads each event's participant count and the viewer's own participation with the page, in one statement", async () => {
    const server = await startTestServer();
    try {
      const admin = await signUpAdmin(server);
      const [viewer, other] = await Promise.all([signUpMember(server), signUpMember(server)]);
      const events = [];
      for (let i = 0; i < 3; i++) events.push(await createEvent(server, admin.token, { title: `Match ${i}`, startsInMinutes: 60 * (i + 1) }));
      await addParticipants(server, admin.token, events[0].id, [viewer.id, other.id]);
      await addParticipants(server, admin.token, events[1].id, [other.id]);
      const summaryOf = '{ id participantCount myParticipation { id attendance payment member { id } } }';
      await server.request(MeDocument, {}, { token: viewer.token });
      const run = async (query: string) => {
        const before = server.app.database.stats.queries;
        const { data } = await server.request<Record<string, unknown>, Record<string, never>>(query, {}, { token: viewer.token });
        return { statements: server.app.database.stats.queries - before, data };
      };
      const list = await run(`{ events(first: 3) { edges { node ${summaryOf} } } }`);
      const throughFragments = await run(`{ events(first: 3) { ...Page } } fragment Page on EventConnection { edges { ... on EventEdge { node { ...Summary } } } } fragment Summary on Event ${summaryOf}`);
      // One event at a time goes through the participations module's own loader: the same answers.
      const oneByOne = await Promise.all(events.map((event) => server.request<{ event: unknown }, { id: string }>(`query ($id: ID!) { event(id: $id) ${summaryOf} }`, { id: event.id }, { token: viewer.token })));
      const nodes = (list.data as { events: { edges: { node: { participantCount: number; myParticipation: unknown } }[] } }).events.edges.map((edge) => edge.node);
      expect(nodes.map((node) => node.participantCount)).toEqual([2, 1, 0]);
      expect(nodes[0].myParticipation).toMatchObject({ attendance: 'PENDING', member: { id: viewer.id } });
      expect(nodes.slice(1).map((node) => node.myParticipation)).toEqual([null, null]);
      expect(nodes).toEqual(oneByOne.map((response) => response.data!.event));
      expect(list.statements).toBe(1);
      expect(throughFragments).toEqual(list);
    } finally {
      await server.stop();
    }
  });
});
