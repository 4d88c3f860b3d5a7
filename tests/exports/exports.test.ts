import { parse } from 'csv-parse/sync';
import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { HOUR } from '../support/clock';
import { dataOf } from '../support/graphql-client';
import {
  ConfirmPaymentDocument,
  CreateSeasonDocument,
  IssuePenaltyDocument,
  MemberFiguresForExportDocument,
  MemberRecordsForExportDocument,
  RequestPaymentConfirmationDocument,
  SetAttendanceDocument,
  SettleEventDocument,
} from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = 24 * HOUR;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** What a cell that a spreadsheet would run as a formula reads as in the file (api-rules.md, "Exports"). */
const neutralised = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const cell = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : neutralised(String(value)));

type Row = Record<string, string>;

describe('spreadsheet exports', () => {
  let server: TestServer;
  let admin: SignedUpMember;
  let members: SignedUpMember[];
  let base: string;
  const events: { id: string; startsAt: string }[] = [];

  async function download(name: string, query = '', token: string | null = admin.token) {
    const response = await fetch(`${base}/exports/${name}.csv${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }
  async function rowsOf(name: string, query = ''): Promise<Row[]> {
    const { response, bytes } = await download(name, query);
    expect(response.status).toBe(200);
    return parse(bytes, { bom: true, columns: true, skip_empty_lines: true }) as Row[];
  }

  /** Each member with their penalties (revoked included) and participations, as GraphQL shows them. */
  async function recordsOfEveryMember() {
    const figures = dataOf(await server.request(MemberFiguresForExportDocument, {}, { token: admin.token })).members.edges;
    return Promise.all(
      figures.map(async ({ node }) => ({
        ...node,
        ...dataOf(await server.request(MemberRecordsForExportDocument, { id: node.id }, { token: admin.token })).member!,
      })),
    );
  }

  beforeAll(async () => {
    server = await startTestServer();
    base = server.url.replace('/graphql', '');
    admin = await signUpAdmin(server);
    members = [
      await signUpMember(server, { name: '김민수', phone: '010-1111-2222' }),
      await signUpMember(server, { name: '=HYPERLINK("http://evil.example")', phone: '+82-10-3333-4444', gender: 'FEMALE' }),
      await signUpMember(server, { name: 'Park, "Ji-sung"', phone: '010-5555-6666' }),
    ];
    const now = server.clock.now().getTime();
    dataOf(
      await server.request(
        CreateSeasonDocument,
        { input: { name: '2026 가을', startsAt: new Date(now - 10 * DAY).toISOString(), endsAt: new Date(now + 60 * DAY).toISOString() } },
        { token: admin.token },
      ),
    );
    const ids = members.map((m) => m.id);
    for (const [days, fee] of [[1, 5000], [2, 0], [3, 3000]] as const) {
      const event = await createEvent(server, admin.token, { title: `Match +${days}d, "quoted", 한글`, startsInMinutes: days * 24 * 60, fee });
      await addParticipants(server, admin.token, event.id, ids);
      events.push(event);
    }
    const [first, second, third] = events;
    const as = (member: SignedUpMember) => ({ token: member.token });
    dataOf(await server.request(SetAttendanceDocument, { eventId: first.id, memberId: ids[0], status: 'ATTENDED' }, { token: admin.token }));
    dataOf(await server.request(SetAttendanceDocument, { eventId: first.id, memberId: ids[1], status: 'LATE' }, { token: admin.token }));
    dataOf(await server.request(RequestPaymentConfirmationDocument, { eventId: first.id }, as(members[0])));
    dataOf(await server.request(ConfirmPaymentDocument, { eventId: first.id, memberId: ids[0] }, { token: admin.token }));
    dataOf(await server.request(RequestPaymentConfirmationDocument, { eventId: first.id }, as(members[1])));
    for (const event of [first, second]) dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token }));
    // A penalty revoked by a correction, and a manual one whose note looks like a formula.
    dataOf(await server.request(SetAttendanceDocument, { eventId: second.id, memberId: ids[2], status: 'EXCUSED' }, { token: admin.token }));
    dataOf(await server.request(IssuePenaltyDocument, { memberId: ids[0], points: 2, note: '@SUM(A1:A9) kit left behind' }, { token: admin.token }));
    dataOf(await server.request(RequestPaymentConfirmationDocument, { eventId: third.id }, as(members[0])));
  });
  afterAll(() => server.stop());

  it('answers 401 without a valid token, 403 to a member, 400 for bad parameters', async () => {
    const anonymous = await download('members', '', null);
    expect(anonymous.response.status).toBe(401);
    expect(anonymous.response.headers.get('www-authenticate')).toBe('Bearer');
    expect(JSON.parse(anonymous.bytes.toString()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await download('members', '', 'not-a-token')).response.status).toBe(401);
    const member = await download('attendance', '', members[0].token);
    expect(member.response.status).toBe(403);
    expect(JSON.parse(member.bytes.toString()).errors[0].extensions.code).toBe('FORBIDDEN');
    for (const query of ['?from=yesterday', '?to=2026-13-45', '?seasonId=x&from=2026-01-01', '?seasonId=00000000-0000-7000-8000-000000000000', '?from=2026-06-01&to=2026-01-01']) {
      const { response, bytes } = await download('attendance', query);
      expect([query, response.status]).toEqual([query, 400]);
      expect(JSON.parse(bytes.toString()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect((await download('everything')).response.status).toBe(404);
  });

  it('writes RFC 4180 CSV in UTF-8 with a BOM and CRLF, as a dated download that is not cached', async () => {
    const { response, bytes } = await download('members');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(server.clock.now());
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="pitchside-members-${today}.csv"`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Login ID,Name,Gender,Role,Status,Phone,Penalty points,Warnings,Standing,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain('김민수');
    // Quoted as RFC 4180 says, and never a live formula.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(text).toContain('"Park, ""Ji-sung"""');
    expect(text).toContain(",'+82-10-3333-4444,");
  });

  it('members.csv has every member with the figures GraphQL gives', async () => {
    const rows = await rowsOf('members');
    const nodes = dataOf(await server.request(MemberFiguresForExportDocument, {}, { token: admin.token })).members.edges.map((e) => e.node);
    expect(rows).toHaveLength(nodes.length);
    for (const node of nodes) {
      const row = rows.find((r) => r['Login ID'] === node.loginId)!;
      expect(row).toEqual({
        'Login ID': node.loginId,
        Name: cell(node.name),
        Gender: node.gender,
        Role: node.role,
        Status: node.status,
        Phone: cell(node.phone),
        'Penalty points': cell(node.penaltyPoints),
        Warnings: cell(node.warningCount),
        Standing: cell(node.standing),
        'Eligible events': cell(node.stats!.eligibleEvents),
        Joined: cell(node.stats!.joined),
        Attended: cell(node.stats!.attended),
        Late: cell(node.stats!.late),
        Absent: cell(node.stats!.absent),
        Excused: cell(node.stats!.excused),
        'Attendance rate': cell(node.stats!.attendanceRate),
        'Participation rate': cell(node.stats!.participationRate),
      });
    }
    expect(rows.find((r) => r['Login ID'] === members[0].loginId)).toMatchObject({ 'Penalty points': '5', Attended: '1', Absent: '1' });
  });

  it('attendance.csv, penalties.csv and dues.csv match the participations and penalties GraphQL shows', async () => {
    const nodes = await recordsOfEveryMember();
    const activePoints = (node: (typeof nodes)[number], eventId: string) =>
      node.penalties!.filter((p) => p.event?.id === eventId && !p.revokedAt).reduce((sum, p) => sum + p.points, 0);
    const participations = nodes.flatMap((node) => node.participations!.map((p) => ({ node, p })));

    const attendance = await rowsOf('attendance');
    const settled = participations.filter(({ p }) => p.event.settledAt);
    expect(attendance).toHaveLength(settled.length);
    expect(new Set(attendance.map((r) => JSON.stringify(r)))).toEqual(
      new Set(
        settled.map(({ node, p }) =>
          JSON.stringify({
            'Event start': p.event.startsAt,
            Event: p.event.title,
            'Login ID': node.loginId,
            Name: cell(node.name),
            Attendance: p.attendance,
            'Checked in at': cell(p.checkedInAt),
            Payment: p.payment,
            'Points issued': String(activePoints(node, p.event.id)),
          }),
        ),
      ),
    );
    expect(attendance.map((r) => r['Event start'])).toEqual([...attendance.map((r) => r['Event start'])].sort());

    const penalties = await rowsOf('penalties');
    const expected = nodes.flatMap((node) => node.penalties!.map((p) => ({ node, p })));
    expect(penalties).toHaveLength(expected.length);
    for (const { node, p } of expected) {
      expect(penalties).toContainEqual(
        expect.objectContaining({
          'Issued at': p.createdAt,
          'Login ID': node.loginId,
          Reason: p.reason,
          Points: String(p.points),
          Event: p.event?.title ?? '',
          State: p.revokedAt ? 'REVOKED' : 'ACTIVE',
          'Revoked at': p.revokedAt ?? '',
        }),
      );
    }
    expect(penalties.find((r) => r.Reason === 'MANUAL')).toMatchObject({ Note: "'@SUM(A1:A9) kit left behind", 'Issued by': admin.loginId });
    expect(penalties.filter((r) => r.State === 'REVOKED')).toHaveLength(1);

    const dues = await rowsOf('dues');
    const paid = participations.filter(({ p }) => p.event.fee > 0);
    expect(dues).toHaveLength(paid.length);
    for (const { node, p } of paid) {
      expect(dues).toContainEqual({
        'Event start': p.event.startsAt,
        Event: p.event.title,
        Fee: String(p.event.fee),
        'Login ID': node.loginId,
        Name: cell(node.name),
        Payment: p.payment,
        'Requested at': p.paymentRequestedAt ?? '',
        'Confirmed at': p.paymentConfirmedAt ?? '',
      });
    }
  });

  it('filters by seasonId, or by from and to', async () => {
    const [first, second] = events;
    const inWindow = (from: string, to: string) => `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const justFirst = await rowsOf('attendance', inWindow(first.startsAt, second.startsAt));
    expect(new Set(justFirst.map((r) => r['Event start']))).toEqual(new Set([first.startsAt]));
    expect(await rowsOf('dues', inWindow(second.startsAt, '2100-01-01'))).toHaveLength(3);

    const now = server.clock.now().getTime();
    const { createSeason: past } = dataOf(
      await server.request(
        CreateSeasonDocument,
        { input: { name: 'Spring', startsAt: new Date(now - 100 * DAY).toISOString(), endsAt: new Date(now - 50 * DAY).toISOString() } },
        { token: admin.token },
      ),
    );
    expect(await rowsOf('attendance', `?seasonId=${past.id}`)).toEqual([]);
    expect(await rowsOf('penalties', `?seasonId=${past.id}`)).toEqual([]);
    const figures = await rowsOf('members', `?seasonId=${past.id}`);
    expect(figures.every((r) => r['Penalty points'] === '0' && r.Joined === '0')).toBe(true);
    const { bytes } = await download('attendance', `?seasonId=${past.id}`);
    expect(bytes.toString('utf8')).toBe('\uFEFFEvent start,Event,Login ID,Name,Attendance,Checked in at,Payment,Points issued\r\n');
  });
});

describe('a large export', () => {
  it('streams 150 members × 60 matches in batches, every row once, in order', async () => {
    const server = await startTestServer();
    try {
      const admin = await signUpAdmin(server);
      const { prisma } = server.app.database;
      const start = server.clock.now().getTime() - 90 * DAY;
      await prisma.member.createMany({
        data: Array.from({ length: 150 }, (_, i) => ({ loginId: `bulk.${String(i).padStart(3, '0')}`, passwordHash: 'x', name: `선수 ${i}`, gender: 'MALE' as const })),
      });
      const bulk = await prisma.member.findMany({ where: { loginId: { startsWith: 'bulk.' } }, select: { id: true } });
      await prisma.event.createMany({
        data: Array.from({ length: 60 }, (_, i) => ({
          title: `Week ${i}`, address: 'Seoul', audience: 'ALL' as const, fee: 0, ...PITCH,
          startsAt: new Date(start + i * DAY), endsAt: new Date(start + i * DAY + 2 * HOUR), settledAt: new Date(start + i * DAY + 2 * HOUR),
        })),
      });
      const matches = await prisma.event.findMany({ select: { id: true } });
      await prisma.participation.createMany({
        data: matches.flatMap((event) => bulk.map((member) => ({ eventId: event.id, memberId: member.id, payment: 'NOT_REQUIRED' as const, attendance: 'ATTENDED' as const }))),
      });

      const response = await fetch(`${server.url.replace('/graphql', '')}/exports/attendance.csv`, { headers: { authorization: `Bearer ${admin.token}` } });
      expect(response.status).toBe(200);
      // Streamed: no length known up front.
      expect(response.headers.get('content-length')).toBeNull();
      expect(response.headers.get('transfer-encoding')).toBe('chunked');
      const rows = parse(Buffer.from(await response.arrayBuffer()), { bom: true, columns: true }) as Row[];
      expect(rows).toHaveLength(150 * 60);
      const keys = rows.map((r) => `${r['Event start']}|${r['Login ID']}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual([...keys].sort());
    } finally {
      await server.stop();
    }
  });
});
