import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addParticipants, createEvent, PITCH } from '../events/event-fixtures';
import { signUpAdmin, signUpMember } from '../members/member-fixtures';
import { dataOf } from '../support/graphql-client';
import { LoginDocument, MeDocument, SettleEventDocument } from '../support/operations.generated';
import { freePort, ROOT } from '../support/server-process';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitFor } from '../support/wait';

const run = promisify(execFile);
const DEPLOY = path.join(ROOT, 'deploy');
const TOOLS = {
  prometheus: '/usr/bin/prometheus',
  promtool: '/usr/bin/promtool',
  amtool: '/usr/bin/amtool',
  exporter: '/usr/bin/prometheus-postgres-exporter',
};

beforeAll(() => {
  for (const [name, file] of Object.entries(TOOLS)) {
    if (!existsSync(file)) throw new Error(`${file} (${name}) is missing: apt-get install prometheus prometheus-alertmanager prometheus-postgres-exporter (.ci/run does)`);
  }
});

describe('alerts and their routing', () => {
  it('pass their unit tests (promtool test rules), and every config checks', async () => {
    const tested = await run(TOOLS.promtool, ['test', 'rules', path.join(DEPLOY, 'prometheus/alerts.test.yml')]);
    expect(tested.stdout).toMatch(/SUCCESS/);
    expect((await run(TOOLS.promtool, ['check', 'config', path.join(DEPLOY, 'prometheus/prometheus.yml')])).stdout).toMatch(/SUCCESS: 1 rule files found/);
    expect((await run(TOOLS.amtool, ['check-config', path.join(DEPLOY, 'alertmanager/alertmanager.yml')])).stdout).toMatch(/SUCCESS/);
    for (const labels of [['severity=critical', 'alertname=PitchsideSettlementOverdue'], ['severity=warning', 'alertname=PostgresSlowQueries']]) {
      const routed = await run(TOOLS.amtool, ['config', 'routes', 'test', `--config.file=${path.join(DEPLOY, 'alertmanager/alertmanager.yml')}`, ...labels]);
      expect(routed.stdout.trim()).toBe('slack');
    }
  });

  it('has a unit test for every alert it defines', async () => {
    const rules = await readFile(path.join(DEPLOY, 'prometheus/alerts.yml'), 'utf8');
    const tests = await readFile(path.join(DEPLOY, 'prometheus/alerts.test.yml'), 'utf8');
    const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    expect(alerts.filter((alert) => !tests.includes(`alertname: ${alert}\n        exp_alerts:\n          - exp_labels`))).toEqual([]);
  });
});

interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

describe('the Grafana dashboard, against a real Prometheus scraping pitchside and postgres_exporter', () => {
  let server: TestServer;
  let work: string;
  let prometheusUrl: string;
  const children: ChildProcess[] = [];

  const query = async (expr: string) => {
    const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    return (await response.json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  };

  beforeAll(async () => {
    server = await startTestServer();
    work = await mkdtemp(path.join(tmpdir(), 'pitchside-prometheus-'));
    const [exporterPort, prometheusPort] = [await freePort(), await freePort()];
    const dsn = new URL(server.database.url!);
    dsn.searchParams.set('sslmode', 'disable');
    children.push(
      spawn(TOOLS.exporter, [`--web.listen-address=127.0.0.1:${exporterPort}`], { env: { ...process.env, DATA_SOURCE_NAME: dsn.toString() }, stdio: 'ignore' }),
    );
    // The deployed rules, and the deployed jobs' names, with this machine's targets and a fast pace.
    await writeFile(
      path.join(work, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ['${path.join(DEPLOY, 'prometheus/alerts.yml')}']`,
        'scrape_configs:',
        `  - { job_name: pitchside, static_configs: [{ targets: ['127.0.0.1:${server.app.port}'] }] }`,
        `  - { job_name: postgres, static_configs: [{ targets: ['127.0.0.1:${exporterPort}'] }] }`,
      ].join('\n'),
    );
    children.push(
      spawn(
        TOOLS.prometheus,
        [`--config.file=${path.join(work, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(work, 'data')}`, `--web.listen-address=127.0.0.1:${prometheusPort}`, '--log.level=warn'],
        { stdio: 'ignore' },
      ),
    );
    prometheusUrl = `http://127.0.0.1:${prometheusPort}`;

    // A club's day: sign-ups and logins (one wrong), a page that is not there, a match settled with an absentee.
    const admin = await signUpAdmin(server);
    const [present, absent] = [await signUpMember(server), await signUpMember(server)];
    await server.request(LoginDocument, { loginId: present.loginId, password: 'not the password' });
    dataOf(await server.request(MeDocument, undefined, { token: present.token }));
    await fetch(server.url.replace('/graphql', '/nowhere'));
    const match = await createEvent(server, admin.token, { startsInMinutes: 0, ...PITCH });
    await addParticipants(server, admin.token, match.id, [present.id, absent.id]);
    dataOf(await server.request(SettleEventDocument, { id: match.id }, { token: admin.token }));
    // An event that ended ten minutes ago and nobody settled: what the overdue gauge is for.
    const ended = new Date(server.clock.now().getTime() - 10 * 60_000);
    await server.app.database.prisma.event.create({
      data: { title: 'Forgotten', address: 'Pitch', audience: 'ALL', fee: 0, ...PITCH, startsAt: new Date(ended.getTime() - 7_200_000), endsAt: ended },
    });

    await waitFor(async () => {
      const up = await query('up').catch(() => undefined);
      return up?.data.result.filter((r) => r.value[1] === '1').length === 2;
    }, 30_000);
    // Enough scrapes after the traffic for every rate() to have two samples.
    await waitFor(async () => (await query('count_over_time(settlements_total[1m])')).data.result.some((r) => Number(r.value[1]) >= 3), 30_000);
  }, 90_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('is provisioned with the Prometheus data source its panels name', async () => {
    const dashboard = JSON.parse(await readFile(path.join(DEPLOY, 'grafana/dashboards/pitchside.json'), 'utf8')) as { uid: string; panels: Panel[] };
    const datasources = await readFile(path.join(DEPLOY, 'grafana/provisioning/datasources/prometheus.yml'), 'utf8');
    expect(datasources).toMatch(/uid: prometheus/);
    const uids = new Set(dashboard.panels.filter((p) => p.type !== 'row').flatMap((p) => [p.datasource?.uid, ...(p.targets ?? []).map((t) => t.datasource?.uid)]));
    expect(uids).toEqual(new Set(['prometheus']));
    expect(await readFile(path.join(DEPLOY, 'grafana/provisioning/dashboards/pitchside.yml'), 'utf8')).toMatch(/path: \/var\/lib\/grafana\/dashboards/);
  });

  it('has every panel expression answer with data', async () => {
    const dashboard = JSON.parse(await readFile(path.join(DEPLOY, 'grafana/dashboards/pitchside.json'), 'utf8')) as { panels: Panel[] };
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThanOrEqual(12);
    const empty: string[] = [];
    for (const panel of panels) {
      for (const { expr } of panel.targets!) {
        const answer = await query(expr);
        expect([panel.title, expr, answer.status, answer.error]).toEqual([panel.title, expr, 'success', undefined]);
        if (answer.data.result.length === 0) empty.push(`${panel.title}: ${expr}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('loads every alert rule, healthy, and the overdue settlement is already pending', async () => {
    await waitFor(async () => {
      const rules = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; state: string }[] }[] } };
      const all = rules.data.groups.flatMap((group) => group.rules);
      return all.length >= 11 && all.every((rule) => rule.health === 'ok') && all.some((rule) => rule.name === 'PitchsideSettlementOverdue' && rule.state === 'pending');
    }, 20_000);
    expect((await query('settlements_overdue')).data.result.map((r) => r.value[1])).toEqual(['1']);
    expect((await query('database_reachable')).data.result.map((r) => r.value[1])).toEqual(['1']);
    expect((await query('database_pool_connections{state="max"}')).data.result.map((r) => r.value[1])).toEqual(['10']);
  });
});
