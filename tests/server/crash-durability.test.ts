import { PGlite } from '@electric-sql/pglite';
import path from 'node:path';
import { signUpInput } from '../members/member-fixtures';
import { createTestDatabase } from '../support/databases';
import { graphqlRequest } from '../support/graphql-client';
import { SignUpDocument } from '../support/operations.generated';
import { startServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';

const WRITERS = 8;
const ROUNDS = 3;

/**
 * The embedded database killed with the server (SIGKILL) while eight clients sign up at once: every
 * sign-up the server acknowledged is there after the restart. PGlite commits are durable on disk
 * before the answer goes out.
 */
describe('a SIGKILL under concurrent writes on the embedded database', () => {
  it('loses no acknowledged write', async () => {
    const database = await createTestDatabase('embedded');
    const acknowledged: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const server = await startServerProcess(database.env);
        let killed = false;
        const writer = async () => {
          while (!killed) {
            const input = signUpInput();
            try {
              const response = await graphqlRequest(server.url, SignUpDocument, { input });
              if (response.data?.signUp.member.loginId === input.loginId) acknowledged.push(input.loginId);
            } catch {
              // The server died with this request in flight: it was never acknowledged.
            }
          }
        };
        const before = acknowledged.length;
        const writers = Array.from({ length: WRITERS }, writer);
        await waitFor(async () => acknowledged.length >= before + 40, 30_000);
        server.child.kill('SIGKILL');
        await server.exited;
        killed = true;
        await Promise.all(writers);
      }
      const pglite = new PGlite(path.join(database.env.DATA_DIR, 'pglite'));
      try {
        const { rows } = await pglite.query<{ login_id: string }>('SELECT login_id FROM members WHERE login_id = ANY($1)', [acknowledged]);
        expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * 40);
        expect(rows.map((row) => row.login_id).sort()).toEqual([...acknowledged].sort());
      } finally {
        await pglite.close();
      }
    } finally {
      await database.drop();
    }
  });
});
