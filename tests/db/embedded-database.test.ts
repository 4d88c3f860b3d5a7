import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { migrateDatabase, openDatabase } from '../../src/db/database';
import { createLogger } from '../../src/logging/logger';
import { createTestDatabase } from '../support/databases';

const logger = createLogger('silent');

/**
 * What a club first runs: the embedded database made in an empty DATA_DIR (by a child process, so
 * initdb's memory leaves with it) and opened with shared buffers sized for a club, not PostgreSQL's
 * default 128 MB.
 */
describe('the embedded database', () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pitchside-embedded-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('is made in an empty DATA_DIR, migrated, and keeps its rows across a reopen', async () => {
    const dataDir = await newDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = await openDatabase(config, logger);
    try {
      expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      await migrateDatabase(first, logger);
      await first.read(`INSERT INTO rate_limit_windows (key, window_start, hits) VALUES ('probe', now(), 3)`, []);
    } finally {
      await first.close();
    }
    const second = await openDatabase(config, logger);
    try {
      expect(await second.read('SELECT hits FROM rate_limit_windows WHERE key = $1', ['probe'])).toEqual([{ hits: 3 }]);
    } finally {
      await second.close();
    }
  });

  it('runs with 16 MB of shared buffers, whatever the data directory asks for', async () => {
    // The test template was made by plain PGlite, whose postgresql.conf says 128MB.
    const { env, drop } = await createTestDatabase('embedded');
    const database = await openDatabase(loadConfig(env), logger);
    try {
      expect(await database.read('SHOW shared_buffers', [])).toEqual([{ shared_buffers: '16MB' }]);
    } finally {
      await database.close();
      await drop();
    }
  });

  it('says where and why when it cannot make the data directory, and leaves it unlocked', async () => {
    const dataDir = await newDir();
    writeFileSync(path.join(dataDir, 'pglite'), 'a file where the database directory should be');
    const config = loadConfig({ DATA_DIR: dataDir });
    await expect(openDatabase(config, logger)).rejects.toThrow(`Could not create the embedded database in ${path.join(dataDir, 'pglite')}: `);
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
  });
});
