import { dataOf, errorOf } from '../support/graphql-client';
import { MeDocument, SignUpDocument, type SignUpInput } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';
import { signUpMember, uniqueLoginId } from '../members/member-fixtures';

function validInput(overrides: Partial<SignUpInput> = {}): SignUpInput {
  return {
    loginId: uniqueLoginId(),
    password: 'correct horse battery',
    name: 'Kim Minjun',
    phone: '010-1234-5678',
    gender: 'MALE',
    ...overrides,
  };
}

describe('signUp', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('creates a member and answers with a token that signs them in', async () => {
    const input = validInput({ loginId: `Kim.${uniqueLoginId()}`.slice(0, 32), name: '  Kim Minjun  ' });
    const { signUp } = dataOf(await server.request(SignUpDocument, { input }));

    expect(signUp.member).toMatchObject({
      loginId: input.loginId.toLowerCase(),
      name: 'Kim Minjun',
      phone: '010-1234-5678',
      gender: 'MALE',
      role: 'MEMBER',
    });
    expect(new Date(signUp.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const { me } = dataOf(await server.request(MeDocument, {}, { token: signUp.token }));
    expect(me.id).toBe(signUp.member.id);
  });

  it('stores no password, only an argon2id hash', async () => {
    const member = await signUpMember(server);
    const row = await server.app.database.prisma.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(member.password);
  });

  it.each([
    ['loginId', { loginId: 'abc' }],
    ['loginId', { loginId: 'x'.repeat(33) }],
    ['loginId', { loginId: 'x:ADMIN' }],
    ['loginId', { loginId: 'has space' }],
    ['loginId', { loginId: 'ünïcode' }],
    ['password', { password: 'short' }],
    ['password', { password: 'p'.repeat(129) }],
    ['name', { name: '   ' }],
    ['name', { name: 'n'.repeat(51) }],
    ['name', { name: 'tab\there' }],
    ['phone', { phone: '12345678' }],
    ['phone', { phone: '1234567890123456' }],
    ['phone', { phone: '010 1234 5678' }],
    ['phone', { phone: '010-1234-567a' }],
    ['phone', { phone: '++82-10-1234-5678' }],
  ] as const)('refuses a bad %s (%j) with BAD_USER_INPUT naming the field, and saves nothing', async (field, bad) => {
    const input = validInput(bad as Partial<SignUpInput>);
    const error = errorOf(await server.request(SignUpDocument, { input }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const saved = await server.app.database.prisma.member.count({ where: { loginId: input.loginId.toLowerCase() } });
    expect(saved).toBe(0);
  });

  it('accepts the edges of every range', async () => {
    for (const input of [
      validInput({ loginId: `a.${Math.random().toString(36).slice(2, 4)}`, password: '12345678', phone: '+82-10-1234-5678' }),
      validInput({ password: 'p'.repeat(128), name: 'n'.repeat(50), phone: '123456789' }),
      validInput({ name: '김민준', phone: '123456789012345', gender: 'FEMALE' }),
    ]) {
      dataOf(await server.request(SignUpDocument, { input }));
    }
  });

  it('refuses a taken login id, whatever its case, with LOGIN_ID_TAKEN', async () => {
    const first = await signUpMember(server);
    const error = errorOf(await server.request(SignUpDocument, { input: validInput({ loginId: first.loginId.toUpperCase() }) }));
    expect(error.extensions?.code).toBe('LOGIN_ID_TAKEN');
    expect(error.message).not.toMatch(/prisma|constraint|unique|sql/i);
  });
});

describe('a server with SIGNUP_CODE', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { SIGNUP_CODE: 'kickoff-2026' } });
  });
  afterAll(() => server.stop());

  it.each([
    ['no join code', undefined],
    ['a wrong join code', 'kickoff-2025'],
    ['an empty join code', ''],
  ])('refuses %s with INVALID_JOIN_CODE', async (_case, joinCode) => {
    const input = validInput({ joinCode });
    const error = errorOf(await server.request(SignUpDocument, { input }));
    expect(error.extensions?.code).toBe('INVALID_JOIN_CODE');
    expect(await server.app.database.prisma.member.count({ where: { loginId: input.loginId } })).toBe(0);
  });

  it('accepts the right join code', async () => {
    const { signUp } = dataOf(await server.request(SignUpDocument, { input: validInput({ joinCode: 'kickoff-2026' }) }));
    expect(signUp.member.role).toBe('MEMBER');
  });
});

describe('racing sign-ups over HTTP against PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('lets exactly one of 50 concurrent sign-ups for one login id win; the rest get LOGIN_ID_TAKEN', async () => {
    const loginId = uniqueLoginId('race');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => server.request(SignUpDocument, { input: validInput({ loginId, name: `Racer ${i}` }) })),
    );
    const winners = responses.filter((r) => r.data?.signUp);
    const codes = responses.filter((r) => r.errors).map((r) => errorOf(r).extensions?.code);
    expect(winners).toHaveLength(1);
    expect(codes).toHaveLength(49);
    expect(new Set(codes)).toEqual(new Set(['LOGIN_ID_TAKEN']));
    expect(await server.app.database.prisma.member.count({ where: { loginId } })).toBe(1);
  });
});
