import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember } from '../members/member-fixtures';
import { dataOf, errorOf } from '../support/graphql-client';
import { SettleEventDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

/** penalties_issued_total as /metrics says it, by reason (0 when the line is not there yet). */
async function issued(server: TestServer, reason: string): Promise<number> {
  const text = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
  return Number(text.match(new RegExp(`^penalties_issued_total\\{reason="${reason}"\\} (\\d+)$`, 'm'))?.[1] ?? 0);
}

describe('the penalty counter (penalties_issued_total)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('counts the penalties of a settlement whose transaction rolls back at commit not at all, and of its retry once', async () => {
    const admin = await signUpAdmin(server);
    const [first, second] = [await signUpMember(server), await signUpMember(server)];
    const event = await createEvent(server, admin.token, { startsInMinutes: 0 });
    await addParticipants(server, admin.token, event.id, [first.id, second.id]);
    const sql = server.app.database.read;
    // A check deferred to COMMIT: every statement of the settlement has run when it fails.
    await sql(`CREATE FUNCTION refuse_penalties() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$`, []);
    await sql(`CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON penalties DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_penalties()`, []);
    const before = await issued(server, 'ABSENT');
    try {
      expect(errorOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token })).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await server.app.database.prisma.penalty.count({ where: { eventId: event.id } })).toBe(0);
      expect(await issued(server, 'ABSENT')).toBe(before);
    } finally {
      await sql('DROP TRIGGER refuse_at_commit ON penalties', []);
      await sql('DROP FUNCTION refuse_penalties()', []);
    }
    dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token }));
    expect(await issued(server, 'ABSENT')).toBe(before + 2);
    // Settling again issues nothing, and counts nothing.
    dataOf(await server.request(SettleEventDocument, { id: event.id }, { token: admin.token }));
    expect(await issued(server, 'ABSENT')).toBe(before + 2);
  });
});
