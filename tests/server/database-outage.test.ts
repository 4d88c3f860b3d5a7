import { signUpInput } from '../members/member-fixtures';
import { graphqlRequest, type GraphQLResponse } from '../support/graphql-client';
import { CreateCalendarFeedDocument, MeDocument, SignUpDocument } from '../support/operations.generated';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { runNode, startServerProcess, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';

/**
 * The database going away under `npm start`'s server, and not being there when it starts: a
 * PostgreSQL of the test's own (initdb, a free port), killed with `pg_ctl stop -m immediate`.
 */
describe('when PostgreSQL cannot be reached', () => {
  let postgres: OwnPostgres;

  beforeAll(async () => {
    postgres = await startOwnPostgres();
  });
  afterAll(async () => {
    await postgres.destroy();
  });

  const expectUnavailable = (response: GraphQLResponse<unknown>) => {
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
    expect(JSON.stringify(response.errors)).not.toMatch(/ECONNREFUSED|prisma|127\.0\.0\.1|\bat \//i);
  };

  it('answers every operation 503 DATABASE_UNAVAILABLE with Retry-After, /readyz 503, and recovers without a restart', async () => {
    const server: ServerProcess = await startServerProcess({ DATABASE_URL: postgres.url(), LOG_LEVEL: 'warn' });
    try {
      const signedUp = await graphqlRequest(server.url, SignUpDocument, { input: signUpInput() });
      const token = signedUp.data!.signUp.token;
      const feedUrl = (await graphqlRequest(server.url, CreateCalendarFeedDocument, {}, { token })).data!.createCalendarFeed.url;

      await postgres.kill();
      expectUnavailable(await graphqlRequest(server.url, MeDocument, undefined, { token }));
      expectUnavailable(await graphqlRequest(server.url, SignUpDocument, { input: signUpInput() }));
      const readiness = await fetch(server.url.replace('/graphql', '/readyz'));
      expect(readiness.status).toBe(503);
      // The calendar feed and the exports, served outside GraphQL, say the same.
      const feed = await fetch(new URL(new URL(feedUrl).pathname, server.url));
      const exported = await fetch(server.url.replace('/graphql', '/exports/members.csv'), { headers: { authorization: `Bearer ${token}` } });
      for (const response of [feed, exported]) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');
      }
      // Nothing about the database is needed to answer this one.
      expect((await graphqlRequest(server.url, '{ __typename }')).status).toBe(200);

      await postgres.start();
      await waitFor(async () => (await graphqlRequest(server.url, MeDocument, undefined, { token })).status !== 503, 20_000);
      const after = await graphqlRequest(server.url, MeDocument, undefined, { token });
      expect(after.data?.me?.id).toBe(signedUp.data!.signUp.member.id);
      expect((await graphqlRequest(server.url, SignUpDocument, { input: signUpInput() })).data?.signUp.token).toEqual(expect.any(String));
      expect((await fetch(server.url.replace('/graphql', '/readyz'))).status).toBe(200);
      expect(server.output()).toMatch(/database unreachable/);
      expect(server.output()).not.toMatch(/unexpected error/);
    } finally {
      await server.stop();
      await postgres.start().catch(() => undefined);
    }
  });

  it('at start-up, waits one line per attempt, then exits 1 with one line naming host, port and reason', async () => {
    await postgres.kill();
    try {
      const server = runNode('main.js', [], { DATABASE_URL: postgres.url(), DATABASE_CONNECT_TIMEOUT_SECONDS: '2', LOG_LEVEL: 'info', PORT: '0' });
      expect(await server.exited).toBe(1);
      const lines = server.output().trim().split('\n');
      const waits = lines.filter((line) => line.includes(`waiting for PostgreSQL at 127.0.0.1:${postgres.port}`));
      const last = new RegExp(`^pitchside could not start: cannot reach PostgreSQL at 127\\.0\\.0\\.1:${postgres.port} after (\\d+) attempts .*ECONNREFUSED`).exec(lines.at(-1)!);
      expect(last).not.toBeNull();
      // A line for each attempt that was followed by another; the last one is the exit line.
      expect(Number(last![1])).toBeGreaterThanOrEqual(2);
      expect(waits).toHaveLength(Number(last![1]) - 1);
      expect(server.output()).not.toMatch(/^\s+at /m);
    } finally {
      await postgres.start();
    }
  });

  it('at start-up, goes on as soon as PostgreSQL comes up within the wait', async () => {
    await postgres.kill();
    const server = runNode('main.js', [], { DATABASE_URL: postgres.url(), DATABASE_CONNECT_TIMEOUT_SECONDS: '60', LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' });
    try {
      await waitFor(async () => server.output().includes('waiting for PostgreSQL'));
      await postgres.start();
      await waitFor(async () => /pitchside is ready at /.test(server.output()), 30_000);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });
});
