import { DELETE_BATCH_SIZE } from '../../src/db/delete-older-than';
import { createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember } from '../members/member-fixtures';
import { HOUR } from '../support/clock';
import { startTestServer, type TestServer } from '../support/test-server';

const DAY = 24 * HOUR;

describe('the retention sweep', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  /** Rows of each table the sweep looks at, `ageDays` old by the server's clock. */
  async function seed(ageDays: number, copies: number) {
    const { prisma } = server.app.database;
    const at = new Date(server.clock.now().getTime() - ageDays * DAY);
    const admin = await signUpAdmin(server);
    const member = await signUpMember(server);
    const event = await createEvent(server, admin.token);
    const many = Array.from({ length: copies }, (_, i) => i);
    await prisma.loginAttempt.createMany({ data: many.map((i) => ({ loginId: `someone${i}`, outcome: 'FAILED' as const, attemptedAt: at })) });
    await prisma.rateLimitWindow.createMany({ data: many.map((i) => ({ key: `auth:10.0.${ageDays}.${i}`, windowStart: at, hits: 1 })) });
    await prisma.checkInAttempt.createMany({
      data: many.map(() => ({ eventId: event.id, memberId: member.id, latitude: 37.5, longitude: 127, outcome: 'OUT_OF_RANGE' as const, attemptedAt: at })),
    });
    const notice = (state: string) => ({ kind: 'test', idempotencyKey: `${state}:${ageDays}`, payload: {}, createdAt: at });
    await prisma.outboxMessage.createMany({
      data: [
        { ...notice('delivered'), deliveredAt: at },
        { ...notice('failed'), failedAt: at },
        { ...notice('pending') },
      ],
    });
  }

  async function counts() {
    const { prisma } = server.app.database;
    return {
      login_attempts: await prisma.loginAttempt.count(),
      rate_limit_windows: await prisma.rateLimitWindow.count(),
      check_in_attempts: await prisma.checkInAttempt.count(),
      outbox_messages: await prisma.outboxMessage.count(),
    };
  }

  it('deletes what is older than RETENTION_DAYS (90), in batches, and keeps the rest and every undelivered notice', async () => {
    server = await startTestServer();
    const old = DELETE_BATCH_SIZE * 2 + 500;
    await seed(91, old);
    await seed(89, 7);
    const check = await server.app.database.prisma.checkInAttempt.count();

    expect(await server.app.services.retention.sweep()).toEqual({ login_attempts: old, rate_limit_windows: old, check_in_attempts: old, outbox_messages: 1 });
    // What remains: the recent rows (and sign-ins' own attempts), the failed and pending notices of both ages.
    expect(await counts()).toMatchObject({ rate_limit_windows: 7, check_in_attempts: check - old, outbox_messages: 5 });
    expect(await server.app.database.prisma.loginAttempt.count({ where: { loginId: { startsWith: 'someone' } } })).toBe(7);
    expect(await server.app.services.retention.sweep()).toEqual({ login_attempts: 0, rate_limit_windows: 0, check_in_attempts: 0, outbox_messages: 0 });
  });

  it('honours RETENTION_DAYS', async () => {
    server = await startTestServer({ env: { RETENTION_DAYS: '7' } });
    await seed(8, 3);
    await seed(6, 2);
    expect(await server.app.services.retention.sweep()).toEqual({ login_attempts: 3, rate_limit_windows: 3, check_in_attempts: 3, outbox_messages: 1 });
    expect(await counts()).toMatchObject({ rate_limit_windows: 2, check_in_attempts: 2, outbox_messages: 5 });
  });
});
