import jwt from 'jsonwebtoken';
import { HOUR } from '../support/clock';

import { dataOf, errorOf } from '../support/graphql-client';
import { LoginDocument, MeDocument, MembersDocument, SetRoleDocument } from '../support/operations.generated';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/test-server';
import { signUpAdmin, signUpMember } from '../members/member-fixtures';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokens', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  async function meCode(token: string) {
    return errorOf(await server.request(MeDocument, {}, { token })).extensions?.code;
  }

  it('is an HS256 JWT with sub, ver, iss, aud, iat and exp, expiring after JWT_TTL (12 h)', async () => {
    const member = await signUpMember(server);
    const { login } = dataOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
    const decoded = jwt.decode(login.token, { complete: true })!;
    expect(decoded.header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const payload = decoded.payload as jwt.JwtPayload;
    expect(payload).toMatchObject({ sub: member.id, iss: 'pitchside', aud: 'pitchside-api', ver: 0 });
    expect(payload.exp! - payload.iat!).toBe(12 * 3600);
    expect(new Date(login.expiresAt).getTime()).toBe(payload.exp! * 1000);
  });

  it("carries the member's token version (ver); a token from before versions existed counts as version 0", async () => {
    const member = await signUpMember(server);
    expect((jwt.decode(member.token) as jwt.JwtPayload).ver).toBe(0);
    const now = Math.floor(server.clock.now().getTime() / 1000);
    const unversioned = jwt.sign({ sub: member.id, iat: now, exp: now + 3600 }, TEST_JWT_SECRET, { issuer: 'pitchside', audience: 'pitchside-api' });
    expect(dataOf(await server.request(MeDocument, {}, { token: unversioned })).me.id).toBe(member.id);
    const ahead = jwt.sign({ sub: member.id, ver: 1, iat: now, exp: now + 3600 }, TEST_JWT_SECRET, { issuer: 'pitchside', audience: 'pitchside-api' });
    expect(await meCode(ahead)).toBe('UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED once the token has expired', async () => {
    const member = await signUpMember(server);
    dataOf(await server.request(MeDocument, {}, { token: member.token }));
    server.clock.advance(12 * HOUR + 1000);
    expect(await meCode(member.token)).toBe('UNAUTHENTICATED');
  });

  it('refuses a token it verified before from the second its expiry comes, as on first sight', async () => {
    const member = await signUpMember(server);
    const { exp } = jwt.decode(member.token) as jwt.JwtPayload;
    dataOf(await server.request(MeDocument, {}, { token: member.token }));
    server.clock.set(new Date((exp! - 1) * 1000));
    dataOf(await server.request(MeDocument, {}, { token: member.token }));
    server.clock.set(new Date(exp! * 1000));
    expect(await meCode(member.token)).toBe('UNAUTHENTICATED');
  });

  describe('refuses with UNAUTHENTICATED', () => {
    let memberId: string;
    beforeAll(async () => {
      memberId = (await signUpMember(server)).id;
    });
    const now = () => Math.floor(server.clock.now().getTime() / 1000);
    const claims = () => ({ sub: memberId, iss: 'pitchside', aud: 'pitchside-api', iat: now(), exp: now() + 3600 });

    it('a token signed with another secret', async () => {
      expect(await meCode(jwt.sign(claims(), 'another-secret-that-is-also-32-bytes-long'))).toBe('UNAUTHENTICATED');
    });

    it('an unsigned token (alg: none)', async () => {
      expect(await meCode(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`)).toBe('UNAUTHENTICATED');
    });

    it('a token signed with the right secret but another algorithm (HS512)', async () => {
      expect(await meCode(jwt.sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS512' }))).toBe('UNAUTHENTICATED');
    });

    it('a token for another audience', async () => {
      expect(await meCode(jwt.sign({ ...claims(), aud: 'another-api' }, TEST_JWT_SECRET))).toBe('UNAUTHENTICATED');
    });

    it('a token from another issuer', async () => {
      expect(await meCode(jwt.sign({ ...claims(), iss: 'someone-else' }, TEST_JWT_SECRET))).toBe('UNAUTHENTICATED');
    });

    it('a token without an expiry', async () => {
      const { exp: _exp, ...withoutExpiry } = claims();
      expect(await meCode(jwt.sign(withoutExpiry, TEST_JWT_SECRET))).toBe('UNAUTHENTICATED');
    });

    it('a token whose payload was altered after signing', async () => {
      const [header, , signature] = jwt.sign(claims(), TEST_JWT_SECRET).split('.');
      expect(await meCode(`${header}.${base64url({ ...claims(), sub: 'someone-else' })}.${signature}`)).toBe('UNAUTHENTICATED');
    });

    it.each(['not-a-jwt', 'a.b.c', '', 'Bearer'])('a malformed token (%j)', async (token) => {
      const response = await server.request(MeDocument, {}, { headers: { authorization: `Bearer ${token}` } });
      expect(errorOf(response).extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('a valid token of a member who no longer exists', async () => {
      const member = await signUpMember(server);
      await server.app.database.prisma.member.delete({ where: { id: member.id } });
      expect(await meCode(member.token)).toBe('UNAUTHENTICATED');
    });
  });

  it('reads the role from the database on every request: a demoted admin loses admin rights at once', async () => {
    const [keeper, demoted] = [await signUpAdmin(server), await signUpAdmin(server)];
    dataOf(await server.request(MembersDocument, { first: 1 }, { token: demoted.token }));
    dataOf(await server.request(SetRoleDocument, { memberId: demoted.id, role: 'MEMBER' }, { token: keeper.token }));
    const error = errorOf(await server.request(MembersDocument, { first: 1 }, { token: demoted.token }));
    expect(error.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets signUp and login work with a bad token in the header', async () => {
    const member = await signUpMember(server);
    const response = await server.request(
      LoginDocument,
      { loginId: member.loginId, password: member.password },
      { token: 'expired-or-garbage' },
    );
    expect(dataOf(response).login.member.id).toBe(member.id);
  });
});
