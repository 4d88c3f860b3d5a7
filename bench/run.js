// npm run bench: the club's load test against pitchside in its production configuration, and the
// same reads against a bare node:http + pg baseline, on one fresh PostgreSQL database, in one run.
const { randomBytes } = require('node:crypto');
const http = require('node:http');
const { readdirSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');
const { hash } = require('@node-rs/argon2');
const autocannon = require('autocannon');
const pg = require('pg');
const { measureDashboard } = require('./dashboard');
const { measureApp } = require('./app');
const { measureLive } = require('./live');
const { embeddedDataDir, gql, start, stop } = require('./processes');

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

/** A process's resident memory (VmRSS) or its lifetime peak (VmHWM), in MB, from /proc. */
function memoryMb(pid, field) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field));
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** CPU seconds a process has used, user and system, from /proc (clock ticks of 10 ms). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // a process that ended in between
  }
}

/** A process's descendants now (the embedded PostgreSQL's postmaster, and its backends and workers), from /proc. */
function descendantPids(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // ended while being read
    }
  }
  const found = [];
  for (let queue = [pid]; queue.length; ) for (const child of children.get(queue.shift()) ?? []) found.push(child), queue.push(child);
  return found;
}

/**
 * Proportional set size, in MB: each process's private pages plus its share of the pages it shares
 * (PostgreSQL's shared buffers and program text among its processes). Summed over processes it
 * counts each page once, where RSS would count shared ones per process.
 */
function pssMb(pids) {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]);
    } catch {
      // ended while being read
    }
  }
  return kb / 1024;
}

/** The PostgreSQL server processes serving a database's connections now. */
async function backendPids(database) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])).rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/**
 * CPU per request while `work` runs: the server's own and its PostgreSQL's (the connections to
 * `database`, or, with none named, the embedded server's processes: the server's descendants).
 * Steadier than requests per second on a shared machine, and it says where the time goes.
 */
async function cpuPerRequest(serverPid, database, work) {
  // Connections come and go with the pools: each one's CPU counts from the start or from its birth.
  const postgresPids = async () => (database ? await backendPids(database) : descendantPids(serverPid));
  const backendCpu = async () => new Map((await postgresPids()).map((pid) => [pid, cpuSeconds(pid)]));
  const [server, postgres] = [cpuSeconds(serverPid), await backendCpu()];
  const result = await work();
  const serverSeconds = cpuSeconds(serverPid) - server;
  let postgresSeconds = 0;
  for (const [pid, seconds] of await backendCpu()) postgresSeconds += seconds - (postgres.get(pid) ?? 0);
  const perRequest = (seconds) => +((seconds * 1000) / result.total).toFixed(3);
  return {
    result,
    serverCpuMsPerRequest: perRequest(serverSeconds),
    postgresCpuMsPerRequest: perRequest(postgresSeconds),
  };
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
/** The first few distinct failed answers of a part, so a run that fails says how. */
const ERROR_SAMPLES = 3;
function sampleError(samples, status, body) {
  const sample = `${status} ${String(body).slice(0, 300)}`;
  if (samples.length < ERROR_SAMPLES && !samples.includes(sample)) samples.push(sample);
}

/**
 * Throughput: one autocannon connection per user, each sending its next read as soon as the last
 * is answered, for the duration. Latencies are every response's own time, so percentiles are exact.
 */
function saturate(url, tokens, eventIds) {
  let nextUser = 0;
  let failed = 0;
  const errorSamples = [];
  const latencies = [];
  const request = (i) => ({
    method: 'POST',
    path: '/graphql',
    setupRequest: (req, context) => {
      context.token ??= tokens[nextUser++ % tokens.length];
      return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${context.token}` }, body: readRequest(i, eventIds) };
    },
    onResponse: (status, body) => {
      if (failedAnswer(status, body)) {
        failed += 1;
        sampleError(errorSamples, status, body);
      }
    },
  });
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: tokens.length, duration: DURATION_SECONDS, requests: [request(0), request(1)] },
      (error, result) => (error ? reject(error) : resolve({ total: result.requests.total, errors: result.errors + result.timeouts + failed, errorSamples, latencies })),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    instance.on('reqError', (error) => sampleError(errorSamples, 'transport', error.message));
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
  const errorSamples = [];
  const post = (agent, token, body) =>
    new Promise((resolve) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const failed = failedAnswer(res.statusCode, text);
          if (failed) sampleError(errorSamples, res.statusCode, text);
          resolve(!failed);
        });
      });
      req.on('error', (error) => {
        sampleError(errorSamples, 'transport', error.message);
        resolve(false);
      });
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
  return { total: latencies.length, errors, errorSamples, latencies };
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
    ...(r.errorSamples.length ? { errorSamples: r.errorSamples } : {}),
    total: r.total,
  };
}

const READY = 'pitchside is ready';
/** How long the server sits idle after its ready line before its resident memory is read. */
const IDLE_SETTLE_MS = 5_000;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (value) => +value.toFixed(1);

/**
 * Milliseconds from exec to the ready line, as `npm start` runs the built server: the first start
 * on a new database (which migrates it; on the embedded one, initdb first) and `restarts` starts
 * after it. With `idleMemory`, also the memory IDLE_SETTLE_MS after each start: pitchside's RSS, and
 * the PSS of pitchside and of its embedded PostgreSQL's processes, and their sum.
 */
async function measureStarts(env, restarts, { idleMemory = false } = {}) {
  const once = async () => {
    const child = await start('sh', ['scripts/serve.sh'], env, READY);
    let memory;
    if (idleMemory) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
      const [pitchside, postgres] = [pssMb([child.pid]), pssMb(descendantPids(child.pid))];
      memory = { rssMb: mb(memoryMb(child.pid, 'VmRSS')), pitchsidePssMb: mb(pitchside), postgresPssMb: mb(postgres), totalPssMb: mb(pitchside + postgres) };
    }
    await stop(child);
    return { ms: child.readyMs, memory };
  };
  const first = await once();
  const later = [];
  for (let i = 0; i < restarts; i++) later.push(await once());
  return {
    firstStartMs: first.ms,
    restartMs: later.map((r) => r.ms),
    medianRestartMs: median(later.map((r) => r.ms)),
    ...(idleMemory ? { idleAfterFirstStart: first.memory, idleAfterRestarts: later.map((r) => r.memory) } : {}),
  };
}

/** The bench's 20 matches, created by the admin over GraphQL. */
async function createMatches(api, adminToken) {
  const eventIds = [];
  for (let i = 0; i < 20; i++) {
    const startsAt = new Date(Date.now() + (i + 1) * 86_400_000);
    const input = { title: `Bench match ${i}`, address: 'Bench ground', audience: 'ALL', fee: 5000, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(), latitude: 37.5, longitude: 127 };
    eventIds.push((await gql(api, 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }', { input }, adminToken)).createEvent.id);
  }
  return eventIds;
}

const benchUsers = () => Array.from({ length: USERS }, (_, i) => ({ loginId: `bench.user.${i}`, password: `bench password ${i}` }));

/** Every user signs up at once: their member ids, and the seconds it took. */
async function signUpAll(api, users) {
  const started = performance.now();
  const signedUp = await Promise.all(
    users.map((u, i) => gql(api, 'mutation ($input: SignUpInput!) { signUp(input: $input) { member { id } } }', { input: { ...u, name: `Bench ${i}`, phone: '010-1234-5678', gender: i % 2 ? 'MALE' : 'FEMALE' } })),
  );
  return { memberIds: signedUp.map((d) => d.signUp.member.id), seconds: (performance.now() - started) / 1000 };
}

/** Every user logs in at once: their tokens, and the logins per second. */
async function loginAll(api, users) {
  const started = performance.now();
  const tokens = (await Promise.all(users.map((u) => gql(api, LOGIN, { l: u.loginId, p: u.password })))).map((d) => d.login.token);
  return { tokens, perSecond: users.length / ((performance.now() - started) / 1000) };
}

/** Each match gets 50 of the members as participants. */
async function addParticipantsAll(api, adminToken, eventIds, memberIds) {
  for (const [i, eventId] of eventIds.entries()) {
    await gql(api, 'mutation ($e: ID!, $m: [ID!]!) { addParticipants(eventId: $e, memberIds: $m) { id } }', { e: eventId, m: memberIds.slice((i * 7) % 150, ((i * 7) % 150) + 50) }, adminToken);
  }
}

/**
 * Phase 2 against one server: every user keeps fetching the match list and a match's detail,
 * first as fast as the answers come back (throughput), then at RATE_PER_USER requests a second
 * each (latency at load), with the server's peak RSS in each part.
 */
async function readPhases(server, base, tokens, eventIds, database) {
  const rssBeforeMb = mb(memoryMb(server.pid, 'VmRSS'));
  const saturated = await withPeakRss(server.pid, () => cpuPerRequest(server.pid, database, () => saturate(base, tokens, eventIds)));
  const paced = await withPeakRss(server.pid, () => pace(`${base}/graphql`, tokens, eventIds));
  const { result, ...cpu } = saturated.result;
  return {
    rssBeforeMb,
    saturated: { ...summary(result), ...cpu, peakRssMb: mb(saturated.peakRssMb) },
    paced: { ...summary(paced.result), peakRssMb: mb(paced.peakRssMb) },
  };
}

/**
 * The embedded PostgreSQL, as a club first runs pitchside (`npm start` without DATABASE_URL):
 * start-up and idle memory on a new DATA_DIR and after restarts, then phases 1 and 2 with the same
 * users, matches and reads.
 */
async function benchEmbedded(env) {
  const dataDir = embeddedDataDir();
  const embeddedEnv = { ...env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '4803' };
  try {
    const startup = await measureStarts(embeddedEnv, 3, { idleMemory: true });
    const server = await start('sh', ['scripts/serve.sh', ...NODE_ARGS], embeddedEnv, READY);
    try {
      const api = 'http://127.0.0.1:4803/graphql';
      const adminToken = (await gql(api, LOGIN, { l: env.ADMIN_LOGIN_ID, p: env.ADMIN_PASSWORD })).login.token;
      const eventIds = await createMatches(api, adminToken);
      const users = benchUsers();
      const signUp = await signUpAll(api, users);
      const login = await loginAll(api, users);
      await addParticipantsAll(api, adminToken, eventIds, signUp.memberIds);
      const reads = await readPhases(server, 'http://127.0.0.1:4803', login.tokens, eventIds, null);
      return {
        startup,
        signUpsPerSecond: +(USERS / signUp.seconds).toFixed(1),
        loginsPerSecond: +login.perSecond.toFixed(1),
        ...reads,
        lifetimePeakRssMb: mb(memoryMb(server.pid, 'VmHWM')),
      };
    } finally {
      await stop(server);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Rounds of all users logging in at once, alternating pitchside and the bare login server. */
const LOGIN_ROUNDS = 5;

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
    // Phase 0: start-up on PostgreSQL, first on the new database (it migrates), then restarts.
    const startup = await measureStarts({ ...env, PORT: '4801' }, 3);
    // As `npm start` runs it: serve.sh sets the production memory settings, then execs node (same pid).
    const server = await start('sh', ['scripts/serve.sh', ...NODE_ARGS], { ...env, PORT: '4801' }, READY);
    children.push(server);
    const baselineServer = await start(process.execPath, [path.join(__dirname, 'baseline-server.js')], { ...env, PORT: '4802' }, 'baseline ready');
    children.push(baselineServer);
    const api = 'http://127.0.0.1:4801/graphql';
    const baselineApi = 'http://127.0.0.1:4802/graphql';

    const adminToken = (await gql(api, LOGIN, { l: env.ADMIN_LOGIN_ID, p: env.ADMIN_PASSWORD })).login.token;
    const eventIds = await createMatches(api, adminToken);

    // Phase 1: every user signs up at once, then logs in at once, in rounds that alternate with the
    // bare login server's (the same logins, one read, the same argon2id verify and a token), so both
    // meet the machine in the same state.
    const bareRate = await bareHashesPerSecond(USERS);
    const users = benchUsers();
    const signUp = await signUpAll(api, users);
    const loginRounds = { pitchside: [], baseline: [] };
    let tokens;
    for (let round = 0; round < LOGIN_ROUNDS; round++) {
      const login = await loginAll(api, users);
      tokens = login.tokens;
      loginRounds.pitchside.push(+login.perSecond.toFixed(1));
      loginRounds.baseline.push(+(await loginAll(baselineApi, users)).perSecond.toFixed(1));
    }
    const loginsPerSecond = median(loginRounds.pitchside);
    const baselineLoginsPerSecond = median(loginRounds.baseline);
    await addParticipantsAll(api, adminToken, eventIds, signUp.memberIds);

    // Phase 2: the reads, against pitchside.
    const reads = await readPhases(server, 'http://127.0.0.1:4801', tokens, eventIds, database);
    // The lifetime peak includes phase 1, where argon2 takes 19 MiB per hash in flight.
    const lifetimePeakRss = memoryMb(server.pid, 'VmHWM');

    // Phase 3: the admins' exports over a term's records: 150 members × 60 settled matches.
    const exportsResult = await withPeakRss(server.pid, () => exportTerm(url.toString(), signUp.memberIds.slice(0, 150), adminToken));

    // Phase 4: the admins' dashboard over that term, in a browser.
    const now = Date.now();
    const season = { name: 'Bench term', startsAt: new Date(now - 70 * 86_400_000).toISOString(), endsAt: new Date(now + 30 * 86_400_000).toISOString() };
    await gql(api, 'mutation ($input: SeasonInput!) { createSeason(input: $input) { id } }', { input: season }, adminToken);
    const dashboard = await withPeakRss(server.pid, () => measureDashboard('http://127.0.0.1:4801', env.ADMIN_LOGIN_ID, env.ADMIN_PASSWORD));

    // Phase 2 again, against the baseline.
    const { result: baselineSaturated, ...baselineCpu } = await cpuPerRequest(baselineServer.pid, database, () => saturate('http://127.0.0.1:4802', tokens, eventIds));
    const baselinePaced = await pace(baselineApi, tokens, eventIds);
    for (const child of children.splice(0)) await stop(child);

    // Phase 5: the embedded database.
    const embedded = await benchEmbedded(env);

    // Phase 6: the members' app's budgets (Lighthouse, JavaScript on the wire).
    const app = await measureApp();

    // Phase 7: live updates, 500 open sockets on one instance.
    const live = await measureLive();

    const results = {
      machine: { cpus: require('node:os').cpus().length, node: process.version },
      phase0Startup: startup,
      phase1: {
        users: USERS,
        signUpSeconds: +signUp.seconds.toFixed(2),
        signUpsPerSecond: +(USERS / signUp.seconds).toFixed(1),
        loginRounds,
        loginsPerSecond,
        baselineLoginsPerSecond,
        loginsToBaselineLogins: +(loginsPerSecond / baselineLoginsPerSecond).toFixed(2),
        bareHashesPerSecond: +bareRate.toFixed(1),
        loginsToBareHashing: +(loginsPerSecond / bareRate).toFixed(2),
        baselineLoginsToBareHashing: +(baselineLoginsPerSecond / bareRate).toFixed(2),
      },
      phase2: {
        seconds: DURATION_SECONDS,
        users: USERS,
        saturated: { pitchside: reads.saturated, baseline: { ...summary(baselineSaturated), ...baselineCpu } },
        [`at${RATE_PER_USER}PerUserPerSecond`]: { pitchside: reads.paced, baseline: summary(baselinePaced) },
        rssBeforeMb: reads.rssBeforeMb,
        lifetimePeakRssMb: mb(lifetimePeakRss),
      },
      phase3Exports: { files: exportsResult.result, peakRssMb: mb(exportsResult.peakRssMb) },
      phase4Dashboard: { ...dashboard.result, serverPeakRssMb: mb(dashboard.peakRssMb) },
      phase5Embedded: embedded,
      phase6App: app,
      phase7Live: live,
    };
    results.phase2.throughputRatio = +(reads.saturated.requestsPerSecond / results.phase2.saturated.baseline.requestsPerSecond).toFixed(2);
    results.phase5Embedded.throughputToPostgres = +(embedded.saturated.requestsPerSecond / reads.saturated.requestsPerSecond).toFixed(2);
    results.phase5Embedded.cpuPerRequestToPostgres = +(
      (embedded.saturated.serverCpuMsPerRequest + embedded.saturated.postgresCpuMsPerRequest) /
      (reads.saturated.serverCpuMsPerRequest + reads.saturated.postgresCpuMsPerRequest)
    ).toFixed(2);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    for (const child of children) await stop(child);
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

module.exports = { benchEmbedded };

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
}
