import { dataOf, errorOf, type GraphQLResponse } from '../support/graphql-client';
import { MeDocument, MemberDocument, MembersDocument, SetRoleDocument, type MembersQuery } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';
import { signUpAdmin, signUpMember, uniqueLoginId, type SignedUpMember } from './member-fixtures';

describe('members', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  let member: SignedUpMember;
  let other: SignedUpMember;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
    member = await signUpMember(server, { phone: '010-1111-2222' });
    other = await signUpMember(server, { phone: '010-3333-4444', gender: 'FEMALE' });
  });
  afterAll(() => server.stop());

  describe('me', () => {
    it('is the caller, with their private fields', async () => {
      const { me } = dataOf(await server.request(MeDocument, {}, { token: member.token }));
      expect(me).toMatchObject({ id: member.id, loginId: member.loginId, phone: '010-1111-2222', role: 'MEMBER' });
      expect(me.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+09:00$/);
    });

    it('answers UNAUTHENTICATED without a token', async () => {
      expect(errorOf(await server.request(MeDocument)).extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('member(id) and the privacy rule', () => {
    it("hides another member's phone from a member", async () => {
      const { member: found } = dataOf(await server.request(MemberDocument, { id: other.id }, { token: member.token }));
      expect(found).toMatchObject({ id: other.id, loginId: other.loginId, gender: 'FEMALE', phone: null });
    });

    it('shows a member their own phone, and admins everyone’s', async () => {
      const own = dataOf(await server.request(MemberDocument, { id: member.id }, { token: member.token }));
      expect(own.member?.phone).toBe('010-1111-2222');
      const asAdmin = dataOf(await server.request(MemberDocument, { id: other.id }, { token: admin.token }));
      expect(asAdmin.member?.phone).toBe('010-3333-4444');
    });

    it('is null for an id that names no member', async () => {
      for (const id of ['00000000-0000-7000-8000-000000000000', 'not-an-id', "'; DROP TABLE members; --"]) {
        const response = await server.request(MemberDocument, { id }, { token: member.token });
        expect(response.errors).toBeUndefined();
        expect(response.data?.member).toBeNull();
      }
    });

    it('answers UNAUTHENTICATED without a token', async () => {
      expect(errorOf(await server.request(MemberDocument, { id: member.id })).extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('members (admins only)', () => {
    it('answers FORBIDDEN to a member and UNAUTHENTICATED to the anonymous', async () => {
      expect(errorOf(await server.request(MembersDocument, {}, { token: member.token })).extensions?.code).toBe('FORBIDDEN');
      expect(errorOf(await server.request(MembersDocument, {})).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('pages through every member in sign-up order with cursors, phones included', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      let total = 0;
      for (;;) {
        const response: GraphQLResponse<MembersQuery> = await server.request(MembersDocument, { first: 2, after }, { token: admin.token });
        const page = dataOf(response).members;
        total = page.totalCount;
        seen.push(...page.edges.map((edge) => edge.node.id));
        expect(page.edges.every((edge) => edge.node.phone !== null)).toBe(true);
        pages += 1;
        if (!page.pageInfo.hasNextPage) break;
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(pages).toBe(Math.ceil(total / 2));
      expect(seen.indexOf(member.id)).toBeLessThan(seen.indexOf(other.id));
    });

    it('defaults to 50 a page, takes up to 100 and refuses more with BAD_USER_INPUT on first', async () => {
      dataOf(await server.request(MembersDocument, { first: 100 }, { token: admin.token }));
      for (const first of [101, -1]) {
        const error = errorOf(await server.request(MembersDocument, { first }, { token: admin.token }));
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      }
      const { members: none } = dataOf(await server.request(MembersDocument, { first: 0 }, { token: admin.token }));
      expect(none.edges).toEqual([]);
      expect(none.pageInfo).toEqual({ hasNextPage: true, endCursor: null });
    });

    it('refuses a cursor it did not give out with BAD_USER_INPUT on after', async () => {
      const error = errorOf(await server.request(MembersDocument, { after: '%%%not-a-cursor' }, { token: admin.token }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('searches login ids and names, case-insensitively, and filters by gender', async () => {
      const striker = await signUpMember(server, { loginId: uniqueLoginId('striker'), name: 'Son Heungmin', gender: 'MALE' });
      const keeper = await signUpMember(server, { name: 'Ji Soyun', gender: 'FEMALE' });

      const byLoginId = dataOf(await server.request(MembersDocument, { search: 'STRIKER' }, { token: admin.token }));
      expect(byLoginId.members.edges.map((e) => e.node.id)).toEqual([striker.id]);
      expect(byLoginId.members.totalCount).toBe(1);

      const byName = dataOf(await server.request(MembersDocument, { search: 'soyun' }, { token: admin.token }));
      expect(byName.members.edges.map((e) => e.node.id)).toEqual([keeper.id]);

      const women = dataOf(await server.request(MembersDocument, { gender: 'FEMALE', first: 100 }, { token: admin.token }));
      expect(women.members.edges.every((e) => e.node.gender === 'FEMALE')).toBe(true);
      expect(women.members.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([keeper.id, other.id]));
      expect(women.members.totalCount).toBe(women.members.edges.length);
    });

    it('treats % and _ in a search as plain characters', async () => {
      for (const search of ['%', '_']) {
        const { members: found } = dataOf(await server.request(MembersDocument, { search }, { token: admin.token }));
        expect(found.edges.filter((e) => !e.node.loginId.includes(search) && !e.node.name.includes(search))).toEqual([]);
      }
    });

    it('refuses an overlong search with BAD_USER_INPUT on search', async () => {
      const error = errorOf(await server.request(MembersDocument, { search: 's'.repeat(101) }, { token: admin.token }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    });
  });

  describe('setRole (admins only)', () => {
    it('promotes a member, whose new rights apply at once', async () => {
      const promoted = await signUpMember(server);
      expect(errorOf(await server.request(MembersDocument, {}, { token: promoted.token })).extensions?.code).toBe('FORBIDDEN');
      const { setRole } = dataOf(await server.request(SetRoleDocument, { memberId: promoted.id, role: 'ADMIN' }, { token: admin.token }));
      expect(setRole).toMatchObject({ id: promoted.id, role: 'ADMIN' });
      dataOf(await server.request(MembersDocument, {}, { token: promoted.token }));
    });

    it('answers FORBIDDEN to a member, UNAUTHENTICATED to the anonymous, and changes nothing', async () => {
      const response = await server.request(SetRoleDocument, { memberId: member.id, role: 'ADMIN' }, { token: member.token });
      expect(errorOf(response).extensions?.code).toBe('FORBIDDEN');
      expect(errorOf(await server.request(SetRoleDocument, { memberId: member.id, role: 'ADMIN' })).extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
      const { me } = dataOf(await server.request(MeDocument, {}, { token: member.token }));
      expect(me.role).toBe('MEMBER');
    });

    it('answers NOT_FOUND for an unknown member', async () => {
      const response = await server.request(SetRoleDocument, { memberId: 'no-such-member', role: 'ADMIN' }, { token: admin.token });
      expect(errorOf(response).extensions?.code).toBe('NOT_FOUND');
    });

    it('never demotes the last admin, even when the last two demote each other at once', async () => {
      await server.app.database.prisma.member.updateMany({ where: { role: 'ADMIN', NOT: { id: admin.id } }, data: { role: 'MEMBER' } });
      const second = await signUpAdmin(server);
      const [a, b] = await Promise.all([
        server.request(SetRoleDocument, { memberId: second.id, role: 'MEMBER' }, { token: admin.token }),
        server.request(SetRoleDocument, { memberId: admin.id, role: 'MEMBER' }, { token: second.token }),
      ]);
      const outcomes = [a, b].map((r) => (r.errors ? errorOf(r).extensions?.code : 'OK'));
      // The loser is refused either way: as the last admin, or, if the winner committed first, as no admin at all.
      expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
      expect(['BAD_USER_INPUT', 'FORBIDDEN']).toContain(outcomes.find((o) => o !== 'OK'));
      expect(await server.app.database.prisma.member.count({ where: { role: 'ADMIN' } })).toBe(1);

      const [lastAdmin] = await server.app.database.prisma.member.findMany({ where: { role: 'ADMIN' } });
      const token = lastAdmin.id === admin.id ? admin.token : second.token;
      const error = errorOf(await server.request(SetRoleDocument, { memberId: lastAdmin.id, role: 'MEMBER' }, { token }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
    });
  });
});
