/**
 * The one typed configuration object. `loadConfig` is the only reader of the environment:
 * main.ts hands it `process.env`, tests hand it a plain object. Names and defaults are those of
 * ../shared/api-rules.md ("Settings"); anything invalid stops start-up with every bad variable named.
 */
/** What one GraphQL document may ask (GRAPHQL_MAX_*; src/graphql/query-limits.ts counts it). */
export interface QueryLimitSettings {
  maxCharacters: number;
  maxTokens: number;
  maxDirectives: number;
  maxAliases: number;
  maxFields: number;
  maxDepth: number;
  maxCost: number;
}

export interface Config {
  /** The club's name, shown by its web app and on phones that install it. */
  clubName: string;
  /** NODE_ENV=production: a JWT_SECRET is then required. */
  isProduction: boolean;
  host: string | undefined;
  /** The URL clients reach this service at (behind the load balancer); links are built on it. */
  publicUrl: string | undefined;
  /** Behind a load balancer: the client address is the first of X-Forwarded-For. */
  trustProxy: boolean;
  port: number;
  /** PostgreSQL connection string; undefined means the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** How long start-up waits for PostgreSQL to accept connections before it gives up. */
  databaseConnectTimeoutSeconds: number;
  dataDir: string;
  /** Undefined outside production: a generated secret is kept in `dataDir` instead. */
  jwtSecret: string | undefined;
  jwtTtlSeconds: number;
  jwtIssuer: string;
  jwtAudience: string;
  /** Both set, or neither. */
  bootstrapAdmin: { loginId: string; password: string } | undefined;
  signupCode: string | undefined;
  loginMaxFailures: number;
  loginFailureWindowMinutes: number;
  /** signUp and login calls per client address per minute; 0: no limit. */
  authRateLimitPerMinute: number;
  /** Undefined when no geocoder is configured: events then need coordinates. */
  geocoder: GeocoderSettings | undefined;
  checkIn: CheckInPolicy;
  penalties: PenaltyPolicy;
  settlement: SettlementSettings;
  graphqlIntrospection: boolean;
  /** Origins whose browser pages may call /graphql (CORS); empty: none. */
  corsOrigins: string[];
  queryLimits: QueryLimitSettings;
  timeZone: string;
  logLevel: LogLevel;
  /** LOG_FORMAT: `auto` is readable lines on a terminal and JSON lines anywhere else. */
  logFormat: LogFormat;
  shutdownTimeoutMs: number;
  /**
   * How long an idle kept-alive connection stays open. Above a proxy's own idle timeout for its
   * connections to us (deploy/'s nginx: 60 s), so that the proxy closes first and never sends a
   * request on a connection we are closing.
   */
  keepAliveTimeoutSeconds: number;
  /** How long one GraphQL request may run before the client is answered REQUEST_TIMEOUT. */
  executionTimeoutMs: number;
  /** GraphQL executions at once; more wait their turn (within EXECUTION_TIMEOUT_MS). */
  graphqlMaxConcurrency: number;
  /** How long an admin-issued password reset code works. */
  passwordResetTtlHours: number;
  /** Login attempts, rate-limit windows and check-in attempts older than this many days are deleted. */
  retentionDays: number;
  /** Absence notices close this many minutes before an event's start. */
  absenceNoticeDeadlineMinutes: number;
  /** The club webhook's reminder goes this many minutes before an event's start; 0: no reminders. */
  matchReminderMinutes: number;
  /** Where scheduled backups are written; undefined: none. */
  backups: BackupSettings | undefined;
  live: LiveSettings;
  webPush: WebPushSettings;
  /**
   * OpenTelemetry traces: on when an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, or its
   * traces-only form), unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none. The SDK reads
   * the rest of the standard OTEL_* variables itself.
   */
  tracing: boolean;
}

/** Subscriptions over WebSocket at /graphql (src/modules/live). */
export interface LiveSettings {
  /** Open sockets per client address; past it the upgrade is answered 429. */
  maxSocketsPerAddress: number;
  /** Subscriptions at once on one socket. */
  maxSubscriptionsPerSocket: number;
  /** The largest message a client may send, in bytes; larger closes the socket (1009). */
  maxMessageBytes: number;
  /** A ping this often; a socket that has not answered the last one is closed. */
  keepAliveMs: number;
}

/** Web Push with VAPID (src/modules/push). */
export interface WebPushSettings {
  /** Both set, or neither: then the key pair kept in the database (made by the first instance). */
  vapidKeys: { publicKey: string; privateKey: string } | undefined;
  /** The club's contact, sent to push services in the VAPID JWT: mailto: or https: URL. */
  subject: string;
  /** Tests only: admits http://127.0.0.1 endpoints (refused with NODE_ENV=production). */
  allowLocalEndpoints: boolean;
  /** One delivery attempt's time limit. */
  timeoutMs: number;
}

export interface BackupSettings {
  dir: string;
  intervalHours: number;
  /** How many of the newest backups are kept; older ones are deleted. */
  keep: number;
}

export type GeocoderSettings =
  | { provider: 'google'; apiKey: string; url: string | undefined; timeoutMs: number; cacheSize: number }
  | { provider: 'naver'; clientId: string; clientSecret: string; url: string | undefined; timeoutMs: number; cacheSize: number };

export interface CheckInPolicy {
  radiusMeters: number;
  opensMinutesBefore: number;
  lateAfterMinutes: number;
  maxAccuracyMeters: number;
}

export interface PenaltyPolicy {
  absentPoints: number;
  latePoints: number;
  unpaidPoints: number;
  pointsPerWarning: number;
  expulsionWarnings: number;
}

export interface SettlementSettings {
  /** How often every instance looks for overdue unsettled events. */
  sweepIntervalMs: number;
  /** Discord or Slack incoming webhook told about each settlement; undefined: none. */
  webhookUrl: string | undefined;
  webhookMaxAttempts: number;
  webhookBackoffMs: number;
  webhookTimeoutMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads one variable at a time, collecting problems so that all are reported together. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The trimmed value, or undefined when unset or empty. */
  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }

  /** "45s", "30m", "12h", "7d", or a bare number of seconds. */
  durationSeconds(name: string, fallback: string): number {
    const raw = this.optional(name) ?? fallback;
    const match = /^(\d+)\s*([smhd]?)$/.exec(raw);
    const unitSeconds = { '': 1, s: 1, m: 60, h: 3600, d: 86400 } as const;
    const seconds = match ? Number(match[1]) * unitSeconds[match[2] as keyof typeof unitSeconds] : 0;
    if (seconds <= 0 || !Number.isSafeInteger(seconds)) {
      this.problems.push(`${name} must be a positive duration such as 45m, 12h or 7d, got "${raw}"`);
      return 1;
    }
    return seconds;
  }
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const MIN_JWT_SECRET_BYTES = 32;

/**
 * CORS_ORIGINS: the origins (scheme, host and any port, as a browser sends them in Origin) whose
 * pages may call /graphql. Not `*`: an API that takes tokens names who it trusts.
 */
function readCorsOrigins(read: EnvReader): string[] {
  const origins = (read.optional('CORS_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // Reported below.
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
      read.problems.push(`CORS_ORIGINS must list origins such as https://club.example.org (scheme, host and port only), got "${origin}"`);
    }
  }
  return origins;
}

function optionalUrl(read: EnvReader, name: string): string | undefined {
  const raw = read.optional(name);
  if (raw !== undefined && !/^https?:\/\/[^\s]+$/.test(raw)) read.problems.push(`${name} must be an http(s) URL, got "${raw}"`);
  return raw;
}

/**
 * Google when GOOGLE_MAPS_API_KEY is set, Naver when NAVER_MAP_CLIENT_ID and _SECRET are; with
 * both, GEOCODER names the one to use. Neither: no geocoder, and events need coordinates.
 */
function readGeocoder(read: EnvReader): GeocoderSettings | undefined {
  const googleKey = read.optional('GOOGLE_MAPS_API_KEY');
  const naverId = read.optional('NAVER_MAP_CLIENT_ID');
  const naverSecret = read.optional('NAVER_MAP_CLIENT_SECRET');
  if ((naverId === undefined) !== (naverSecret === undefined)) {
    read.problems.push('NAVER_MAP_CLIENT_ID and NAVER_MAP_CLIENT_SECRET must be set together');
  }
  const common = {
    timeoutMs: read.integer('GEOCODER_TIMEOUT_MS', 5000, 100, 60_000),
    cacheSize: read.integer('GEOCODER_CACHE_SIZE', 1000, 0, 1_000_000),
  };
  const googleUrl = optionalUrl(read, 'GOOGLE_MAPS_GEOCODE_URL');
  const naverUrl = optionalUrl(read, 'NAVER_MAP_GEOCODE_URL');
  const available = [googleKey ? 'google' : undefined, naverId && naverSecret ? 'naver' : undefined].filter(Boolean);
  const chosen = read.oneOf('GEOCODER', ['google', 'naver'] as const, available[0] as 'google' | 'naver');
  if (available.length > 1 && !read.optional('GEOCODER')) {
    read.problems.push('GEOCODER must be google or naver when both geocoders are configured');
  }
  if (read.optional('GEOCODER') && !available.includes(chosen)) {
    read.problems.push(`GEOCODER is ${chosen}, but its credentials are not set`);
  }
  if (chosen === 'google' && googleKey) return { provider: 'google', apiKey: googleKey, url: googleUrl, ...common };
  if (chosen === 'naver' && naverId && naverSecret) {
    return { provider: 'naver', clientId: naverId, clientSecret: naverSecret, url: naverUrl, ...common };
  }
  return undefined;
}

export function loadConfig(env: Env): Config {
  const read = new EnvReader(env);
  const nodeEnv = read.string('NODE_ENV', 'development');
  const isProduction = nodeEnv === 'production';

  const databaseUrl = read.optional('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    read.problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }

  const jwtSecret = read.optional('JWT_SECRET');
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < MIN_JWT_SECRET_BYTES) {
    read.problems.push(`JWT_SECRET must be at least ${MIN_JWT_SECRET_BYTES} bytes long`);
  } else if (jwtSecret === undefined && isProduction) {
    read.problems.push(`JWT_SECRET is required when NODE_ENV=production (at least ${MIN_JWT_SECRET_BYTES} bytes)`);
  }

  const adminLoginId = read.optional('ADMIN_LOGIN_ID');
  const adminPassword = read.optional('ADMIN_PASSWORD');
  if ((adminLoginId === undefined) !== (adminPassword === undefined)) {
    read.problems.push('ADMIN_LOGIN_ID and ADMIN_PASSWORD must be set together');
  }

  const timeZone = read.string('TZ', 'Asia/Seoul');
  if (!isValidTimeZone(timeZone)) read.problems.push(`TZ must be an IANA time zone such as Asia/Seoul, got "${timeZone}"`);

  const backupDir = read.optional('BACKUP_DIR');
  const vapidPublicKey = read.optional('VAPID_PUBLIC_KEY');
  const vapidPrivateKey = read.optional('VAPID_PRIVATE_KEY');
  if ((vapidPublicKey === undefined) !== (vapidPrivateKey === undefined)) {
    read.problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together');
  }
  const pushSubject = read.string('WEB_PUSH_SUBJECT', 'mailto:admin@localhost');
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(pushSubject)) {
    read.problems.push('WEB_PUSH_SUBJECT must be a mailto: address or an https: URL (the club\'s contact)');
  }
  const allowLocalEndpoints = read.boolean('WEB_PUSH_ALLOW_LOCAL_ENDPOINTS', false);
  if (allowLocalEndpoints && isProduction) {
    read.problems.push('WEB_PUSH_ALLOW_LOCAL_ENDPOINTS=true is for tests only and is refused with NODE_ENV=production');
  }
  const config: Config = {
    geocoder: readGeocoder(read),
    checkIn: {
      radiusMeters: read.integer('CHECK_IN_RADIUS_METERS', 400, 1, 100_000),
      opensMinutesBefore: read.integer('CHECK_IN_OPENS_MINUTES', 60, 0, 24 * 60),
      lateAfterMinutes: read.integer('LATE_AFTER_MINUTES', 20, 0, 24 * 60),
      maxAccuracyMeters: read.integer('MAX_LOCATION_ACCURACY_METERS', 100, 1, 100_000),
    },
    penalties: {
      absentPoints: read.integer('PENALTY_ABSENT', 3, 0, 100),
      latePoints: read.integer('PENALTY_LATE', 1, 0, 100),
      unpaidPoints: read.integer('PENALTY_UNPAID', 1, 0, 100),
      pointsPerWarning: read.integer('POINTS_PER_WARNING', 3, 1, 1000),
      expulsionWarnings: read.integer('EXPULSION_WARNINGS', 2, 1, 1000),
    },
    settlement: {
      sweepIntervalMs: read.integer('SETTLEMENT_SWEEP_SECONDS', 60, 1, 24 * 3600) * 1000,
      webhookUrl: optionalUrl(read, 'SETTLEMENT_WEBHOOK_URL'),
      webhookMaxAttempts: read.integer('SETTLEMENT_WEBHOOK_ATTEMPTS', 5, 1, 20),
      webhookBackoffMs: read.integer('SETTLEMENT_WEBHOOK_BACKOFF_MS', 1000, 1, 600_000),
      webhookTimeoutMs: read.integer('SETTLEMENT_WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    },
    isProduction,
    clubName: read.string('CLUB_NAME', 'pitchside'),
    host: read.optional('HOST'),
    publicUrl: optionalUrl(read, 'PUBLIC_URL')?.replace(/\/+$/, ''),
    trustProxy: read.boolean('TRUST_PROXY', false),
    port: read.integer('PORT', 4000, 0, 65535),
    databaseUrl,
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 100),
    databaseConnectTimeoutSeconds: read.integer('DATABASE_CONNECT_TIMEOUT_SECONDS', 60, 0, 3600),
    dataDir: read.string('DATA_DIR', './data'),
    jwtSecret,
    jwtTtlSeconds: read.durationSeconds('JWT_TTL', '12h'),
    jwtIssuer: read.string('JWT_ISSUER', 'pitchside'),
    jwtAudience: read.string('JWT_AUDIENCE', 'pitchside-api'),
    bootstrapAdmin: adminLoginId && adminPassword ? { loginId: adminLoginId, password: adminPassword } : undefined,
    signupCode: read.optional('SIGNUP_CODE'),
    loginMaxFailures: read.integer('LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginFailureWindowMinutes: read.integer('LOGIN_FAILURE_WINDOW_MINUTES', 15, 1, 24 * 60),
    authRateLimitPerMinute: read.integer('AUTH_RATE_LIMIT_PER_MINUTE', 60, 0, 1_000_000),
    graphqlIntrospection: read.boolean('GRAPHQL_INTROSPECTION', true),
    corsOrigins: readCorsOrigins(read),
    queryLimits: {
      maxCharacters: read.integer('GRAPHQL_MAX_CHARACTERS', 32_768, 1000, 1_000_000),
      maxTokens: read.integer('GRAPHQL_MAX_TOKENS', 3000, 100, 1_000_000),
      maxDirectives: read.integer('GRAPHQL_MAX_DIRECTIVES', 5, 0, 1000),
      maxAliases: read.integer('GRAPHQL_MAX_ALIASES', 15, 0, 1000),
      maxFields: read.integer('GRAPHQL_MAX_FIELDS', 300, 10, 100_000),
      maxDepth: read.integer('GRAPHQL_MAX_DEPTH', 15, 2, 100),
      maxCost: read.integer('GRAPHQL_MAX_COST', 100_000, 100, 100_000_000),
    },
    timeZone,
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: read.oneOf('LOG_FORMAT', LOG_FORMATS, 'auto'),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    keepAliveTimeoutSeconds: read.integer('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', 65, 1, 3600),
    executionTimeoutMs: read.integer('EXECUTION_TIMEOUT_MS', 15_000, 1, 600_000),
    graphqlMaxConcurrency: read.integer('GRAPHQL_MAX_CONCURRENCY', 32, 1, 10_000),
    retentionDays: read.integer('RETENTION_DAYS', 90, 1, 36_500),
    passwordResetTtlHours: read.integer('PASSWORD_RESET_TTL_HOURS', 24, 1, 24 * 30),
    absenceNoticeDeadlineMinutes: read.integer('ABSENCE_NOTICE_DEADLINE_MINUTES', 60, 0, 7 * 24 * 60),
    matchReminderMinutes: read.integer('MATCH_REMINDER_MINUTES', 120, 0, 7 * 24 * 60),
    tracing:
      Boolean(read.optional('OTEL_EXPORTER_OTLP_ENDPOINT') ?? read.optional('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')) &&
      read.optional('OTEL_SDK_DISABLED')?.toLowerCase() !== 'true' &&
      read.optional('OTEL_TRACES_EXPORTER')?.toLowerCase() !== 'none',
    live: {
      maxSocketsPerAddress: read.integer('LIVE_MAX_SOCKETS_PER_ADDRESS', 20, 1, 100_000),
      maxSubscriptionsPerSocket: read.integer('LIVE_MAX_SUBSCRIPTIONS_PER_SOCKET', 10, 1, 1000),
      maxMessageBytes: read.integer('LIVE_MAX_MESSAGE_BYTES', 65_536, 1024, 10_000_000),
      keepAliveMs: read.integer('LIVE_KEEP_ALIVE_SECONDS', 25, 1, 3600) * 1000,
    },
    webPush: {
      vapidKeys: vapidPublicKey && vapidPrivateKey ? { publicKey: vapidPublicKey, privateKey: vapidPrivateKey } : undefined,
      subject: pushSubject,
      allowLocalEndpoints,
      timeoutMs: read.integer('WEB_PUSH_TIMEOUT_MS', 10_000, 100, 120_000),
    },
    backups: backupDir
      ? { dir: backupDir, intervalHours: read.integer('BACKUP_INTERVAL_HOURS', 24, 1, 24 * 365), keep: read.integer('BACKUP_KEEP', 7, 1, 1000) }
      : undefined,
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
