import { signUpInput, signUpMember, uniqueLoginId } from '../members/member-fixtures';
import { captureLogs } from '../support/log-capture';
import { createEmbeddedDataDir, type TestDatabase } from '../support/databases';
import { dataOf } from '../support/graphql-client';
import { graphqlRequest } from '../support/graphql-client';
import { logLinesOf, startServerProcess } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';

const SET_UP = `mutation SetUp($input: ClubSetupInput!) { setUpClub(input: $input) { token member { loginId role } } }`;
const SETTINGS = `{ clubSettings { name joinCode } }`;
const UPDATE_SETTINGS = `mutation Update($input: ClubSettingsInput!) { updateClubSettings(input: $input) { name joinCode } }`;
const CHECK = `query Check($rows: [MemberImportDraftRow!]!) { memberImportCheck(rows: $rows) { row problem field values { loginId phone gender role } } }`;
const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token } }`;

function setupInput(setupCode: string, overrides: Record<string, unknown> = {}) {
  return { setupCode, clubName: '한빛 FC', joinCode: 'hanbit-2027', loginId: uniqueLoginId('founder'), password: 'founder password 1', name: '박주장', phone: '010-5555-0001', gender: 'FEMALE', ...overrides };
}

const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

describe("a club's first hour (npm start on the embedded database)", () => {
  let dataDir: TestDatabase;
  beforeAll(async () => {
    dataDir = await createEmbeddedDataDir();
  });
  afterAll(() => dataDir.drop());

  it('logs a setup code at each start while there is no admin, and none once the code has made one', async () => {
    const env = { ...dataDir.env, GOOGLE_MAPS_API_KEY: 'unused' };
    const first = await startServerProcess(env);
    const firstCodes = logLinesOf(first.output()).filter((line) => typeof line.setupCode === 'string');
    expect(firstCodes).toHaveLength(1);
    expect(firstCodes[0].msg).toContain(`Setup code: ${firstCodes[0].setupCode}`);
    expect(await first.stop()).toBe(0);

    const second = await startServerProcess(env);
    try {
      const [{ setupCode }] = logLinesOf(second.output()).filter((line) => typeof line.setupCode === 'string');
      expect(setupCode).not.toBe(firstCodes[0].setupCode);
      const page = second.url.replace('/graphql', '/admin/setup');
      expect((await fetch(page)).status).toBe(200);
      const made = dataOf(await graphqlRequest<{ setUpClub: { member: { role: string } } }, unknown>(second.url, SET_UP, { input: setupInput(String(setupCode)) }));
      expect(made.setUpClub.member.role).toBe('ADMIN');
      expect((await fetch(page)).status).toBe(404);
      // The earlier start's code is spent too: the club is set up.
      expect(codeOf(await graphqlRequest(second.url, SET_UP, { input: setupInput(String(firstCodes[0].setupCode)) }))).toBe('INVALID_SETUP_CODE');
    } finally {
      expect(await second.stop()).toBe(0);
    }

    const third = await startServerProcess(env);
    expect(logLinesOf(third.output()).filter((line) => 'setupCode' in line)).toEqual([]);
    expect(await third.stop()).toBe(0);
  });
});

describe('club setup and settings over the API', () => {
  let server: TestServer;
  let setupCode: string;
  let admin: { token: string };

  beforeAll(async () => {
    const logs = captureLogs();
    server = await startTestServer({ logger: logs.logger, env: { SIGNUP_CODE: 'from-the-environment', CLUB_NAME: '환경 FC' } });
    setupCode = String(logs.lines().find((line) => typeof line.setupCode === 'string')!.setupCode);
  });
  afterAll(() => server.stop());

  it('keeps the code usable after a refusal for bad fields, and makes exactly one admin when two setups race', async () => {
    expect(codeOf(await server.request(SET_UP, { input: setupInput(setupCode, { phone: '12' }) }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.request(SET_UP, { input: setupInput(setupCode, { clubName: ' ' }) }))).toBe('BAD_USER_INPUT');
    expect(await server.app.database.prisma.member.count()).toBe(0);
    // Until setup, CLUB_NAME and SIGNUP_CODE apply.
    expect(await (await fetch(server.url.replace('/graphql', '/manifest.webmanifest'))).json()).toMatchObject({ name: '환경 FC' });
    dataOf(await server.request(SIGN_UP, { input: signUpInput({ joinCode: 'from-the-environment' }) }));

    const answers = await Promise.all([server.request(SET_UP, { input: setupInput(setupCode) }), server.request(SET_UP, { input: setupInput(setupCode) })]);
    expect(answers.map(codeOf).sort()).toEqual([undefined, 'INVALID_SETUP_CODE'].sort());
    expect(await server.app.database.prisma.member.count({ where: { role: 'ADMIN' } })).toBe(1);
    expect(await server.app.database.prisma.setupCode.count()).toBe(0);
    admin = (answers.find((answer) => !answer.errors)!.data as { setUpClub: { token: string } }).setUpClub;
  });

  it("takes the join code and name from the settings once set up, and lets admins change them", async () => {
    expect(codeOf(await server.request(SIGN_UP, { input: signUpInput({ joinCode: 'from-the-environment' }) }))).toBe('INVALID_JOIN_CODE');
    dataOf(await server.request(SIGN_UP, { input: signUpInput({ joinCode: 'hanbit-2027' }) }));
    expect(dataOf(await server.request(SETTINGS, {}, { token: admin.token }))).toEqual({ clubSettings: { name: '한빛 FC', joinCode: 'hanbit-2027' } });

    const member = await signUpMember(server, { joinCode: 'hanbit-2027' });
    expect(codeOf(await server.request(SETTINGS, {}, { token: member.token }))).toBe('FORBIDDEN');
    expect(codeOf(await server.request(UPDATE_SETTINGS, { input: { name: '', joinCode: null } }, { token: admin.token }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.request(UPDATE_SETTINGS, { input: { name: '새 이름', joinCode: 'has space' } }, { token: admin.token }))).toBe('BAD_USER_INPUT');
    dataOf(await server.request(UPDATE_SETTINGS, { input: { name: '새 이름 FC', joinCode: '' } }, { token: admin.token }));
    // No join code: anyone may sign up; the pages show the new name at once on this instance.
    dataOf(await server.request(SIGN_UP, { input: signUpInput() }));
    expect(await (await fetch(server.url.replace('/graphql', '/manifest.webmanifest'))).json()).toMatchObject({ name: '새 이름 FC' });
    expect(await (await fetch(server.url.replace('/graphql', '/'))).text()).toContain('<title>새 이름 FC</title>');
  });

  it("checks a roster's rows as importMembers would, each with its problem, saving nothing", async () => {
    const taken = await signUpMember(server);
    const rows = [
      { loginId: 'Check.One', name: '하나', phone: '010-3333-0001', gender: '여', role: '운영진' },
      { loginId: 'x', name: '둘', phone: '010-3333-0002', gender: 'MALE' },
      { loginId: 'check.three', name: ' ', phone: '010-3333-0003', gender: 'MALE' },
      { loginId: 'check.four', name: '넷', phone: '010-3333-0004', gender: '기타' },
      { loginId: 'check.five', name: '다섯', phone: '010-3333-0005', gender: 'F', role: 'captain' },
      { loginId: 'check.one', name: '여섯', phone: '010-3333-0006', gender: 'M' },
      { loginId: taken.loginId, name: '일곱', phone: '010-3333-0007', gender: 'M' },
    ];
    const { memberImportCheck } = dataOf(await server.request<{ memberImportCheck: { row: number; problem: string | null; field: string | null; values: unknown }[] }, unknown>(CHECK, { rows }, { token: admin.token }));
    expect(memberImportCheck.map(({ row, problem, field }) => [row, problem, field])).toEqual([
      [0, null, null],
      [1, 'BAD_LOGIN_ID', 'loginId'],
      [2, 'BAD_NAME', 'name'],
      [3, 'BAD_GENDER', 'gender'],
      [4, 'BAD_ROLE', 'role'],
      [5, 'DUPLICATE_LOGIN_ID', 'loginId'],
      [6, 'LOGIN_ID_TAKEN', 'loginId'],
    ]);
    expect(memberImportCheck[0].values).toMatchObject({ loginId: 'check.one', gender: 'FEMALE', role: 'ADMIN' });
    expect(await server.app.database.prisma.member.count({ where: { loginId: { startsWith: 'check.' } } })).toBe(0);
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ loginId: `many.${i}`, name: 'n', phone: '010-1111-2222', gender: 'M' }));
    expect(codeOf(await server.request(CHECK, { rows: tooMany }, { token: admin.token }))).toBe('BAD_USER_INPUT');
  });
});
