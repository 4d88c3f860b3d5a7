import { createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpInput, signUpMember, uniqueLoginId, type SignedUpMember } from '../members/member-fixtures';
import { HOUR } from '../support/clock';
import { createTestDatabase } from '../support/databases';
import { dataOf, errorOf, type GraphQLResponse } from '../support/graphql-client';
import {
  AddParticipantsDocument,
  ChangePasswordDocument,
  CreateCalendarFeedDocument,
  CreatePasswordResetDocument,
  EligibleMembersDocument,
  EraseMemberDocument,
  ImportMembersDocument,
  IssuePenaltyDocument,
  LoginDocument,
  MeDocument,
  MemberPenaltiesDocument,
  MembersByStatusDocument,
  ResetPasswordDocument,
  SetMemberStatusDocument,
  SignUpDocument,
  UpdateMeDocument,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';

const codeOf = (response: GraphQLResponse<unknown>) => errorOf(response).extensions?.code;

describe('the account lifecycle', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  beforeEach(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
  });
  afterEach(() => server.stop());

  const me = (token: string) => server.request(MeDocument, {}, { token });
  const login = (loginId: string, password: string) => server.request(LoginDocument, { loginId, password });
  const createReset = (memberId: string, token = admin.token) => server.request(CreatePasswordResetDocument, { memberId }, { token });
  const reset = (loginId: string, code: string, newPassword = 'a brand new password') =>
    server.request(ResetPasswordDocument, { loginId, code, newPassword });
  const setStatus = (memberId: string, status: 'ACTIVE' | 'INACTIVE', token = admin.token) =>
    server.request(SetMemberStatusDocument, { memberId, status, reason: 'left after the spring term' }, { token });

  describe('changePassword', () => {
    it('takes the current password, ends every earlier token and answers a fresh one', async () => {
      const member = await signUpMember(server);
      const second = dataOf(await login(member.loginId, member.password)).login.token;
      const changed = dataOf(await server.request(ChangePasswordDocument, { currentPassword: member.password, newPassword: 'a second secret' }, { token: member.token }));
      expect(codeOf(await me(member.token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await me(second))).toBe('UNAUTHENTICATED');
      expect(dataOf(await me(changed.changePassword.token)).me.id).toBe(member.id);
      expect(codeOf(await login(member.loginId, member.password))).toBe('INVALID_CREDENTIALS');
      expect(dataOf(await login(member.loginId, 'a second secret')).login.member.id).toBe(member.id);
    });

    it('refuses a wrong current password (counted as a failed login) and a new one the sign-up rule refuses', async () => {
      const member = await signUpMember(server);
      const change = (currentPassword: string, newPassword = 'a second secret') =>
        server.request(ChangePasswordDocument, { currentPassword, newPassword }, { token: member.token });
      expect(errorOf(await change(member.password, 'short')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      for (let i = 0; i < 5; i++) expect(codeOf(await change('not my password'))).toBe('INVALID_CREDENTIALS');
      expect(codeOf(await login(member.loginId, member.password))).toBe('TOO_MANY_ATTEMPTS');
      expect(codeOf(await server.request(ChangePasswordDocument, { currentPassword: 'x', newPassword: 'a second secret' }))).toBe('UNAUTHENTICATED');
    });

    it('costs no query more per request: the version is checked against the viewer read every request made already', async () => {
      const member = await signUpMember(server);
      const before = server.app.database.stats.queries;
      dataOf(await me(member.token));
      expect(server.app.database.stats.queries - before).toBe(1);
    });

    it('racing requests with the old token: every request after the change answered is refused', async () => {
      const member = await signUpMember(server);
      const during = Array.from({ length: 10 }, () => me(member.token));
      const changed = await server.request(ChangePasswordDocument, { currentPassword: member.password, newPassword: 'a second secret' }, { token: member.token });
      dataOf(changed);
      // Those that began before it are answered either way, each with the member or UNAUTHENTICATED, never anything else.
      for (const answer of await Promise.all(during)) expect(answer.data?.me?.id ?? answer.errors?.[0].extensions?.code).toMatch(new RegExp(`^(${member.id}|UNAUTHENTICATED)$`));
      const after = await Promise.all(Array.from({ length: 10 }, () => me(member.token)));
      expect(after.map(codeOf)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    });
  });

  it('updateMe changes the caller\'s name and phone, validated as at sign-up', async () => {
    const member = await signUpMember(server);
    const updated = dataOf(await server.request(UpdateMeDocument, { input: { name: '  김민재 ', phone: '+82-10-9876-5432' } }, { token: member.token })).updateMe;
    expect(updated).toMatchObject({ id: member.id, name: '김민재', phone: '+82-10-9876-5432' });
    expect(dataOf(await server.request(UpdateMeDocument, { input: { phone: '010-1111-2222' } }, { token: member.token })).updateMe.name).toBe('김민재');
    expect(errorOf(await server.request(UpdateMeDocument, { input: { name: '' } }, { token: member.token })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(errorOf(await server.request(UpdateMeDocument, { input: { phone: '12' } }, { token: member.token })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
  });

  describe('password reset codes', () => {
    it('an admin issues a readable one-time code, kept only as a hash; it sets a new password and ends every token', async () => {
      const member = await signUpMember(server);
      const issued = dataOf(await createReset(member.id)).createPasswordReset;
      expect(issued.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      expect(new Date(issued.expiresAt).getTime() - server.clock.now().getTime()).toBe(24 * HOUR);
      expect(issued.member).toMatchObject({ id: member.id, loginId: member.loginId, status: 'ACTIVE' });
      const stored = await server.app.database.prisma.passwordReset.findUniqueOrThrow({ where: { memberId: member.id } });
      expect(stored.codeHash).not.toContain(issued.code.replace(/-/g, ''));

      // Typed as a person might: lower case, without the dashes.
      const session = dataOf(await reset(member.loginId.toUpperCase(), issued.code.toLowerCase().replace(/-/g, ''))).resetPassword;
      expect(session.member.id).toBe(member.id);
      expect(codeOf(await me(member.token))).toBe('UNAUTHENTICATED');
      expect(dataOf(await me(session.token)).me.id).toBe(member.id);
      expect(dataOf(await login(member.loginId, 'a brand new password')).login.member.id).toBe(member.id);
      expect(codeOf(await reset(member.loginId, issued.code))).toBe('INVALID_RESET_CODE');
    });

    it('answers INVALID_RESET_CODE alike for an unknown login id, a wrong, replaced or expired code; then TOO_MANY_ATTEMPTS', async () => {
      const member = await signUpMember(server);
      const first = dataOf(await createReset(member.id)).createPasswordReset.code;
      const second = dataOf(await createReset(member.id)).createPasswordReset.code;
      expect(codeOf(await reset(uniqueLoginId(), second))).toBe('INVALID_RESET_CODE');
      expect(codeOf(await reset(member.loginId, first))).toBe('INVALID_RESET_CODE');
      expect(codeOf(await reset(member.loginId, 'ABCD-EFGH-JKMN'))).toBe('INVALID_RESET_CODE');
      expect(errorOf(await reset(member.loginId, second, 'short')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
      server.clock.advance(24 * HOUR + 1000);
      expect(codeOf(await reset(member.loginId, second))).toBe('INVALID_RESET_CODE');
      const third = dataOf(await createReset(member.id, dataOf(await login(admin.loginId, admin.password)).login.token)).createPasswordReset.code;
      // The expired code was the first failure of this 15-minute window; four more make five.
      for (let i = 0; i < 4; i++) expect(codeOf(await reset(member.loginId, 'WRONG-CODE-XXXX'))).toBe('INVALID_RESET_CODE');
      expect(codeOf(await reset(member.loginId, third))).toBe('TOO_MANY_ATTEMPTS');
    });

    it('used twice at once: one use wins, the other is INVALID_RESET_CODE', async () => {
      const member = await signUpMember(server);
      const { code } = dataOf(await createReset(member.id)).createPasswordReset;
      const answers = await Promise.all([reset(member.loginId, code, 'first new password'), reset(member.loginId, code, 'second new password')]);
      expect(answers.filter((answer) => answer.data?.resetPassword)).toHaveLength(1);
      expect(answers.filter((answer) => answer.errors?.[0].extensions?.code === 'INVALID_RESET_CODE')).toHaveLength(1);
      const winner = answers.findIndex((answer) => answer.data?.resetPassword);
      expect(dataOf(await login(member.loginId, winner === 0 ? 'first new password' : 'second new password')).login.member.id).toBe(member.id);
    });

    it('is for admins, about members that exist and are ACTIVE', async () => {
      const member = await signUpMember(server);
      expect(codeOf(await createReset(member.id, member.token))).toBe('FORBIDDEN');
      expect(codeOf(await createReset('no-such-member'))).toBe('NOT_FOUND');
      dataOf(await setStatus(member.id, 'INACTIVE'));
      expect(codeOf(await createReset(member.id))).toBe('MEMBER_INACTIVE');
    });
  });

  describe('INACTIVE members', () => {
    it('lose their tokens and sign-in, are not offered for events, keep their history, and come back', async () => {
      const member = await signUpMember(server);
      const { code } = dataOf(await createReset(member.id)).createPasswordReset;
      dataOf(await server.request(IssuePenaltyDocument, { memberId: member.id, points: 2, note: 'late kit' }, { token: admin.token }));
      const event = await createEvent(server, admin.token);

      expect(dataOf(await setStatus(member.id, 'INACTIVE')).setMemberStatus.status).toBe('INACTIVE');
      expect(codeOf(await me(member.token))).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(member.loginId, member.password))).toBe('ACCOUNT_INACTIVE');
      expect(codeOf(await login(member.loginId, 'not the password'))).toBe('INVALID_CREDENTIALS');
      // A wrong code tells nothing of the account; the right one tells it is INACTIVE, and stays usable.
      expect(codeOf(await reset(member.loginId, 'ABCD-EFGH-JKMN'))).toBe('INVALID_RESET_CODE');
      expect(codeOf(await reset(member.loginId, code))).toBe('ACCOUNT_INACTIVE');
      expect(codeOf(await reset(member.loginId, code))).toBe('ACCOUNT_INACTIVE');
      const eligible = dataOf(await server.request(EligibleMembersDocument, { eventId: event.id }, { token: admin.token })).eligibleMembers;
      expect(eligible.map((m) => m.id)).not.toContain(member.id);
      const added = await server.request(AddParticipantsDocument, { eventId: event.id, memberIds: [member.id] }, { token: admin.token });
      expect(errorOf(added).extensions).toMatchObject({ code: 'MEMBER_INACTIVE', memberIds: [member.id] });
      const penalties = dataOf(await server.request(MemberPenaltiesDocument, { id: member.id }, { token: admin.token })).member!;
      expect(penalties.penaltyPoints).toBe(2);
      const inactive = dataOf(await server.request(MembersByStatusDocument, { status: 'INACTIVE' }, { token: admin.token })).members;
      expect(inactive.edges.map((edge) => edge.node.id)).toEqual([member.id]);

      dataOf(await setStatus(member.id, 'ACTIVE'));
      expect(codeOf(await me(member.token))).toBe('UNAUTHENTICATED');
      expect(dataOf(await login(member.loginId, member.password)).login.member.id).toBe(member.id);
    });

    it('the last active admin cannot be made INACTIVE, even by two admins at once', async () => {
      expect(errorOf(await setStatus(admin.id, 'INACTIVE')).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
      const other = await signUpAdmin(server);
      const answers = await Promise.all([setStatus(other.id, 'INACTIVE', admin.token), setStatus(admin.id, 'INACTIVE', other.token)]);
      expect(answers.filter((answer) => answer.data?.setMemberStatus)).toHaveLength(1);
      // The other is refused: the last active admin, or (had the first committed before it began) no longer signed in.
      expect(answers.filter((answer) => ['BAD_USER_INPUT', 'UNAUTHENTICATED'].includes(String(answer.errors?.[0].extensions?.code)))).toHaveLength(1);
      expect(await server.app.database.prisma.member.count({ where: { role: 'ADMIN', status: 'ACTIVE' } })).toBe(1);
    });
  });

  describe('eraseMember', () => {
    it('erases an INACTIVE member\'s personal data for good and keeps the club\'s figures', async () => {
      const member = await signUpMember(server);
      dataOf(await server.request(CreateCalendarFeedDocument, {}, { token: member.token }));
      dataOf(await server.request(IssuePenaltyDocument, { memberId: member.id, points: 2, note: 'late kit' }, { token: admin.token }));
      expect(errorOf(await server.request(EraseMemberDocument, { memberId: member.id }, { token: admin.token })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'memberId',
      });
      dataOf(await setStatus(member.id, 'INACTIVE'));
      const erased = dataOf(await server.request(EraseMemberDocument, { memberId: member.id }, { token: admin.token })).eraseMember;
      expect(erased).toMatchObject({ id: member.id, name: 'Former member', phone: null, status: 'INACTIVE' });
      expect(erased.loginId).not.toBe(member.loginId);
      const row = await server.app.database.prisma.member.findUniqueOrThrow({ where: { id: member.id } });
      expect(row).toMatchObject({ phone: null, calendarTokenHash: null });
      expect(codeOf(await login(erased.loginId, member.password))).toBe('INVALID_CREDENTIALS');
      expect(dataOf(await server.request(MemberPenaltiesDocument, { id: member.id }, { token: admin.token })).member!.penaltyPoints).toBe(2);
      // The old login id is free again.
      expect(dataOf(await server.request(SignUpDocument, { input: signUpInput({ loginId: member.loginId }) })).signUp.member.loginId).toBe(member.loginId);
      expect(codeOf(await server.request(EraseMemberDocument, { memberId: 'no-such-member' }, { token: admin.token }))).toBe('NOT_FOUND');
    });
  });

  describe('importMembers', () => {
    const row = (overrides: Record<string, unknown> = {}) => ({ loginId: uniqueLoginId('roster'), name: '박지성', phone: '010-2000-3000', gender: 'MALE' as const, ...overrides });
    const importRows = (rows: ReturnType<typeof row>[]) => server.request(ImportMembersDocument, { rows }, { token: admin.token });

    it('adds a roster in one go, each new member with a reset code in the rows\' order', async () => {
      const rows = [row(), row({ gender: 'FEMALE', name: '지소연' }), row({ role: 'ADMIN' })];
      const created = dataOf(await importRows(rows)).importMembers.created;
      expect(created.map((c) => c.member.loginId)).toEqual(rows.map((r) => r.loginId));
      const session = dataOf(await reset(rows[1].loginId, created[1].code, 'her own password')).resetPassword;
      expect(session.member).toMatchObject({ name: '지소연', gender: 'FEMALE', role: 'MEMBER' });
      // No password works until the member sets one with their code.
      expect(codeOf(await login(rows[2].loginId, 'anything at all'))).toBe('INVALID_CREDENTIALS');
      expect(dataOf(await reset(rows[2].loginId, created[2].code, 'captain password')).resetPassword.member.role).toBe('ADMIN');
    });

    it('all or none: a bad row, a login id twice or taken, or over 500 rows saves nothing and names the row', async () => {
      const taken = await signUpMember(server);
      const before = await server.app.database.prisma.member.count();
      const duplicate = row();
      expect(errorOf(await importRows([row(), row({ phone: 'nope' })])).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone', row: 1 });
      expect(errorOf(await importRows([row({ loginId: 'X' })])).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'loginId', row: 0 });
      expect(errorOf(await importRows([row(), duplicate, { ...duplicate }])).extensions).toMatchObject({ code: 'LOGIN_ID_TAKEN', field: 'loginId', row: 2 });
      expect(errorOf(await importRows([row(), row({ loginId: taken.loginId })])).extensions).toMatchObject({ code: 'LOGIN_ID_TAKEN', row: 1 });
      expect(errorOf(await importRows(Array.from({ length: 501 }, () => row()))).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows' });
      expect(await server.app.database.prisma.member.count()).toBe(before);
      expect(codeOf(await server.request(ImportMembersDocument, { rows: [row()] }, { token: taken.token }))).toBe('FORBIDDEN');
    });

    it('takes 500 rows', async () => {
      const created = dataOf(await importRows(Array.from({ length: 500 }, () => row()))).importMembers.created;
      expect(new Set(created.map((c) => c.code)).size).toBe(500);
    });
  });
});

describe('a password change on one instance', () => {
  // The other instance hears of the change by NOTIFY, which a starved machine can deliver after the
  // client's next request (README, "Speed and memory"); the instance itself refuses at once.
  it('ends the old token at once on its own instance and as soon as the other instance is told', async () => {
    const database = await createTestDatabase();
    const [a, b] = [await startTestServer({ database }), await startTestServer({ database })];
    try {
      const member = await signUpMember(a);
      expect(dataOf(await b.request(MeDocument, {}, { token: member.token })).me.id).toBe(member.id);
      dataOf(await a.request(ChangePasswordDocument, { currentPassword: member.password, newPassword: 'a second secret' }, { token: member.token }));
      expect(errorOf(await a.request(MeDocument, {}, { token: member.token })).extensions?.code).toBe('UNAUTHENTICATED');
      await waitFor(async () => (await b.request(MeDocument, {}, { token: member.token })).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED', 5_000);
    } finally {
      await a.stop();
      await b.stop();
      await database.drop();
    }
  });
});
