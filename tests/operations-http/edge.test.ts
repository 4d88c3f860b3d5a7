import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/config';
import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, uniqueLoginId } from '../members/member-fixtures';
import { participationChanges } from '../live/live-client';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { dataOf } from '../support/graphql-client';
import { captureLogs } from '../support/log-capture';
import { CheckInDocument, EventsDocument, LoginDocument, SignUpDocument } from '../support/operations.generated';
import { freePort, ROOT } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';
import { graphqlBody, graphqlOver, handshake, http2Request, request } from '../support/tls-client';

/** Debian's nginx; scripts/test.sh installs it when it is missing. */
const NGINX = '/usr/sbin/nginx';
const TEMPLATE = path.join(ROOT, 'deploy/nginx/templates/pitchside.conf.template');
/** The edge's limit in this test: 6 sign-ups or logins a minute per address, 2 more at once. */
const AUTH_RATE_PER_MINUTE = 6;
const AUTH_BURST = 2;
/**
 * Idle timeouts scaled down from deploy/'s (nginx 60 s, pitchside 65 s), in the same order: nginx
 * lets an idle connection to an instance go before the instance would close it.
 */
const UPSTREAM_KEEPALIVE_SECONDS = 1;
const PITCHSIDE_KEEPALIVE_SECONDS = 2;

/** What the nginx image's entrypoint does with templates: fill in ${NAME} from the environment. */
function envsubst(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A self-signed certificate for localhost, as Let's Encrypt's files are named. */
function makeCertificate(folder: string): { certificate: string; key: string } {
  const [certificate, key] = [path.join(folder, 'fullchain.pem'), path.join(folder, 'privkey.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', certificate,
  ], { stdio: 'ignore' });
  return { certificate, key };
}

describe('the nginx edge of deploy/: HTTPS in front of two instances', () => {
  let database: TestDatabase;
  let instances: TestServer[];
  let logs: ReturnType<typeof captureLogs>[];
  let nginx: ChildProcess;
  let nginxErrors = '';
  let prefix: string;
  let ca: string;
  let ports: { http: number; https: number; permissive: number };
  let origin: string;
  let edge: string;

  beforeAll(async () => {
    if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx-light (scripts/test.sh does)`);
    database = await createTestDatabase();
    logs = [captureLogs(), captureLogs()];
    // Each instance counts sign-ups and logins per client address (rate_limit_windows): the test reads which address it saw.
    instances = await Promise.all(
      logs.map(({ logger }) => startTestServer({
        database,
        logger,
        env: { TRUST_PROXY: 'true', AUTH_RATE_LIMIT_PER_MINUTE: '1000', HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: String(PITCHSIDE_KEEPALIVE_SECONDS) },
      }),
    ),
    );

    prefix = await mkdtemp(path.join(tmpdir(), 'pitchside-edge-'));
    // nginx's workers run as nobody and connect to the limiter's socket in here.
    chmodSync(prefix, 0o755);
    const { certificate, key } = makeCertificate(prefix);
    ca = readFileSync(certificate, 'utf8');
    const acme = path.join(prefix, 'acme');
    mkdirSync(path.join(acme, '.well-known', 'acme-challenge'), { recursive: true });
    writeFileSync(path.join(acme, '.well-known', 'acme-challenge', 'token-123'), 'token-123.key-authorization');

    ports = { http: await freePort(), https: await freePort(), permissive: await freePort() };
    origin = `https://localhost:${ports.https}`;
    edge = `${origin}/graphql`;
    const site = envsubst(readFileSync(TEMPLATE, 'utf8'), {
      SERVER_NAME: 'localhost',
      HTTPS_URL: origin,
      HTTP_LISTEN: `127.0.0.1:${ports.http}`,
      HTTPS_LISTEN: `127.0.0.1:${ports.https}`,
      TLS_CERTIFICATE: certificate,
      TLS_CERTIFICATE_KEY: key,
      ACME_WEBROOT: acme,
      PITCHSIDE_1: `127.0.0.1:${instances[0].app.port}`,
      PITCHSIDE_2: `127.0.0.1:${instances[1].app.port}`,
      AUTH_RATE_PER_MINUTE: String(AUTH_RATE_PER_MINUTE),
      AUTH_BURST: String(AUTH_BURST),
      EDGE_SOCKET: path.join(prefix, 'edge.sock'),
      UPSTREAM_KEEPALIVE_TIMEOUT: `${UPSTREAM_KEEPALIVE_SECONDS}s`,
    });
    expect(site).not.toMatch(/\$\{[A-Z0-9_]+\}/);
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
        // Not the template's: a server that does accept TLS 1.0, to show the handshake probe can tell.
        `  server { listen 127.0.0.1:${ports.permissive} ssl; ssl_certificate ${certificate}; ssl_certificate_key ${key};`,
        '    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; ssl_ciphers DEFAULT:@SECLEVEL=0; return 200; }',
        '}',
      ].join('\n'),
    );
    nginx = spawn(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.stderr!.on('data', (chunk: Buffer) => (nginxErrors += chunk.toString()));
    for (let attempt = 0; ; attempt++) {
      const up = await request(`${origin}/healthz`, { ca }).then((r) => r.status === 200, () => false);
      if (up) break;
      if (attempt > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${nginxErrors}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await Promise.all(instances?.map((instance) => instance.stop()) ?? []);
    await database?.drop();
    if (prefix) await rm(prefix, { recursive: true, force: true });
  });

  it('takes up a renewed certificate on reload, as the compose file\'s nginx does every 6 hours', async () => {
    const fingerprint = () =>
      new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: ports.https, servername: 'localhost', rejectUnauthorized: false }, () => {
          resolve(socket.getPeerX509Certificate()!.fingerprint256);
          socket.end();
        });
        socket.once('error', reject);
      });
    /** nginx's worker processes: pid and title ("nginx: worker process is shutting down" once told to go). */
    const workers = () =>
      execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(nginx.pid)], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((line) => ({ pid: Number(line.trim().split(/\s+/)[0]), shuttingDown: line.includes('shutting down') }));
    const before = await fingerprint();
    const oldWorkers = new Set(workers().map((worker) => worker.pid));
    // What certbot renew does: new files at the same paths.
    makeCertificate(prefix);
    execFileSync(NGINX, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-s', 'reload']);
    // The old workers stop taking connections (and show it in their title) a moment after the new
    // ones start: until then a new connection may still get the old certificate.
    await waitFor(async () => workers().every((worker) => !oldWorkers.has(worker.pid) || worker.shuttingDown));
    let after = before;
    for (let attempt = 0; after === before && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await fingerprint();
    }
    expect(after).not.toBe(before);
    expect(after).toBe(new X509Certificate(readFileSync(path.join(prefix, 'fullchain.pem'))).fingerprint256);
    ca = readFileSync(path.join(prefix, 'fullchain.pem'), 'utf8');
  });

  it('is set up completely by the compose file', () => {
    const compose = parse(readFileSync(path.join(ROOT, 'deploy/docker-compose.yml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string>; volumes?: string[] }>;
    };
    const settings = [...readFileSync(TEMPLATE, 'utf8').matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(([, name]) => name);
    expect(Object.keys(compose.services.nginx.environment!).sort()).toEqual([...new Set(settings)].sort());
    expect(compose.services['pitchside-1'].environment!.TRUST_PROXY).toBe('true');
    const reload = path.join(ROOT, 'deploy/nginx/entrypoint.d/90-reload-certificates.sh');
    expect(statSync(reload).mode & 0o111).not.toBe(0);
    expect(compose.services.nginx.volumes).toContain('./nginx/entrypoint.d/90-reload-certificates.sh:/docker-entrypoint.d/90-reload-certificates.sh:ro');
  });

  it('speaks TLS 1.2 and 1.3 with HTTP/2, and refuses TLS 1.0 and 1.1, which a permissive server accepts', async () => {
    expect(await handshake(ports.https, { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ca, alpn: ['h2', 'http/1.1'] })).toEqual({ protocol: 'TLSv1.3', alpn: 'h2' });
    expect(await handshake(ports.https, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ca })).toMatchObject({ protocol: 'TLSv1.2' });
    for (const old of ['TLSv1', 'TLSv1.1'] as const) {
      expect(await handshake(ports.permissive, { minVersion: old, maxVersion: old, ca })).toMatchObject({ protocol: old });
      expect(await handshake(ports.https, { minVersion: old, maxVersion: old, ca })).toEqual({ error: expect.stringMatching(/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL/) });
    }
  });

  it('sends HSTS with every answer, over HTTP/1.1 and HTTP/2', async () => {
    const overHttp2 = await http2Request(origin, '/healthz', { ca });
    expect(overHttp2.status).toBe(200);
    expect(overHttp2.headers['strict-transport-security']).toBe('max-age=63072000');
    const notFound = await request(`${origin}/nowhere`, { ca });
    expect(notFound.status).toBe(404);
    expect(notFound.headers['strict-transport-security']).toBe('max-age=63072000');
  });

  it('redirects plain HTTP to HTTPS, except Let\'s Encrypt\'s challenges', async () => {
    const redirected = await request(`http://127.0.0.1:${ports.http}/graphql?query=%7B__typename%7D`);
    expect(redirected.status).toBe(301);
    expect(redirected.headers.location).toBe(`${origin}/graphql?query=%7B__typename%7D`);
    const challenge = await request(`http://127.0.0.1:${ports.http}/.well-known/acme-challenge/token-123`);
    expect(challenge.status).toBe(200);
    expect(challenge.body).toBe('token-123.key-authorization');
    // The API itself is never answered in plain HTTP.
    const post = await request(`http://127.0.0.1:${ports.http}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(post.status).toBe(301);
  });

  it("answers no 502 to requests spaced across nginx's and pitchside's idle timeouts, and deploy/ keeps them in that order", async () => {
    const statuses: number[] = [];
    // Each round leaves nginx's connections to the instances idle for a gap around one of the two
    // timeouts, then sends a burst that reuses as many of them as nginx kept.
    for (const gapMs of [800, 950, 1000, 1050, 1200, 1800, 1950, 2000, 2050, 2200]) {
      await new Promise((resolve) => setTimeout(resolve, gapMs));
      const burst = await Promise.all(
        Array.from({ length: 30 }, () => request(edge, { method: 'POST', body: graphqlBody('{ __typename }'), ca, headers: { 'content-type': 'application/json' } })),
      );
      statuses.push(...burst.map((response) => response.status));
    }
    expect(statuses).toHaveLength(300);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const compose = parse(readFileSync(path.join(ROOT, 'deploy/docker-compose.yml'), 'utf8')) as { services: Record<string, { environment?: Record<string, string> }> };
    const nginxSeconds = Number(/^(\d+)s$/.exec(compose.services.nginx.environment!.UPSTREAM_KEEPALIVE_TIMEOUT)![1]);
    const pitchsideSeconds = Number(compose.services['pitchside-1'].environment!.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS ?? loadConfig({}).keepAliveTimeoutSeconds);
    expect(pitchsideSeconds).toBeGreaterThan(nginxSeconds);
  });

  it('signs up, logs in, lists events and checks in over HTTPS, with the work spread over both instances', async () => {
    const loginId = uniqueLoginId('edge');
    const input = { loginId, password: 'through the edge', name: 'Edge Case', phone: '010-1234-5678', gender: 'MALE' as const };
    const client = { ca, localAddress: '127.0.0.10' };
    const { signUp } = dataOf(await graphqlOver(edge, SignUpDocument, { input }, client));
    const { login } = dataOf(await graphqlOver(edge, LoginDocument, { loginId, password: input.password }, client));

    const admin = await signUpAdmin(instances[0]);
    const event = await createEvent(instances[0], admin.token, { title: 'Behind nginx', startsInMinutes: 10 });
    await addParticipants(instances[1], admin.token, event.id, [signUp.member.id]);

    const { events } = dataOf(await graphqlOver(edge, EventsDocument, {}, { ...client, token: login.token }));
    expect(events.edges.map((e) => e.node.title)).toContain('Behind nginx');
    const checkedIn = dataOf(await graphqlOver(edge, CheckInDocument, { eventId: event.id, ...PITCH, accuracyMeters: 10 }, { ...client, token: login.token }));
    expect(checkedIn.checkIn.attendance).toBe('ATTENDED');

    for (let i = 0; i < 6; i++) dataOf(await graphqlOver(edge, EventsDocument, {}, { ...client, token: login.token }));
    const served = await Promise.all(
      instances.map(async (instance) => {
        const metrics = await (await fetch(instance.url.replace('/graphql', '/metrics'))).text();
        return [...metrics.matchAll(/^graphql_operations_total\{operation="Events",outcome="ok"\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
      }),
    );
    expect(served.every((count) => count > 0)).toBe(true);
    expect(served[0] + served[1]).toBe(7);
  });

  it('passes live updates through: a subscription over wss:// sees check-ins made on either instance', async () => {
    const admin = await signUpAdmin(instances[0]);
    const [first, second] = [await signUpMember(instances[0]), await signUpMember(instances[0])];
    const event = await createEvent(instances[0], admin.token, { title: 'Live behind nginx', startsInMinutes: 10 });
    await addParticipants(instances[0], admin.token, event.id, [first.id, second.id]);
    // A WebSocket that trusts the test's certificate, as a browser trusts the club's.
    class TrustingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { ca });
      }
    }
    const client = createClient({ url: `${origin.replace('https', 'wss')}/graphql`, webSocketImpl: TrustingWebSocket, connectionParams: { authorization: `Bearer ${admin.token}` }, retryAttempts: 0 });
    try {
      const seen = participationChanges(client, event.id);
      await waitFor(async () => (await Promise.all(instances.map((i) => i.app.services.participationFeed.subscribers(event.id)))).some((n) => n === 1));
      for (const [instance, member] of [[instances[0], first], [instances[1], second]] as const) {
        dataOf(await instance.request(CheckInDocument, { eventId: event.id, ...PITCH, accuracyMeters: 10 }, { token: member.token }));
      }
      await waitFor(async () => seen.values.length === 2, 5_000);
      expect(seen.values.map((change) => change.member.id).sort()).toEqual([first.id, second.id].sort());
    } finally {
      await client.dispose();
    }
  });

  it('passes the edge\'s request id and the client\'s own address to pitchside, whatever X-Forwarded-For the client sends', async () => {
    const client = { ca, localAddress: '127.0.0.11', headers: { 'x-forwarded-for': '203.0.113.9', 'x-request-id': 'chosen-by-the-client' } };
    const answer = await graphqlOver(edge, LoginDocument, { loginId: uniqueLoginId('nobody'), password: 'not a password' }, client);
    expect(answer.errors?.[0].extensions?.code).toBe('INVALID_CREDENTIALS');
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    const logged = logs.flatMap(({ lines }) => lines()).filter((line) => line.requestId === requestId);
    expect(logged.map((line) => line.msg)).toContain('request');

    const addresses = await instances[0].app.database.prisma.rateLimitWindow.findMany({ select: { key: true } });
    expect(addresses.some(({ key }) => key.includes('127.0.0.11'))).toBe(true);
    expect(addresses.some(({ key }) => key.includes('203.0.113.9'))).toBe(false);
  });

  it('answers 429 to sign-up and login past the edge\'s rate for one address, and lets everything else through', async () => {
    const login = (localAddress: string, body?: string, headers: Record<string, string> = {}) =>
      request(edge, {
        ca,
        localAddress,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: body ?? graphqlBody(LoginDocument, { loginId: 'someone', password: 'a wrong password' }),
      });
    const allowed = 1 + AUTH_BURST;

    const statuses = [];
    for (let i = 0; i < allowed + 2; i++) statuses.push((await login('127.0.0.20')).status);
    expect(statuses).toEqual([...Array(allowed).fill(200), 429, 429]);
    const refused = await login('127.0.0.20');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.headers['strict-transport-security']).toBe('max-age=63072000');
    expect(JSON.parse(refused.body)).toEqual({
      errors: [{ message: expect.stringContaining('Too many'), extensions: { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 60 } }],
    });

    // Other requests from that address, and logins from another, pass.
    const query = await request(edge, { ca, localAddress: '127.0.0.20', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(query.status).toBe(200);
    expect((await login('127.0.0.21')).status).toBe(200);

    // Counted however the call is dressed: with a token, spelt with JSON escapes, signUp, or over HTTP/2.
    const escaped = graphqlBody(LoginDocument, { loginId: 'someone', password: 'a wrong password' }).replace('login(', '\\u006cogin(');
    const disguises = [
      (address: string) => login(address, undefined, { authorization: 'Bearer not-even-a-token' }),
      (address: string) => login(address, escaped),
      (address: string) => login(address, graphqlBody(SignUpDocument, { input: { loginId: 'x', password: 'y', name: 'z', phone: '0', gender: 'MALE' } })),
      (address: string) =>
        http2Request(origin, '/graphql', { ca, localAddress: address, method: 'POST', headers: { 'content-type': 'application/json' }, body: graphqlBody(LoginDocument, { loginId: 'a', password: 'b' }) }),
    ];
    for (const [index, disguise] of disguises.entries()) {
      const address = `127.0.0.${30 + index}`;
      const answers = [];
      for (let i = 0; i < allowed + 1; i++) answers.push((await disguise(address)).status);
      expect(answers.at(-1)).toBe(429);
    }
  });
});
