import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpAdmin, uniqueLoginId } from '../members/member-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf, graphqlRequest } from '../support/graphql-client';
import { CheckInDocument, EventsDocument, LoginDocument, SignUpDocument } from '../support/operations.generated';
import { freePort, ROOT } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';

/** Debian's nginx; .ci/run installs it when it is missing. */
const NGINX = '/usr/sbin/nginx';
const TEMPLATE = path.join(ROOT, 'deploy/nginx/templates/pitchside.conf.template');

/** What the nginx image's entrypoint does with templates: fill in ${NAME} from the environment. */
function envsubst(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

describe('a member through the nginx load balancer of deploy/, in front of two instances', () => {
  let database: TestDatabase;
  let instances: TestServer[];
  let nginx: ChildProcess;
  let prefix: string;
  let edge: string;

  beforeAll(async () => {
    if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx-light (.ci/run does)`);
    database = await createTestDatabase('postgres');
    instances = [
      await startTestServer('postgres', { database, env: { TRUST_PROXY: 'true' } }),
      await startTestServer('postgres', { database, env: { TRUST_PROXY: 'true' } }),
    ];
    prefix = await mkdtemp(path.join(tmpdir(), 'pitchside-nginx-'));
    const port = await freePort();
    const site = envsubst(readFileSync(TEMPLATE, 'utf8'), {
      PITCHSIDE_1: `127.0.0.1:${instances[0].app.port}`,
      PITCHSIDE_2: `127.0.0.1:${instances[1].app.port}`,
      LISTEN_PORT: `127.0.0.1:${port}`,
    });
    writeFileSync(path.join(prefix, 'pitchside.conf'), site);
    writeFileSync(
      path.join(prefix, 'nginx.conf'),
      [
        'daemon off;',
        `pid ${prefix}/nginx.pid;`,
        'error_log stderr warn;',
        'events {}',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((temp) => `  ${temp}_temp_path ${prefix}/${temp};`),
        `  include ${prefix}/pitchside.conf;`,
        '}',
      ].join('\n'),
    );
    nginx = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    edge = `http://127.0.0.1:${port}/graphql`;
    for (let attempt = 0; ; attempt++) {
      const up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (up) break;
      if (attempt > 100) throw new Error('nginx did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await Promise.all(instances?.map((instance) => instance.stop()) ?? []);
    await database?.drop();
    if (prefix) await rm(prefix, { recursive: true, force: true });
  });

  it('signs up, logs in, lists events and checks in, with the work spread over both instances', async () => {
    const loginId = uniqueLoginId('edge');
    const input = { loginId, password: 'through the edge', name: 'Edge Case', phone: '010-1234-5678', gender: 'MALE' as const };
    const { signUp } = dataOf(await graphqlRequest(edge, SignUpDocument, { input }));
    const { login } = dataOf(await graphqlRequest(edge, LoginDocument, { loginId, password: input.password }));

    const admin = await signUpAdmin(instances[0]);
    const event = await createEvent(instances[0], admin.token, { title: 'Behind nginx', startsInMinutes: 10 });
    await addParticipants(instances[1], admin.token, event.id, [signUp.member.id]);

    const { events } = dataOf(await graphqlRequest(edge, EventsDocument, {}, { token: login.token }));
    expect(events.edges.map((e) => e.node.title)).toContain('Behind nginx');
    const checkedIn = dataOf(await graphqlRequest(edge, CheckInDocument, { eventId: event.id, ...PITCH, accuracyMeters: 10 }, { token: login.token }));
    expect(checkedIn.checkIn.attendance).toBe('ATTENDED');

    for (let i = 0; i < 6; i++) dataOf(await graphqlRequest(edge, EventsDocument, {}, { token: login.token }));
    const served = await Promise.all(
      instances.map(async (instance) => {
        const metrics = await (await fetch(instance.url.replace('/graphql', '/metrics'))).text();
        return [...metrics.matchAll(/^graphql_operations_total\{operation="Events",outcome="ok"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
      }),
    );
    expect(served.every((count) => count > 0)).toBe(true);
    expect(served[0] + served[1]).toBe(7);
  });

  it('passes the edge request id through, and hides /metrics from the public edge', async () => {
    const response = await fetch(edge, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect((await fetch(edge.replace('/graphql', '/metrics'))).status).toBe(404);
  });
});
