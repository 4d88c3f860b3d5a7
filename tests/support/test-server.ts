import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import type { Logger } from '../../src/logging/logger';
import { TestClock } from './clock';
import { createTestDatabase, type TestDatabase } from './databases';
import { graphqlRequest, type GraphQLResponse, type RequestOptions } from './graphql-client';

export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long';

export interface TestServer {
  app: RunningApp;
  url: string;
  clock: TestClock;
  database: TestDatabase;
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<TData>>;
  /** Stops the server; drops the database unless it was handed in. */
  stop(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Share a database between servers (several instances); the caller drops it. */
  database?: TestDatabase;
  clock?: TestClock;
  /** Where the server's log lines go; none by default. */
  logger?: Logger;
}

/** The real server, in this process, on a random loopback port, over a fresh database. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const clock = options.clock ?? new TestClock();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    // Tests sweep by hand (app.scheduler.sweep()), so a timer never settles behind a test's back.
    SETTLEMENT_SWEEP_SECONDS: '86400',
    // Every test client is 127.0.0.1: tests that need the per-address limit turn it on.
    AUTH_RATE_LIMIT_PER_MINUTE: '0',
    ...database.env,
    ...options.env,
  });
  const app = await startApp(config, { clock, logger: options.logger });
  const url = `http://127.0.0.1:${app.port}/graphql`;
  return {
    app,
    url,
    clock,
    database,
    request: (document, variables, requestOptions) => graphqlRequest(url, document, variables, requestOptions),
    async stop() {
      await app.stop();
      if (!options.database) await database.drop();
    },
  };
}
