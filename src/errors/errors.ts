/**
 * Every error code a client can act on (../shared/api-contract.graphql's "Error codes" and the
 * resolved contract additions' lists), plus the masked one for everything unexpected. Services and
 * rules throw DomainErrors with these codes; they know nothing of GraphQL.
 * `src/errors/format-error.ts` is the one place that turns them into GraphQL errors.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  LOGIN_ID_TAKEN: 'LOGIN_ID_TAKEN',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_JOIN_CODE: 'INVALID_JOIN_CODE',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  ADDRESS_NOT_FOUND: 'ADDRESS_NOT_FOUND',
  GEOCODING_UNAVAILABLE: 'GEOCODING_UNAVAILABLE',
  AUDIENCE_MISMATCH: 'AUDIENCE_MISMATCH',
  NOT_A_PARTICIPANT: 'NOT_A_PARTICIPANT',
  CHECK_IN_NOT_OPEN: 'CHECK_IN_NOT_OPEN',
  CHECK_IN_CLOSED: 'CHECK_IN_CLOSED',
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  LOCATION_TOO_INACCURATE: 'LOCATION_TOO_INACCURATE',
  ALREADY_CHECKED_IN: 'ALREADY_CHECKED_IN',
  PAYMENT_NOT_REQUIRED: 'PAYMENT_NOT_REQUIRED',
  PAYMENT_ALREADY_REQUESTED: 'PAYMENT_ALREADY_REQUESTED',
  ALREADY_PAID: 'ALREADY_PAID',
  PAYMENT_NOT_REQUESTED: 'PAYMENT_NOT_REQUESTED',
  ALREADY_REVOKED: 'ALREADY_REVOKED',
  /** contract-additions/seasons-and-accounts.graphql */
  SEASON_OVERLAP: 'SEASON_OVERLAP',
  INVALID_RESET_CODE: 'INVALID_RESET_CODE',
  ACCOUNT_INACTIVE: 'ACCOUNT_INACTIVE',
  MEMBER_INACTIVE: 'MEMBER_INACTIVE',
  /** contract-additions/absences-reminders-exports.graphql */
  ABSENCE_DEADLINE_PASSED: 'ABSENCE_DEADLINE_PASSED',
  ABSENCE_ALREADY_SUBMITTED: 'ABSENCE_ALREADY_SUBMITTED',
  NO_PENDING_ABSENCE: 'NO_PENDING_ABSENCE',
  /** The officers' console (issue 29): /admin/setup with a code that is not the logged one. */
  INVALID_SETUP_CODE: 'INVALID_SETUP_CODE',
  /** contract-additions/live-and-push.graphql */
  PUSH_ENDPOINT_REFUSED: 'PUSH_ENDPOINT_REFUSED',
  /** Live updates (issue 30): more subscriptions on one socket than LIVE_MAX_SUBSCRIPTIONS_PER_SOCKET. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** Query limits (src/graphql/query-limits.ts): one error, HTTP 400, whatever the number of offences. */
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_FIELDS: 'TOO_MANY_FIELDS',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  /** The database cannot be reached right now; HTTP 503 with Retry-After (api-rules.md). */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** Not in the contract: the request ran past the server's execution timeout. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const QUERY_LIMIT_CODES = [
  ErrorCode.QUERY_TOO_LARGE,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_FIELDS,
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.QUERY_TOO_COSTLY,
] as const;

/**
 * A refusal the client can act on: a contract code, a message for people, the input field at
 * fault (`extensions.field`) and any other facts the client is given (`retryAfterSeconds`, …).
 */
export class DomainError extends Error {
  readonly field: string | undefined;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>,
    message: string,
    { field, ...details }: { field?: string; [detail: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.field = field;
    this.details = details;
  }
}

/**
 * Codes that graphql-js and Apollo put on errors about the request itself (syntax, validation,
 * variable coercion). Their messages describe the client's document, never the server.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const CLIENT_CODES = new Set<string>([...Object.values(ErrorCode), ...REQUEST_ERROR_CODES]);

/** Whether an error's code is one a client is meant to see; anything else gets masked. */
export function isClientFacingCode(code: unknown): boolean {
  return typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR && CLIENT_CODES.has(code);
}

export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return error instanceof DomainError && error.code === code;
}

export const unauthenticated = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to do this.');

export const forbidden = (message = 'You are not allowed to do this.') => new DomainError(ErrorCode.FORBIDDEN, message);

/** A value out of its range or form; `field` names the input field, as the contract asks. */
export const badUserInput = (field: string, message: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });

export const notFound = (what: 'member' | 'event' | 'participation' | 'penalty' | 'season') => new DomainError(ErrorCode.NOT_FOUND, `No such ${what}.`);

/** The caller has no place in the event they act on (check-in, dues). */
export const memberInactive = (details: { field?: string; memberIds?: string[] } = {}) =>
  new DomainError(ErrorCode.MEMBER_INACTIVE, 'This member is INACTIVE.', details);

export const notAParticipant = () => new DomainError(ErrorCode.NOT_A_PARTICIPANT, 'You are not playing in this event.');

/** What a client is told to wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const databaseUnavailable = () =>
  new DomainError(ErrorCode.DATABASE_UNAVAILABLE, 'The database cannot be reached right now. Try again shortly.', {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
