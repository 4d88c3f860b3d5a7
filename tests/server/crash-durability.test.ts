import { signUpInput } from '../members/member-fixtures';
import { createEmbeddedDataDir } from '../support/databases';
import { embeddedQuery } from '../support/embedded-postgres';
import { graphqlRequest } from '../support/graphql-client';
import { SignUpDocument } from '../support/operations.generated';
import { startServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait';

const WRITERS = 8;
const ROUNDS = 3;

/**
 * pitchside killed (SIGKILL) while eight clients sign up at once, three times over: each next start
 * stops the orphaned embedded PostgreSQL and starts again, and every sign-up the server acknowledged
 * is there. A commit is on disk (fsync) before the answer goes out, and a fast shutdown keeps it.
 */
describe('a SIGKILL under concurrent writes on the embedded database', () => {
  it('loses no acknowledged write', async () => {
    const database = await createEmbeddedDataDir();
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
      const server = await startServerProcess(database.env);
      try {
        const rows = await embeddedQuery<{ login_id: string }>(database.dataDir, 'SELECT login_id FROM members WHERE login_id = ANY($1)', [acknowledged]);
        expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * 40);
        expect(rows.map((row) => row.login_id).sort()).toEqual([...acknowledged].sort());
      } finally {
        expect(await server.stop()).toBe(0);
      }
    } finally {
      await database.drop();
    }
  });
});
