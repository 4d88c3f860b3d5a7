// Live updates under load: one instance (npm start's way, on the embedded database) holding many
// open sockets, every one subscribed to the same match, while members check in one after another.
// Measured: how long each check-in takes to reach every socket (from the moment the check-in is
// sent), and the server's memory per open socket. `npm run bench:live` runs it alone.
const { readFileSync, rmSync } = require('node:fs');
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');
const { embeddedDataDir, gql, start, stop } = require('./processes');

const SOCKETS = Number(process.env.BENCH_LIVE_SOCKETS || 500);
/** Members behind the sockets; each has several (their phone, their laptop, …). */
const MEMBERS = Number(process.env.BENCH_LIVE_MEMBERS || 100);
const CHECK_INS = Number(process.env.BENCH_LIVE_CHECK_INS || 20);
const PORT = 4811;
const PITCH = { latitude: 37.568256, longitude: 126.89724 };

const rssMb = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)[1]) / 1024;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function measureLive() {
  const dataDir = embeddedDataDir();
  const env = {
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-that-is-at-least-32-bytes-long',
    DATA_DIR: dataDir,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    AUTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    ADMIN_LOGIN_ID: 'bench.admin',
    ADMIN_PASSWORD: 'bench admin password',
    // Every socket here comes from 127.0.0.1.
    LIVE_MAX_SOCKETS_PER_ADDRESS: String(SOCKETS + 10),
  };
  const api = `http://127.0.0.1:${PORT}/graphql`;
  const server = await start('sh', ['scripts/serve.sh'], env, 'pitchside is ready at');
  const clients = [];
  try {
    const adminToken = (await gql(api, 'mutation ($l: String!, $p: String!) { login(loginId: $l, password: $p) { token } }', { l: env.ADMIN_LOGIN_ID, p: env.ADMIN_PASSWORD })).login.token;
    const startsAt = new Date(Date.now() + 30 * 60_000);
    const input = { title: 'Live bench', address: 'Seoul World Cup Stadium', audience: 'ALL', fee: 0, ...PITCH, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString() };
    const eventId = (await gql(api, 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }', { input }, adminToken)).createEvent.id;
    const members = [];
    for (let batch = 0; batch < MEMBERS; batch += 10) {
      const signUps = Array.from({ length: Math.min(10, MEMBERS - batch) }, (_, i) => {
        const loginId = `live.${batch + i}`;
        return gql(api, 'mutation ($input: SignUpInput!) { signUp(input: $input) { token member { id } } }', {
          input: { loginId, password: 'live bench password', name: `회원 ${batch + i}`, phone: '010-1234-5678', gender: 'MALE' },
        });
      });
      for (const { signUp } of await Promise.all(signUps)) members.push({ id: signUp.member.id, token: signUp.token });
    }
    await gql(api, 'mutation ($e: ID!, $m: [ID!]!) { addParticipants(eventId: $e, memberIds: $m) { id } }', { e: eventId, m: members.map((m) => m.id) }, adminToken);

    await sleep(2_000);
    const rssBefore = rssMb(server.pid);
    /** Per check-in (by member id): when it was sent, and when each socket got it. */
    const sentAt = new Map();
    const latencies = [];
    let connected = 0;
    for (let i = 0; i < SOCKETS; i++) {
      const member = members[i % members.length];
      const client = createClient({
        url: api.replace('http', 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${member.token}` },
        lazy: false,
        retryAttempts: 0,
        on: { connected: () => (connected += 1) },
      });
      client.subscribe(
        { query: 'subscription ($e: ID!) { participationChanged(eventId: $e) { attendance member { id } } }', variables: { e: eventId } },
        {
          next: ({ data }) => {
            const sent = sentAt.get(data.participationChanged.member.id);
            if (sent !== undefined) latencies.push(performance.now() - sent);
          },
          error: (error) => console.error('subscription error', error),
          complete: () => undefined,
        },
      );
      clients.push(client);
    }
    while (connected < SOCKETS) await sleep(50);
    // The last subscribe messages are read by now: nothing else is on the wire.
    await sleep(1_000);
    const rssOpen = rssMb(server.pid);

    let missed = 0;
    for (let i = 0; i < CHECK_INS; i++) {
      const member = members[i];
      const expected = latencies.length + SOCKETS;
      sentAt.set(member.id, performance.now());
      await gql(api, 'mutation ($e: ID!, $la: Float!, $lo: Float!) { checkIn(eventId: $e, latitude: $la, longitude: $lo, accuracyMeters: 10) { id } }', { e: eventId, la: PITCH.latitude, lo: PITCH.longitude }, member.token);
      const deadline = performance.now() + 10_000;
      while (latencies.length < expected && performance.now() < deadline) await sleep(5);
      missed += Math.max(0, expected - latencies.length);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const ms = (value) => +value.toFixed(1);
    return {
      sockets: SOCKETS,
      members: MEMBERS,
      checkIns: CHECK_INS,
      deliveries: latencies.length,
      missed,
      latencyMs: { p50: ms(quantile(sorted, 0.5)), p99: ms(quantile(sorted, 0.99)), max: ms(sorted[sorted.length - 1]) },
      rssMb: { before: +rssBefore.toFixed(1), withSockets: +rssOpen.toFixed(1) },
      kbPerSocket: +(((rssOpen - rssBefore) * 1024) / SOCKETS).toFixed(1),
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

module.exports = { measureLive };

if (require.main === module) {
  measureLive().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
