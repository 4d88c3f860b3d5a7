import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signUpInput } from '../members/member-fixtures';
import { createEmbeddedDataDir, createTestDatabase, type TestDatabase } from '../support/databases';
import { graphqlRequest } from '../support/graphql-client';
import { MeDocument, SignUpDocument } from '../support/operations.generated';
import { freePort, runNode, startServerProcess, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: { stringValue?: string } }[];
}

/** A stand-in OTLP/HTTP collector: takes JSON trace exports at /v1/traces and keeps their spans. */
async function startCollector() {
  const spans: (OtlpSpan & { service: string })[] = [];
  const paths: string[] = [];
  const server: Server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    paths.push(`${request.method} ${request.url} ${request.headers['content-type']}`);
    if (request.url !== '/v1/traces') return void response.writeHead(404).end();
    const exported = JSON.parse(body) as {
      resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
    };
    for (const { resource, scopeSpans } of exported.resourceSpans) {
      const service = resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
      for (const scope of scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, spans, paths, close: () => new Promise((resolve) => server.close(resolve)) };
}

const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((a) => a.key === key)?.value.stringValue;

describe('traces over OTLP', () => {
  let database: TestDatabase;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    collector = await startCollector();
    server = await startServerProcess({
      ...database.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await collector?.close();
    await database?.drop();
  });

  it('has each request, its GraphQL operation by name, its root fields and each SQL statement in one trace', async () => {
    const signedUp = await graphqlRequest(server.url, SignUpDocument, { input: signUpInput() });
    const me = await graphqlRequest(server.url, MeDocument, undefined, { token: signedUp.data!.signUp.token });
    expect(me.data?.me?.id).toBe(signedUp.data!.signUp.member.id);

    await waitFor(async () => collector.spans.some((span) => span.name === 'query Me'), 15_000);
    expect(new Set(collector.paths)).toEqual(new Set(['POST /v1/traces application/json']));
    const operation = collector.spans.find((span) => span.name === 'query Me')!;
    const trace = collector.spans.filter((span) => span.traceId === operation.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const ancestors = (span: OtlpSpan): OtlpSpan[] => {
      const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
      return parent ? [parent, ...ancestors(parent)] : [];
    };

    const request = trace.find((span) => span.kind === 2 && !span.parentSpanId)!;
    expect(request).toBeDefined();
    expect(request.service).toBe('pitchside');
    expect(ancestors(operation)).toContain(request);
    const field = trace.find((span) => span.name === 'graphql.resolve me')!;
    expect(ancestors(field)).toContain(operation);
    // Root fields only: no span for me.id or deeper.
    expect(trace.filter((span) => span.name.startsWith('graphql.resolve ')).map((span) => span.name)).toEqual(['graphql.resolve me']);
    const statements = trace.filter((span) => attribute(span, 'db.system') === 'postgresql');
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((span) => attribute(span, 'pitchside.database') === 'postgres')).toBe(true);
    expect(statements.map((span) => attribute(span, 'db.query.text')).join('\n')).toMatch(/FROM\s+"?members"?/i);
    for (const statement of statements) expect(ancestors(statement)).toContain(request);

    // The sign-up's statements are traced too, Prisma's writes included, and no value is in them.
    const signUp = collector.spans.find((span) => span.name === 'mutation SignUp')!;
    const writes = collector.spans.filter((span) => span.traceId === signUp.traceId && span.name === 'INSERT');
    expect(writes.length).toBeGreaterThan(0);
    expect(JSON.stringify(collector.spans)).not.toContain('correct horse battery');
  });
});

describe('with tracing off', () => {
  it('loads none of OpenTelemetry\'s SDK, exporters or instrumentations', async () => {
    const database = await createEmbeddedDataDir();
    const probe = path.join(tmpdir(), `pitchside-loaded-${process.pid}.js`);
    // Reports, as the process exits, how many modules of OpenTelemetry's SDK, exporters and
    // instrumentations were ever required. (Prisma itself loads @opentelemetry/api, a no-op facade
    // without an SDK.)
    await writeFile(
      probe,
      "process.on('exit', () => require('node:fs').writeSync(1, `opentelemetry modules: ${Object.keys(require.cache).filter((k) => /@opentelemetry\\/(?!api\\/)/.test(k)).length}\\n`));\n",
    );
    try {
      const started = runNode('main.js', [], { ...database.env, PORT: String(await freePort()), HOST: '127.0.0.1', NODE_OPTIONS: `--require ${probe}` });
      await waitFor(async () => started.output().includes('pitchside is ready'), 30_000);
      started.child.kill('SIGTERM');
      expect(await started.exited).toBe(0);
      expect(started.output()).toContain('opentelemetry modules: 0');
    } finally {
      await database.drop();
    }
  });
});
