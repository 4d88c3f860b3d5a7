// npm run bench: the club's load test against pitchside in its production configuration, and the
// same reads against a bare node:http + pg baseline, on one fresh PostgreSQL database, in one run.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const http = require('node:http');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { hash } = require('@node-rs/argon2');
const autocannon = require('autocannon');
const pg = require('pg');
const { measureDashboard } = require('./dashboard');

const ROOT = path.resolve(__dirname, '..');
const ADMIN_URL = process.env.BENCH_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const USERS = Number(process.env.BENCH_USERS || 200);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS || 20);
/** Requests a second each user sends in the paced part of phase 2: a member who never stops tapping. */
const RATE_PER_USER = Number(process.env.BENCH_RATE_PER_USER || 1);
const JWT_SECRET = randomBytes(48).toString('base64');
/** Extra node flags for the server, e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS || '').split(' ').filter(Boolean);

const LOGIN = 'mutation ($l: String!, $p: String!) { login(loginId: $l, password: $p) { token } }';
const EVENTS_QUERY = `query Events { events(first: 20) { edges { node { id title startsAt endsAt fee audience participantCount myParticipation { id attendance payment } } } } }`;
const EVENT_QUERY = `query Event($id: ID!) { event(id: $id) { id title address startsAt endsAt participants { id attendance member { id name } } } }`;

async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function start(command, args, env, readyText) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (output.includes(readyText)) {
        clearInterval(poll);
        resolve(child);
      }
    }, 50);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`)));
  });
}

/** A process's resident memory (VmRSS) or its lifetime peak (VmHWM), in MB, from /proc. */
function memoryMb(pid, field) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field));
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** Samples a process's RSS every 100 ms while `work` runs; answers the work's result and the peak. */
async function withPeakRss(pid, work) {
  let peak = memoryMb(pid, 'VmRSS');
  const timer = setInterval(() => (peak = Math.max(peak, memoryMb(pid, 'VmRSS'))), 100);
  try {
    return { result: await work(), peakRssMb: peak };
  } finally {
    clearInterval(timer);
  }
}

async function gql(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The same machine's bare argon2id rate, with pitchside's parameters, as many at once as phase 1 sends. */
async function bareHashesPerSecond(count) {
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => hash(`password-${i}`, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 })));
  return count / ((performance.now() - started) / 1000);
}

/** The two reads each user alternates: the match list, then one match's detail. */
function readRequest(i, eventIds) {
  return i % 2 === 0
    ? JSON.stringify({ query: EVENTS_QUERY })
    : JSON.stringify({ query: EVENT_QUERY, variables: { id: eventIds[Math.floor(Math.random() * eventIds.length)] } });
}

/** A GraphQL error comes with status 200: it is counted from the body. */
const failedAnswer = (status, body) => status !== 200 || body.includes('"errors"');

/**
 * Throughput: one autocannon connection per user, each sending its next read as soon as the last
 * is answered, for the duration. Latencies are every response's own time, so percentiles are exact.
 */
function saturate(url, tokens, eventIds) {
  let nextUser = 0;
  let failed = 0;
  const latencies = [];
  const request = (i) => ({
    method: 'POST',
    path: '/graphql',
    setupRequest: (req, context) => {
      context.token ??= tokens[nextUser++ % tokens.length];
      return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${context.token}` }, body: readRequest(i, eventIds) };
    },
    onResponse: (status, body) => {
      if (failedAnswer(status, body)) failed += 1;
    },
  });
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: tokens.length, duration: DURATION_SECONDS, requests: [request(0), request(1)] },
      (error, result) => (error ? reject(error) : resolve({ total: result.requests.total, errors: result.errors + result.timeouts + failed, latencies })),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

/**
 * Latency at a given load: each user, on a keep-alive connection of their own, sends a read every
 * 1/RATE_PER_USER s from a random start within the first period, so requests arrive spread out as
 * real users' do. (autocannon's own rate limit releases every connection at the same instant once a
 * second: 200 requests in one burst.) A latency is counted from when the request was due, so a late
 * send counts against the server too.
 */
async function pace(url, tokens, eventIds) {
  const period = 1000 / RATE_PER_USER;
  const latencies = [];
  let errors = 0;
  const post = (agent, token, body) =>
    new Promise((resolve) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(!failedAnswer(res.statusCode, text)));
      });
      req.on('error', () => resolve(false));
      req.end(body);
    });
  const started = performance.now();
  const user = async (token) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let due = started + Math.random() * period;
    for (let i = 0; due < started + DURATION_SECONDS * 1000; i++, due += period) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const ok = await post(agent, token, readRequest(i, eventIds));
      latencies.push(performance.now() - due);
      if (!ok) errors += 1;
    }
    agent.destroy();
  };
  await Promise.all(tokens.map(user));
  return { total: latencies.length, errors, latencies };
}

/**
 * Seeds 60 settled matches with these members in each (9,000 participations, straight into the
 * database), then downloads each export once: its size, rows and time.
 */
async function exportTerm(databaseUrl, memberIds, token) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO events (id, title, address, latitude, longitude, audience, fee, starts_at, ends_at, settled_at, updated_at)
      SELECT gen_random_uuid()::text, 'Term match ' || i, 'Bench ground', 37.5, 127, 'ALL', 5000,
             now() - (i || ' days')::interval, now() - (i || ' days')::interval + interval '2 hours',
             now() - (i || ' days')::interval + interval '2 hours', now()
        FROM generate_series(1, 60) AS i`);
    await client.query(
      `INSERT INTO participations (id, event_id, member_id, attendance, payment, updated_at)
       SELECT gen_random_uuid()::text, e.id, m, 'ATTENDED', 'PAID', now()
         FROM events e CROSS JOIN unnest($1::text[]) AS m WHERE e.title LIKE 'Term match %'`,
      [memberIds],
    );
  } finally {
    await client.end();
  }
  const files = {};
  for (const name of ['members', 'attendance', 'penalties', 'dues']) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:4801/exports/${name}.csv`, { headers: { authorization: `Bearer ${token}` } });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines += 1;
    }
    files[name] = { status: response.status, rows: lines - 1, kb: Math.round(bytes / 1024), ms: Math.round(performance.now() - started) };
  }
  return files;
}

function percentile(sorted, p) {
  return sorted.length ? +sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1) : null;
}

/** Latencies in ms. */
function summary(r) {
  const sorted = r.latencies.sort((x, y) => x - y);
  return {
    requestsPerSecond: Math.round(r.total / DURATION_SECONDS),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: r.errors,
    total: r.total,
  };
}

async function main() {
  const database = `pitchside_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: url.toString(),
    JWT_SECRET,
    AUTH_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    ADMIN_LOGIN_ID: 'bench.admin',
    ADMIN_PASSWORD: 'bench admin password',
    HOST: '127.0.0.1',
  };
  const children = [];
  try {
    // As `npm start` runs it: serve.sh sets the production memory settings, then execs node (same pid).
    const server = await start('sh', ['scripts/serve.sh', ...NODE_ARGS], { ...env, PORT: '4801' }, 'pitchside is ready');
    children.push(server);
    const api = 'http://127.0.0.1:4801/graphql';

    const adminToken = (await gql(api, 'mutation { login(loginId: "bench.admin", password: "bench admin password") { token } }')).login.token;
    const eventIds = [];
    for (let i = 0; i < 20; i++) {
      const startsAt = new Date(Date.now() + (i + 1) * 86_400_000);
      const input = { title: `Bench match ${i}`, address: 'Bench ground', audience: 'ALL', fee: 5000, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(), latitude: 37.5, longitude: 127 };
      eventIds.push((await gql(api, 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }', { input }, adminToken)).createEvent.id);
    }

    // Phase 1: every user signs up and logs in at once.
    const bareRate = await bareHashesPerSecond(USERS);
    const users = Array.from({ length: USERS }, (_, i) => ({ loginId: `bench.user.${i}`, password: `bench password ${i}` }));
    let started = performance.now();
    const signedUp = await Promise.all(
      users.map((u, i) => gql(api, 'mutation ($input: SignUpInput!) { signUp(input: $input) { member { id } } }', { input: { ...u, name: `Bench ${i}`, phone: '010-1234-5678', gender: i % 2 ? 'MALE' : 'FEMALE' } })),
    );
    const signUpSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const tokens = (await Promise.all(users.map((u) => gql(api, LOGIN, { l: u.loginId, p: u.password })))).map((d) => d.login.token);
    const loginSeconds = (performance.now() - started) / 1000;
    const memberIds = signedUp.map((d) => d.signUp.member.id);
    for (const [i, eventId] of eventIds.entries()) {
      await gql(api, 'mutation ($e: ID!, $m: [ID!]!) { addParticipants(eventId: $e, memberIds: $m) { id } }', { e: eventId, m: memberIds.slice((i * 7) % 150, ((i * 7) % 150) + 50) }, adminToken);
    }

    // Phase 2: every user keeps fetching the match list and a match's detail, first as fast as the
    // answers come back (throughput), then at RATE_PER_USER requests a second each (latency at load).
    const rssBefore = memoryMb(server.pid, 'VmRSS');
    const saturated = await withPeakRss(server.pid, () => saturate('http://127.0.0.1:4801', tokens, eventIds));
    const paced = await withPeakRss(server.pid, () => pace('http://127.0.0.1:4801/graphql', tokens, eventIds));
    // The lifetime peak includes phase 1, where argon2 takes 19 MiB per hash in flight.
    const lifetimePeakRss = memoryMb(server.pid, 'VmHWM');

    // Phase 3: the admins' exports over a term's records: 150 members × 60 settled matches.
    const exportsResult = await withPeakRss(server.pid, () => exportTerm(url.toString(), memberIds.slice(0, 150), adminToken));

    // Phase 4: the admins' dashboard over that term, in a browser.
    const now = Date.now();
    const season = { name: 'Bench term', startsAt: new Date(now - 70 * 86_400_000).toISOString(), endsAt: new Date(now + 30 * 86_400_000).toISOString() };
    await gql(api, 'mutation ($input: SeasonInput!) { createSeason(input: $input) { id } }', { input: season }, adminToken);
    const dashboard = await withPeakRss(server.pid, () => measureDashboard('http://127.0.0.1:4801', 'bench.admin', 'bench admin password'));

    const baselineServer = await start(process.execPath, [path.join(__dirname, 'baseline-server.js')], { ...env, PORT: '4802' }, 'baseline ready');
    children.push(baselineServer);
    // The baseline's phase 1: the same 200 logins at once, with nothing but the check and a token.
    started = performance.now();
    await Promise.all(users.map((u) => gql('http://127.0.0.1:4802/graphql', LOGIN, { l: u.loginId, p: u.password })));
    const baselineLoginSeconds = (performance.now() - started) / 1000;
    const baselineSaturated = await saturate('http://127.0.0.1:4802', tokens, eventIds);
    const baselinePaced = await pace('http://127.0.0.1:4802/graphql', tokens, eventIds);

    const mb = (value) => +value.toFixed(1);
    const results = {
      machine: { cpus: require('node:os').cpus().length, node: process.version },
      phase1: {
        users: USERS,
        signUpSeconds: +signUpSeconds.toFixed(2),
        signUpsPerSecond: +(USERS / signUpSeconds).toFixed(1),
        loginSeconds: +loginSeconds.toFixed(2),
        loginsPerSecond: +(USERS / loginSeconds).toFixed(1),
        bareHashesPerSecond: +bareRate.toFixed(1),
        loginsToBareHashing: +((USERS / loginSeconds) / bareRate).toFixed(2),
        baselineLoginsPerSecond: +(USERS / baselineLoginSeconds).toFixed(1),
        baselineLoginsToBareHashing: +((USERS / baselineLoginSeconds) / bareRate).toFixed(2),
      },
      phase2: {
        seconds: DURATION_SECONDS,
        users: USERS,
        saturated: {
          pitchside: { ...summary(saturated.result), peakRssMb: mb(saturated.peakRssMb) },
          baseline: summary(baselineSaturated),
        },
        [`at${RATE_PER_USER}PerUserPerSecond`]: {
          pitchside: { ...summary(paced.result), peakRssMb: mb(paced.peakRssMb) },
          baseline: summary(baselinePaced),
        },
        rssBeforeMb: mb(rssBefore),
        lifetimePeakRssMb: mb(lifetimePeakRss),
      },
      phase3Exports: { files: exportsResult.result, peakRssMb: mb(exportsResult.peakRssMb) },
      phase4Dashboard: { ...dashboard.result, serverPeakRssMb: mb(dashboard.peakRssMb) },
    };
    results.phase2.throughputRatio = +(results.phase2.saturated.pitchside.requestsPerSecond / results.phase2.saturated.baseline.requestsPerSecond).toFixed(2);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
