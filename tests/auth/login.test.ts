import * as passwords from '../../src/auth/passwords';
import { MINUTE } from '../support/clock';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf, errorOf } from '../support/graphql-client';
import { LoginDocument, MeDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';
import { signUpMember, uniqueLoginId } from '../members/member-fixtures';

describe('login', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());
  afterEach(() => jest.restoreAllMocks());

  it('answers a token and the member, for the login id in any case', async () => {
    const member = await signUpMember(server);
    const { login } = dataOf(
      await server.request(LoginDocument, { loginId: member.loginId.toUpperCase(), password: member.password }),
    );
    expect(login.member).toMatchObject({ id: member.id, loginId: member.loginId, phone: '010-1234-5678' });
    const { me } = dataOf(await server.request(MeDocument, {}, { token: login.token }));
    expect(me.id).toBe(member.id);
  });

  it('answers INVALID_CREDENTIALS alike for a wrong password and an unknown login id', async () => {
    const member = await signUpMember(server);
    const wrongPassword = errorOf(await server.request(LoginDocument, { loginId: member.loginId, password: 'wrong password' }));
    const unknownId = errorOf(await server.request(LoginDocument, { loginId: uniqueLoginId('ghost'), password: 'wrong password' }));
    expect(wrongPassword.extensions).toEqual({ code: 'INVALID_CREDENTIALS' });
    expect(unknownId).toEqual({ ...wrongPassword, path: ['login'] });
    expect(unknownId.message).toBe(wrongPassword.message);
  });

  it('spends a password hash for an unknown login id too, so timing does not tell which ids exist', async () => {
    const verify = jest.spyOn(passwords, 'verifyPassword');
    errorOf(await server.request(LoginDocument, { loginId: uniqueLoginId('ghost'), password: 'some password' }));
    expect(verify).toHaveBeenCalledTimes(1);
    const [decoy] = verify.mock.calls[0];
    expect(decoy).toMatch(/^\$argon2id\$/);
    expect(await server.app.database.prisma.member.count({ where: { passwordHash: decoy } })).toBe(0);
  });

  it('answers INVALID_CREDENTIALS to a malformed login id or an overlong password', async () => {
    const member = await signUpMember(server);
    expect(errorOf(await server.request(LoginDocument, { loginId: 'x:ADMIN', password: 'whatever1' })).extensions?.code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect(
      errorOf(await server.request(LoginDocument, { loginId: member.loginId, password: 'p'.repeat(10_000) })).extensions?.code,
    ).toBe('INVALID_CREDENTIALS');
  });

  describe('throttling', () => {
    async function failLogins(loginId: string, times: number) {
      for (let i = 0; i < times; i++) {
        const error = errorOf(await server.request(LoginDocument, { loginId, password: 'wrong password' }));
        expect(error.extensions?.code).toBe('INVALID_CREDENTIALS');
      }
    }

    it('refuses every attempt after 5 failures in 15 minutes with TOO_MANY_ATTEMPTS, even the right password, without hashing', async () => {
      const member = await signUpMember(server);
      await failLogins(member.loginId, 5);

      const verify = jest.spyOn(passwords, 'verifyPassword');
      const error = errorOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
      expect(error.extensions?.code).toBe('TOO_MANY_ATTEMPTS');
      expect(error.extensions?.retryAfterSeconds).toBe(15 * 60);
      expect(verify).not.toHaveBeenCalled();
    });

    it('counts retryAfterSeconds down and lets the member in once the window has passed', async () => {
      const member = await signUpMember(server);
      await failLogins(member.loginId, 5);
      server.clock.advance(10 * MINUTE);
      const error = errorOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
      expect(error.extensions?.retryAfterSeconds).toBe(5 * 60);

      // Refused attempts do not extend the lock-out.
      server.clock.advance(5 * MINUTE);
      dataOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
    });

    it('throttles unknown login ids too', async () => {
      const ghost = uniqueLoginId('ghost');
      await failLogins(ghost, 5);
      expect(errorOf(await server.request(LoginDocument, { loginId: ghost, password: 'wrong password' })).extensions?.code).toBe(
        'TOO_MANY_ATTEMPTS',
      );
    });

    it('counts only failures since the last successful login', async () => {
      const member = await signUpMember(server);
      await failLogins(member.loginId, 4);
      server.clock.advance(1000);
      dataOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
      server.clock.advance(1000);
      await failLogins(member.loginId, 4);
      dataOf(await server.request(LoginDocument, { loginId: member.loginId, password: member.password }));
    });

    it('throttles one login id without touching another', async () => {
      const [locked, other] = [await signUpMember(server), await signUpMember(server)];
      await failLogins(locked.loginId, 5);
      dataOf(await server.request(LoginDocument, { loginId: other.loginId, password: other.password }));
    });
  });
});

describe('login throttling across two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let first: TestServer;
  let second: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestServer({ database });
    second = await startTestServer({ database, clock: first.clock });
  });
  afterAll(async () => {
    await Promise.all([first.stop(), second.stop()]);
    await database.drop();
  });

  it('counts failures made on either instance', async () => {
    const member = await signUpMember(first);
    for (const server of [first, second, first, second, first]) {
      errorOf(await server.request(LoginDocument, { loginId: member.loginId, password: 'wrong password' }));
    }
    const error = errorOf(await second.request(LoginDocument, { loginId: member.loginId, password: member.password }));
    expect(error.extensions?.code).toBe('TOO_MANY_ATTEMPTS');
  });
});
