import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import type { Logger } from '../../src/logging/logger';
import type { Gender } from '../../src/generated/prisma/client';
import { TestClock } from './clock';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases';
import { graphqlRequest, dataOf, type GraphQLResponse, type RequestOptions } from './graphql-client';
import { SignUpDocument } from './operations.generated';

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
export async function startTestServer(kind: DatabaseKind, options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase(kind));
  const clock = options.clock ?? new TestClock();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
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

let counter = 0;
/** A login id no other test uses: 4–32 characters of a-z 0-9 . _ - */
export function uniqueLoginId(prefix = 'member'): string {
  counter += 1;
  return `${prefix.slice(0, 12)}.${counter}.${randomBytes(4).toString('hex')}`;
}

export interface SignedUpMember {
  id: string;
  loginId: string;
  password: string;
  token: string;
}

export async function signUpMember(
  server: TestServer,
  overrides: Partial<{ loginId: string; password: string; name: string; phone: string; gender: Gender; joinCode: string }> = {},
): Promise<SignedUpMember> {
  const input = {
    loginId: uniqueLoginId(),
    password: 'correct horse battery',
    name: 'Test Member',
    phone: '010-1234-5678',
    gender: 'MALE' as Gender,
    ...overrides,
  };
  const { signUp } = dataOf(await server.request(SignUpDocument, { input }));
  return { id: signUp.member.id, loginId: signUp.member.loginId, password: input.password, token: signUp.token };
}

/** A member made admin directly in the database, as an operator would with admin:create. */
export async function signUpAdmin(server: TestServer): Promise<SignedUpMember> {
  const admin = await signUpMember(server, { loginId: uniqueLoginId('admin') });
  await server.app.database.prisma.member.update({ where: { id: admin.id }, data: { role: 'ADMIN' } });
  return admin;
}
