import { defineConfig } from 'prisma/config';

// Only `prisma generate` runs here: migrations are applied by src/db/migrate.ts
// (see README, "Adding a migration").
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
