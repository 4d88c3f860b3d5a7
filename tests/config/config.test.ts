import { ConfigError, loadConfig } from '../../src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it("has api-rules.md's defaults", () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      databaseUrl: undefined,
      dataDir: './data',
      jwtSecret: undefined,
      jwtTtlSeconds: 12 * 3600,
      bootstrapAdmin: undefined,
      signupCode: undefined,
      loginMaxFailures: 5,
      loginFailureWindowMinutes: 15,
      graphqlIntrospection: true,
      timeZone: 'Asia/Seoul',
      isProduction: false,
      absenceNoticeDeadlineMinutes: 60,
      matchReminderMinutes: 120,
      backups: undefined,
      tracing: false,
      corsOrigins: [],
      keepAliveTimeoutSeconds: 65,
      queryLimits: { maxCharacters: 32_768, maxTokens: 3000, maxDirectives: 5, maxAliases: 15, maxFields: 300, maxDepth: 15, maxCost: 100_000 },
    });
  });

  it('takes CORS_ORIGINS as a list of origins, and refuses a wildcard, a path or another scheme', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://club.example.org, http://localhost:5173' }).corsOrigins).toEqual(['https://club.example.org', 'http://localhost:5173']);
    for (const bad of ['*', 'https://club.example.org/app', 'club.example.org', 'ftp://club.example.org']) {
      expect(problemsOf({ CORS_ORIGINS: bad })).toEqual([expect.stringContaining('CORS_ORIGINS must list origins')]);
    }
  });

  it('turns tracing on with an OTLP endpoint, unless the SDK or the traces exporter is turned off', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toBe(true);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).tracing).toBe(true);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toBe(false);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }).tracing).toBe(false);
  });

  it('reads the backup settings, with their defaults', () => {
    expect(loadConfig({ BACKUP_DIR: '/var/backups/pitchside' }).backups).toEqual({ dir: '/var/backups/pitchside', intervalHours: 24, keep: 7 });
    expect(loadConfig({ BACKUP_DIR: '/b', BACKUP_INTERVAL_HOURS: '6', BACKUP_KEEP: '30' }).backups).toEqual({ dir: '/b', intervalHours: 6, keep: 30 });
    expect(problemsOf({ BACKUP_DIR: '/b', BACKUP_KEEP: '0' })).toEqual([expect.stringMatching(/BACKUP_KEEP/)]);
  });

  it('reads every setting it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://club@db:5432/club',
      DATA_DIR: '/var/lib/pitchside',
      JWT_SECRET: 's'.repeat(32),
      JWT_TTL: '30m',
      ADMIN_LOGIN_ID: 'captain',
      ADMIN_PASSWORD: 'kickoff-at-ten',
      SIGNUP_CODE: 'join-us',
      GRAPHQL_INTROSPECTION: 'false',
      TZ: 'Europe/London',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://club@db:5432/club',
      dataDir: '/var/lib/pitchside',
      jwtTtlSeconds: 1800,
      bootstrapAdmin: { loginId: 'captain', password: 'kickoff-at-ten' },
      signupCode: 'join-us',
      graphqlIntrospection: false,
      timeZone: 'Europe/London',
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }],
    ['JWT_TTL', { JWT_TTL: 'forever' }],
    ['JWT_TTL', { JWT_TTL: '0h' }],
    ['ADMIN_LOGIN_ID', { ADMIN_LOGIN_ID: 'captain' }],
    ['ADMIN_LOGIN_ID', { ADMIN_PASSWORD: 'kickoff-at-ten' }],
    ['GRAPHQL_INTROSPECTION', { GRAPHQL_INTROSPECTION: 'maybe' }],
    ['TZ', { TZ: 'Mars/Olympus_Mons' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
  ])('refuses a bad %s, naming it', (name, env) => {
    expect(problemsOf(env).join('\n')).toContain(name);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', JWT_TTL: 'y', TZ: 'z' })).toHaveLength(3);
  });

  it('refuses production without a JWT_SECRET of at least 32 bytes', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join()).toMatch(/JWT_SECRET is required/);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) }).join()).toMatch(/JWT_SECRET must be at least 32 bytes/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).isProduction).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000 });
  });
});
