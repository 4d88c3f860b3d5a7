import { setUpDatabases } from './databases';

/** Once per run, before any test file: the PostgreSQL server and the migrated database each test file's are cloned from. */
export default async function globalSetup(): Promise<void> {
  (globalThis as { pitchsideTeardown?: () => Promise<void> }).pitchsideTeardown = await setUpDatabases();
}
