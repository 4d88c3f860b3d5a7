import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appModules } from '../../src/modules';

/**
 * The layout the README describes, held by reading the source: each table written by its one
 * owner, modules that declare themselves, domain code that knows nothing of GraphQL.
 */
const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));

/** Prisma model name → the folders allowed to write it. */
const OWNERS: Record<string, string[]> = {
  member: ['modules/members'],
  event: ['modules/events'],
  participation: ['modules/participations', 'modules/dues'],
  penalty: ['modules/penalties'],
  checkInAttempt: ['modules/check-in'],
  loginAttempt: ['modules/auth'],
  rateLimitWindow: ['modules/auth'],
  outboxMessage: ['modules/notifications'],
  season: ['modules/seasons'],
  passwordReset: ['modules/auth'],
  absenceNotice: ['modules/absences'],
  clubSettings: ['modules/club'],
  setupCode: ['modules/club'],
  pushSubscription: ['modules/push'],
  webPushKeys: ['modules/push'],
};
const WRITE = new RegExp(
  `\\.(${Object.keys(OWNERS).join('|')})\\.(create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\\(`,
  'g',
);
/** Raw SQL writes, and retention's batched deletes, which name their table as a string. */
const RAW_WRITE = /\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)|deleteOlderThan\([^,]+,\s*'(\w+)'/g;
const TABLE_MODELS: Record<string, string> = {
  members: 'member',
  events: 'event',
  participations: 'participation',
  penalties: 'penalty',
  check_in_attempts: 'checkInAttempt',
  login_attempts: 'loginAttempt',
  rate_limit_windows: 'rateLimitWindow',
  outbox_messages: 'outboxMessage',
  seasons: 'season',
  password_resets: 'passwordReset',
  absence_notices: 'absenceNotice',
  club_settings: 'clubSettings',
  setup_codes: 'setupCode',
  push_subscriptions: 'pushSubscription',
  web_push_keys: 'webPushKeys',
};

describe('the source layout', () => {
  it('names an owner module for every table of the schema', () => {
    const schema = readFileSync(path.resolve(SRC, '../prisma/schema.prisma'), 'utf8');
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1][0].toLowerCase() + m[1].slice(1));
    expect(models.filter((model) => !OWNERS[model])).toEqual([]);
    const tables = [...schema.matchAll(/@@map\("(\w+)"\)/g)].map((m) => m[1]);
    expect(tables.filter((table) => !TABLE_MODELS[table])).toEqual([]);
  });

  it('writes each table from its owner module only', () => {
    const strays: string[] = [];
    for (const { file, text } of files) {
      const writes = [...text.matchAll(WRITE)].map((m) => m[1]);
      const rawWrites = [...text.matchAll(RAW_WRITE)].map((m) => TABLE_MODELS[m[1] ?? m[2]]).filter(Boolean);
      for (const model of [...writes, ...rawWrites]) {
        if (!OWNERS[model].some((owner) => file.startsWith(`${owner}/`))) strays.push(`${file} writes ${model}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it('lists every module folder once in the manifest list, with every resolver class of the module', () => {
    const folders = readdirSync(path.join(SRC, 'modules'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(appModules.map((module) => module.name).sort()).toEqual(folders.map((folder) => folder.name).sort());
    const declared = new Set(appModules.flatMap((module) => module.resolvers.map((binding) => binding.type.name)));
    const resolverClasses = files
      .filter(({ file }) => file.startsWith('modules/'))
      .flatMap(({ text }) => [...text.matchAll(/@Resolver\([^)]*\)\s*export class (\w+)/g)].map((m) => m[1]));
    expect(resolverClasses.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('keeps src/graphql from importing the modules, directly or through anything it imports (type imports too)', () => {
    const byFile = new Map(files.map(({ file, text }) => [file, text]));
    const importsOf = (file: string) =>
      [...byFile.get(file)!.matchAll(/from '(\.{1,2}\/[^']+)'/g)]
        .map((m) => path.normalize(path.join(path.dirname(file), m[1])))
        .map((target) => (byFile.has(`${target}.ts`) ? `${target}.ts` : `${target}/index.ts`))
        .filter((target) => byFile.has(target));
    const reached = new Map<string, string>();
    const queue = files.filter(({ file }) => file.startsWith('graphql/')).map(({ file }) => file);
    for (const file of queue) {
      for (const target of importsOf(file)) {
        if (reached.has(target) || target.startsWith('graphql/')) continue;
        reached.set(target, file);
        queue.push(target);
      }
    }
    const intoModules = [...reached].filter(([target]) => target.startsWith('modules/') || target === 'services.ts');
    expect(intoModules.map(([target, from]) => `${from} → ${target}`)).toEqual([]);
    expect(reached.size).toBeGreaterThan(3);
  });

  it('keeps GraphQL out of services and rules, and ctx.viewer! out of resolvers', () => {
    const domain = files.filter(({ file }) => /^modules\/.*(\.service|-rules|-scheduler|-notice|-message|-dispatcher|-sweep|-throttle|-scope|-window|rate-limiter)\.ts$/.test(file));
    expect(domain.length).toBeGreaterThan(10);
    expect(domain.filter(({ text }) => /from 'graphql'|graphql\/context|type-graphql/.test(text)).map(({ file }) => file)).toEqual([]);
    expect(files.filter(({ text }) => text.includes('viewer!')).map(({ file }) => file)).toEqual([]);
  });
});
