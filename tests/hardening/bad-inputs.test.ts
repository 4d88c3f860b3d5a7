import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { dataOf, type GraphQLResponse } from '../support/graphql-client';
import { IssuePenaltyDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

/** Hostile and malformed values for each kind of argument. */
const STRINGS: unknown[] = [
  '',
  '   ',
  'x'.repeat(100_000),
  'nul\u0000byte',
  'bell\u0007and\u001bescape',
  '\u202Ereversed',
  '😀'.repeat(300),
  "'; DROP TABLE members; --",
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  42,
  true,
  { nested: 'object' },
  ['a', 'list'],
  null,
];
const IDS: unknown[] = ['no-such-id', '', '../../etc/passwd', "' OR 1=1 --", 'x'.repeat(10_000), '\u0000', 123, -1, null, { id: 'x' }];
const INTS: unknown[] = [-1, 0, 2_147_483_648, -2_147_483_649, 1.5, 'NaN', 'Infinity', '1e309', null, '12'];
const FLOATS: unknown[] = [1e308, -1e308, 91, -181, 'NaN', 'Infinity', '-Infinity', null, 'abc', []];
const DATES: unknown[] = ['not a date', '2026-13-40T00:00:00Z', '2026-11-29T10:00:00', '', 1_764_378_000_000, '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', null];
const ENUMS: unknown[] = ['NOPE', 'male', '', 0, null];
const ID_LISTS: unknown[] = [[], ['no-such-id'], Array.from({ length: 300 }, (_, i) => `id-${i}`), 'not-a-list', [null], null];

type Kind = 'string' | 'id' | 'int' | 'float' | 'date' | 'enum' | 'ids';
const VALUES: Record<Kind, unknown[]> = { string: STRINGS, id: IDS, int: INTS, float: FLOATS, date: DATES, enum: ENUMS, ids: ID_LISTS };

interface Case {
  name: string;
  document: string;
  /** A valid value for every variable, built from the fixtures. */
  valid: () => Record<string, unknown>;
  /** The kind of each variable, and of each field of an input object (`input.title`). */
  kinds: Record<string, Kind>;
  caller: 'admin' | 'member' | 'anonymous';
}

/** Client-facing codes a bad input may get; anything else (above all INTERNAL_SERVER_ERROR) is a finding. */
const ACCEPTABLE = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'LOGIN_ID_TAKEN',
  'INVALID_CREDENTIALS',
  'AUDIENCE_MISMATCH',
  'NOT_A_PARTICIPANT',
  'CHECK_IN_NOT_OPEN',
  'CHECK_IN_CLOSED',
  'OUT_OF_RANGE',
  'LOCATION_TOO_INACCURATE',
  'ALREADY_CHECKED_IN',
  'PAYMENT_NOT_REQUIRED',
  'PAYMENT_ALREADY_REQUESTED',
  'ALREADY_PAID',
  'PAYMENT_NOT_REQUESTED',
  'ALREADY_REVOKED',
  'GEOCODING_UNAVAILABLE',
  'TOO_MANY_ATTEMPTS',
]);

describe('a battery of bad inputs against every mutation', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  let member: SignedUpMember;
  let eventId: string;
  let penaltyId: string;
  let tables: () => Promise<Record<string, number>>;
  const findings: string[] = [];
  let cases = 0;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpAdmin(server);
    member = await signUpMember(server);
    const event = await createEvent(server, admin.token, { startsInMinutes: 0 });
    eventId = event.id;
    await addParticipants(server, admin.token, eventId, [member.id]);
    penaltyId = dataOf(await server.request(IssuePenaltyDocument, { memberId: member.id, points: 1, note: 'battery' }, { token: admin.token })).issuePenalty.id;
    const { prisma } = server.app.database;
    tables = async () => ({
      members: await prisma.member.count(),
      events: await prisma.event.count(),
      participations: await prisma.participation.count(),
      penalties: await prisma.penalty.count(),
    });
  });
  afterAll(async () => {
    process.stdout.write(`bad-input battery: ${cases} cases, ${findings.length} findings\n${[...new Set(findings)].join('\n')}\n`);
    await server.stop();
  });

  const eventInput = () => ({
    title: 'Battery match',
    address: 'Battery park',
    audience: 'ALL',
    fee: 1000,
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    latitude: 37.5,
    longitude: 127,
  });
  const signUpInput = () => ({ loginId: `battery.${Math.random().toString(36).slice(2, 10)}`, password: 'battery password', name: 'Battery', phone: '010-1234-5678', gender: 'MALE' });

  const CASES: Case[] = [
    {
      name: 'signUp',
      caller: 'anonymous',
      document: 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }',
      valid: () => ({ input: signUpInput() }),
      kinds: { 'input.loginId': 'string', 'input.password': 'string', 'input.name': 'string', 'input.phone': 'string', 'input.gender': 'enum', 'input.joinCode': 'string' },
    },
    {
      name: 'login',
      caller: 'anonymous',
      document: 'mutation ($loginId: String!, $password: String!) { login(loginId: $loginId, password: $password) { token } }',
      valid: () => ({ loginId: member.loginId, password: member.password }),
      kinds: { loginId: 'string', password: 'string' },
    },
    {
      name: 'createEvent',
      caller: 'admin',
      document: 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }',
      valid: () => ({ input: eventInput() }),
      kinds: {
        'input.title': 'string',
        'input.description': 'string',
        'input.address': 'string',
        'input.audience': 'enum',
        'input.fee': 'int',
        'input.startsAt': 'date',
        'input.endsAt': 'date',
        'input.latitude': 'float',
        'input.longitude': 'float',
      },
    },
    {
      name: 'updateEvent',
      caller: 'admin',
      document: 'mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }',
      valid: () => ({ id: eventId, input: { title: 'Renamed' } }),
      kinds: { id: 'id', 'input.title': 'string', 'input.description': 'string', 'input.fee': 'int', 'input.audience': 'enum', 'input.startsAt': 'date', 'input.endsAt': 'date', 'input.latitude': 'float' },
    },
    { name: 'deleteEvent', caller: 'admin', document: 'mutation ($id: ID!) { deleteEvent(id: $id) }', valid: () => ({ id: 'no-such-event' }), kinds: { id: 'id' } },
    {
      name: 'addParticipants',
      caller: 'admin',
      document: 'mutation ($eventId: ID!, $memberIds: [ID!]!) { addParticipants(eventId: $eventId, memberIds: $memberIds) { id } }',
      valid: () => ({ eventId, memberIds: [member.id] }),
      kinds: { eventId: 'id', memberIds: 'ids' },
    },
    {
      name: 'removeParticipant',
      caller: 'admin',
      document: 'mutation ($eventId: ID!, $memberId: ID!) { removeParticipant(eventId: $eventId, memberId: $memberId) }',
      valid: () => ({ eventId: 'no-such-event', memberId: member.id }),
      kinds: { eventId: 'id', memberId: 'id' },
    },
    {
      name: 'checkIn',
      caller: 'member',
      document: 'mutation ($eventId: ID!, $lat: Float!, $lng: Float!, $acc: Float) { checkIn(eventId: $eventId, latitude: $lat, longitude: $lng, accuracyMeters: $acc) { id } }',
      valid: () => ({ eventId, lat: 0, lng: 0, acc: 10 }),
      kinds: { eventId: 'id', lat: 'float', lng: 'float', acc: 'float' },
    },
    {
      name: 'requestPaymentConfirmation',
      caller: 'member',
      document: 'mutation ($eventId: ID!) { requestPaymentConfirmation(eventId: $eventId) { id } }',
      valid: () => ({ eventId: 'no-such-event' }),
      kinds: { eventId: 'id' },
    },
    {
      name: 'confirmPayment',
      caller: 'admin',
      document: 'mutation ($eventId: ID!, $memberId: ID!) { confirmPayment(eventId: $eventId, memberId: $memberId) { id } }',
      valid: () => ({ eventId, memberId: member.id }),
      kinds: { eventId: 'id', memberId: 'id' },
    },
    {
      name: 'rejectPayment',
      caller: 'admin',
      document: 'mutation ($eventId: ID!, $memberId: ID!, $reason: String) { rejectPayment(eventId: $eventId, memberId: $memberId, reason: $reason) { id } }',
      valid: () => ({ eventId, memberId: member.id, reason: 'r' }),
      kinds: { eventId: 'id', memberId: 'id', reason: 'string' },
    },
    {
      name: 'setAttendance',
      caller: 'admin',
      document: 'mutation ($eventId: ID!, $memberId: ID!, $status: AttendanceStatus!, $note: String) { setAttendance(eventId: $eventId, memberId: $memberId, status: $status, note: $note) { id } }',
      valid: () => ({ eventId, memberId: member.id, status: 'PENDING', note: 'n' }),
      kinds: { eventId: 'id', memberId: 'id', status: 'enum', note: 'string' },
    },
    { name: 'settleEvent', caller: 'admin', document: 'mutation ($id: ID!) { settleEvent(id: $id) { id } }', valid: () => ({ id: 'no-such-event' }), kinds: { id: 'id' } },
    {
      name: 'issuePenalty',
      caller: 'admin',
      document: 'mutation ($memberId: ID!, $points: Int!, $note: String!, $eventId: ID) { issuePenalty(memberId: $memberId, points: $points, note: $note, eventId: $eventId) { id } }',
      valid: () => ({ memberId: 'no-such-member', points: 1, note: 'n', eventId: null }),
      kinds: { memberId: 'id', points: 'int', note: 'string', eventId: 'id' },
    },
    {
      name: 'revokePenalty',
      caller: 'admin',
      document: 'mutation ($id: ID!, $reason: String!) { revokePenalty(id: $id, reason: $reason) { id } }',
      valid: () => ({ id: 'no-such-penalty', reason: 'r' }),
      kinds: { id: 'id', reason: 'string' },
    },
    {
      name: 'setRole',
      caller: 'admin',
      document: 'mutation ($memberId: ID!, $role: Role!) { setRole(memberId: $memberId, role: $role) { id } }',
      valid: () => ({ memberId: 'no-such-member', role: 'MEMBER' }),
      kinds: { memberId: 'id', role: 'enum' },
    },
  ];

  function withValue(variables: Record<string, unknown>, path: string, value: unknown) {
    const copy = structuredClone(variables) as Record<string, Record<string, unknown>>;
    const [head, field] = path.split('.');
    if (field) copy[head] = { ...copy[head], [field]: value };
    else (copy as Record<string, unknown>)[head] = value;
    return copy;
  }

  it.each(CASES.map((c) => [c.name, c] as const))('%s: every bad value gets a contract code, nothing half-saved, the server keeps answering', async (_name, testCase) => {
    const token = testCase.caller === 'admin' ? admin.token : testCase.caller === 'member' ? member.token : undefined;
    for (const [path, kind] of Object.entries(testCase.kinds)) {
      for (const value of VALUES[kind]) {
        cases += 1;
        const before = await tables();
        const variables = withValue(testCase.valid(), path, value);
        const response: GraphQLResponse<unknown> = await server.request(testCase.document, variables, { token });
        const label = `${testCase.name} ${path}=${JSON.stringify(value)?.slice(0, 40)}`;
        const codes = (response.errors ?? []).map((e) => String(e.extensions?.code));
        const bad = codes.filter((code) => !ACCEPTABLE.has(code));
        if (bad.length > 0 || response.status >= 500) findings.push(`${label}: ${bad.join(',')} HTTP ${response.status}`);
        const leaked = JSON.stringify(response.errors ?? []).match(/prisma|postgres|SELECT|INSERT|constraint|stack|at \w+ \(/i);
        if (leaked) findings.push(`${label}: leaked "${leaked[0]}"`);
        if (response.errors && JSON.stringify(await tables()) !== JSON.stringify(before)) findings.push(`${label}: saved despite an error`);
      }
    }
    expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect(findings).toEqual([]);
  });

  it('leaves the fixtures usable (a sanity check that the battery ran against real data)', async () => {
    expect(penaltyId).toBeTruthy();
    expect(cases).toBeGreaterThan(300);
  });
});
