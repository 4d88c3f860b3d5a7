// Generates the Prisma client. Prisma 7's CLI fetches its native schema engine before every
// command, even `generate`, which never uses it; offline that fetch fails. Naming any existing
// file as the engine skips the fetch (see ../shared/platform-notes.md). An operator's own
// PRISMA_SCHEMA_ENGINE_BINARY is left alone.
const { spawnSync } = require('node:child_process');

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
