import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { hashPassword } from '../../src/auth/passwords';
import { pgliteSession } from '../../src/db/embedded/pglite-session';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate';
import { createLogger } from '../../src/logging/logger';
import { signUpInput } from '../members/member-fixtures';
import { openTempDir } from '../support/databases';
import { embeddedQuery, postgresProcessesOf, treeDigest } from '../support/embedded-postgres';
import { dataOf, graphqlRequest } from '../support/graphql-client';
import { LoginDocument, SignUpDocument } from '../support/operations.generated';
import { logLinesOf, runNode, startServerProcess } from '../support/server-process';

const logger = createLogger('silent');

/** The previous release's migrations: a DATA_DIR it wrote is at one of these, not the newest. */
async function previousMigrations(count: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pitchside-old-migrations-'));
  const names = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort().slice(0, count);
  for (const name of names) await cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  return dir;
}

interface PreviousClub {
  dataDir: string;
  member: { id: string; loginId: string; password: string };
  counts: Record<string, number>;
}

/**
 * A DATA_DIR as the previous release left it: PGlite (DATA_DIR/pglite), migrated to an older
 * migration, with a club's rows written through that schema.
 */
async function writePreviousRelease(): Promise<PreviousClub> {
  const dataDir = await openTempDir('pitchside-pglite-');
  const migrations = await previousMigrations(3);
  const pglite = new PGlite(path.join(dataDir, 'pglite'));
  const member = { id: 'member-previous-1', loginId: 'previous.keeper', password: 'correct horse battery' };
  try {
    await migrate(pgliteSession(pglite), logger, migrations);
    const hash = await hashPassword(member.password);
    await pglite.query(
      `INSERT INTO members (id, login_id, password_hash, name, phone, gender, role, updated_at) VALUES
         ($1, $2, $3, '골키퍼', '010-1111-2222', 'MALE', 'MEMBER', now()),
         ('member-previous-2', 'previous.admin', $3, '총무', NULL, 'FEMALE', 'ADMIN', now()),
         ('member-previous-3', 'previous.striker', $3, '공격수', '010-3333-4444', 'MALE', 'MEMBER', now())`,
      [member.id, member.loginId, hash],
    );
    await pglite.exec(`
      INSERT INTO events (id, title, address, latitude, longitude, audience, fee, starts_at, ends_at, settled_at, updated_at)
        VALUES ('event-previous-1', '11월 정기전', '서울 마포구 월드컵로 240', 37.568, 126.897, 'ALL', 5000, now() - interval '3 days', now() - interval '3 days' + interval '2 hours', now() - interval '2 days', now());
      INSERT INTO participations (id, event_id, member_id, attendance, payment, updated_at) VALUES
        ('participation-previous-1', 'event-previous-1', 'member-previous-1', 'ATTENDED', 'PAID', now()),
        ('participation-previous-2', 'event-previous-1', 'member-previous-3', 'ABSENT', 'UNPAID', now());
      INSERT INTO penalties (id, member_id, event_id, reason, points) VALUES
        ('penalty-previous-1', 'member-previous-3', 'event-previous-1', 'ABSENT', 3),
        ('penalty-previous-2', 'member-previous-3', 'event-previous-1', 'UNPAID', 1);
      INSERT INTO login_attempts (id, login_id, outcome) VALUES ('attempt-previous-1', 'previous.keeper', 'SUCCEEDED');`);
  } finally {
    await pglite.close();
    await rm(migrations, { recursive: true, force: true });
  }
  return { dataDir, member, counts: { members: 3, events: 1, participations: 2, penalties: 2, login_attempts: 1 } };
}

describe('the move from the previous release (PGlite)', () => {
  const dirs: string[] = [];
  let original: PreviousClub;
  /** A copy of the previous release's DATA_DIR (made once: a PGlite start takes seconds). */
  async function previousReleaseDataDir(): Promise<PreviousClub> {
    const dataDir = await openTempDir('pitchside-pglite-');
    dirs.push(dataDir);
    await cp(path.join(original.dataDir, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
    return { ...original, dataDir };
  }
  /** A cluster with a member in it, made by a start on another DATA_DIR: what a move cut short, or somebody, left. */
  let otherCluster: string;
  beforeAll(async () => {
    original = await writePreviousRelease();
    dirs.push(original.dataDir);
    const other = await openTempDir('pitchside-other-');
    dirs.push(other);
    const server = await startServerProcess({ DATA_DIR: other });
    dataOf(await graphqlRequest(server.url, SignUpDocument, { input: signUpInput() }));
    expect(await server.stop()).toBe(0);
    otherCluster = path.join(other, 'postgres');
  });
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('moves every row into PostgreSQL on the first start, keeps the old directory under a new name, and says where', async () => {
    const club = await previousReleaseDataDir();
    const before = treeDigest(path.join(club.dataDir, 'pglite'));
    const server = await startServerProcess({ DATA_DIR: club.dataDir, LOG_LEVEL: 'info' });
    try {
      const moved = logLinesOf(server.output()).find((line) => line.msg.startsWith('moved the embedded database from PGlite into PostgreSQL'));
      expect(moved).toMatchObject({ rows: 9, counts: expect.objectContaining(club.counts) });
      const keptAt = moved!.keptAt as string;
      expect(moved!.msg).toContain(`the old directory is kept at ${keptAt}`);
      expect(path.dirname(keptAt)).toBe(club.dataDir);
      expect(treeDigest(keptAt)).toBe(before);
      expect(existsSync(path.join(club.dataDir, 'pglite'))).toBe(false);
      expect(existsSync(path.join(club.dataDir, '.pglite-move'))).toBe(false);

      for (const [table, count] of Object.entries(club.counts)) {
        const [{ n }] = await embeddedQuery<{ n: number }>(club.dataDir, `SELECT count(*)::int AS n FROM ${table}`);
        expect([table, n]).toEqual([table, count]);
      }
      // The member signs in with the password the previous release stored, and is the same member.
      const login = dataOf(await graphqlRequest(server.url, LoginDocument, { loginId: club.member.loginId, password: club.member.password })).login;
      expect(login.member.id).toBe(club.member.id);
      const [{ name }] = await embeddedQuery<{ name: string }>(club.dataDir, 'SELECT name FROM members WHERE id = $1', [club.member.id]);
      expect(name).toBe('골키퍼');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // Moved once: the next start just starts.
    const again = await startServerProcess({ DATA_DIR: club.dataDir, LOG_LEVEL: 'info' });
    expect(again.output()).not.toMatch(/PGlite/);
    expect(await again.stop()).toBe(0);
  });

  it('a move that fails exits 1 with one line naming what failed, and leaves the PGlite directory untouched', async () => {
    const club = await previousReleaseDataDir();
    // A migration the previous release recorded as failed: this release refuses to go on past it.
    const pglite = new PGlite(path.join(club.dataDir, 'pglite'));
    await pglite.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('x', 'x', '20261128050000_half_done', now())`);
    await pglite.close();
    const before = treeDigest(path.join(club.dataDir, 'pglite'));

    const run = runNode('main.js', [], { DATA_DIR: club.dataDir, PORT: '0' });
    expect(await run.exited).toBe(1);
    const printed = run.output().trim().split('\n').filter((line) => !line.startsWith('{'));
    expect(printed).toEqual([
      expect.stringMatching(/^pitchside could not start: moving the embedded database from PGlite to PostgreSQL failed \(exporting the PGlite database\): Migration 20261128050000_half_done failed earlier .*; \S+\/pglite is untouched$/),
    ]);
    expect(treeDigest(path.join(club.dataDir, 'pglite'))).toBe(before);
    expect(existsSync(path.join(club.dataDir, 'postgres'))).toBe(false);
    expect(existsSync(path.join(club.dataDir, '.pglite-move'))).toBe(false);
    expect(postgresProcessesOf(club.dataDir)).toEqual([]);
  });

  it('a move cut short by a SIGKILL is made again from the start on the next start', async () => {
    const club = await previousReleaseDataDir();
    // What a kill during the import leaves: the work directory, and a new cluster with some rows in it.
    execFileSync('cp', ['-a', otherCluster, path.join(club.dataDir, 'postgres')]);
    mkdirSync(path.join(club.dataDir, '.pglite-move'));

    const server = await startServerProcess({ DATA_DIR: club.dataDir, LOG_LEVEL: 'info' });
    try {
      const members = await embeddedQuery<{ login_id: string }>(club.dataDir, 'SELECT login_id FROM members ORDER BY login_id');
      expect(members.map((m) => m.login_id)).toEqual(['previous.admin', 'previous.keeper', 'previous.striker']);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('refuses a DATA_DIR holding both a PGlite database and a PostgreSQL cluster that no move left', async () => {
    const club = await previousReleaseDataDir();
    execFileSync('cp', ['-a', otherCluster, path.join(club.dataDir, 'postgres')]);
    const run = runNode('main.js', [], { DATA_DIR: club.dataDir, PORT: '0' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`pitchside could not start: DATA_DIR ${club.dataDir} holds both a PGlite database (pglite) and a PostgreSQL one (postgres); move one of them out`);
    expect(existsSync(path.join(club.dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
  });
});
