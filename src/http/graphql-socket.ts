import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerToken, type ViewerOfToken } from '../auth/request-viewer';
import type { Clock } from '../clock/clock';
import type { LiveSettings } from '../config/config';
import { ErrorCode } from '../errors/errors';
import { clientAddressOf, type GraphQLContext } from '../graphql/context';
import { mapAsyncIterator } from '../graphql/map-async-iterator';
import type { QueryLimits } from '../graphql/query-limits';
import type { Logger } from '../logging/logger';
import type { MemberRecord } from '../modules/members/member.service';
import type { Metrics } from '../observability/metrics';

/** graphql-ws's close code for a missing, bad or expired token (api-rules.md, "Live updates"). */
const UNAUTHORIZED = 4401;
/** setTimeout's longest delay; a token that lives longer is looked at again then. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface GraphQLSocketOptions<Loaders extends object> {
  /** The served schema: with the permission rules, as the HTTP route's. */
  schema: GraphQLSchema;
  viewerOf: ViewerOfToken;
  loadersFor: (viewer: MemberRecord | null) => Loaders;
  limits: QueryLimits;
  settings: LiveSettings;
  trustProxy: boolean;
  formatErrors: (errors: readonly GraphQLError[], requestId: string) => GraphQLFormattedError[];
  metrics: Metrics;
  logger: Logger;
  /** Token expiry is read against the app's clock, as tokens are verified. */
  clock: Clock;
}

/** One signed-in socket: whose it is, the token it proved, and the timer that closes it at the token's expiry. */
interface SocketSession {
  id: string;
  token: string;
  viewer: MemberRecord;
  clientAddress: string;
  expiry: NodeJS.Timeout;
}

const refusal = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * GraphQL subscriptions over WebSocket on the HTTP server's own port, at /graphql, with the
 * graphql-ws protocol. Queries and mutations stay on POST /graphql, where their limits and
 * admission apply; the socket carries subscriptions only, each checked against the same query
 * limits. The token in connection_init is checked as a request's is, again before each
 * subscription and each message (a password change or going INACTIVE ends the socket), and the
 * socket is closed at its expiry.
 */
export function serveGraphQLSocket<Loaders extends object>(server: Server, options: GraphQLSocketOptions<Loaders>) {
  const { schema, viewerOf, loadersFor, limits, settings, trustProxy, formatErrors, metrics, logger, clock } = options;
  const sessions = new WeakMap<WebSocket, SocketSession>();
  /** Each subscription's first context, to the socket it came on. */
  const socketOfContext = new WeakMap<object, WebSocket>();
  const socketsPerAddress = new Map<string, number>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });

  const contextOf = (session: SocketSession, subscriptionId: string): GraphQLContext<Loaders> => ({
    requestId: `${session.id}:${subscriptionId}`,
    clientAddress: session.clientAddress,
    origin: '',
    viewer: session.viewer,
    authenticatedInRequest: new Set(),
    loaders: loadersFor(session.viewer),
  });

  /** The socket's member as the database holds them now; null (and the socket closed) once the token no longer works. */
  const stillSignedIn = async (socket: WebSocket, session: SocketSession): Promise<MemberRecord | null> => {
    const signedIn = await viewerOf(session.token);
    if (!signedIn) socket.close(UNAUTHORIZED, 'Unauthorized');
    else session.viewer = signedIn.member;
    return signedIn?.member ?? null;
  };

  const closeAtExpiry = (socket: WebSocket, expiresAt: Date): NodeJS.Timeout => {
    const left = expiresAt.getTime() - clock.now().getTime();
    const timer = setTimeout(() => {
      if (left > LONGEST_TIMER_MS) return void (sessions.get(socket)!.expiry = closeAtExpiry(socket, expiresAt));
      socket.close(UNAUTHORIZED, 'Token expired');
    }, Math.min(Math.max(left, 0), LONGEST_TIMER_MS));
    timer.unref();
    return timer;
  };

  const graphqlWs = useServer<Record<string, unknown>>(
    {
      schema,
      // Never a server error's text in a close reason.
      isProd: true,
      onConnect: async ({ connectionParams, extra: { socket, request } }) => {
        const token = bearerToken(connectionParams?.authorization);
        const signedIn = token ? await viewerOf(token) : null;
        if (!token || !signedIn) {
          socket.close(UNAUTHORIZED, 'Unauthorized');
          return false;
        }
        const session: SocketSession = {
          id: randomUUID(),
          token,
          viewer: signedIn.member,
          clientAddress: clientAddressOf(request, trustProxy),
          expiry: closeAtExpiry(socket, signedIn.expiresAt),
        };
        sessions.set(socket, session);
        return true;
      },
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const session = sessions.get(ctx.extra.socket)!;
        // graphql-ws has entered this one already.
        if (Object.keys(ctx.subscriptions).length > settings.maxSubscriptionsPerSocket) {
          return refusal('This connection has as many subscriptions as it may; complete one first.', ErrorCode.TOO_MANY_SUBSCRIPTIONS);
        }
        const overLimit = limits.check(payload.query, payload.variables);
        if (overLimit) return refusal(overLimit.message, overLimit.code);
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return refusal((error as GraphQLError).message, 'GRAPHQL_PARSE_FAILED');
        }
        const invalid = validate(schema, document);
        if (invalid.length > 0) return invalid.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return refusal('Only subscriptions travel over the socket; send queries and mutations to POST /graphql.', 'BAD_REQUEST');
        }
        if (!(await stillSignedIn(ctx.extra.socket, session))) return refusal('Sign in again.', ErrorCode.UNAUTHENTICATED);
        const contextValue = contextOf(session, id);
        socketOfContext.set(contextValue, ctx.extra.socket);
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      // Each change is executed with loaders of its own: a subscription's first loaders would keep
      // serving what they read when it began.
      subscribe: async (args) => {
        const stream = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in stream)) return stream;
        const context = args.contextValue as GraphQLContext<Loaders>;
        const socket = socketOfContext.get(context)!;
        return mapAsyncIterator(stream[Symbol.asyncIterator](), async (change) => {
          const session = sessions.get(socket);
          const viewer = session && (await stillSignedIn(socket, session));
          if (!viewer) return { data: null, errors: refusal('Sign in again.', ErrorCode.UNAUTHENTICATED) };
          return execute({ ...args, rootValue: change, contextValue: { ...context, viewer, loaders: loadersFor(viewer) } });
        });
      },
      onNext: (ctx, id, _payload, _args, result) => {
        const session = sessions.get(ctx.extra.socket);
        if (!result.errors || !session) return;
        return { ...result, errors: formatErrors(result.errors, `${session.id}:${id}`) };
      },
      onError: (ctx, id, _payload, errors) => formatErrors(errors, `${sessions.get(ctx.extra.socket)?.id ?? 'socket'}:${id}`),
      onClose: (ctx) => {
        const session = sessions.get(ctx.extra.socket);
        if (session) clearTimeout(session.expiry);
      },
    },
    sockets,
    settings.keepAliveMs,
  );

  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql') return refuseUpgrade(socket, 404, 'Not Found');
    const address = clientAddressOf(request, trustProxy);
    const open = socketsPerAddress.get(address) ?? 0;
    if (open >= settings.maxSocketsPerAddress) {
      logger.warn({ clientAddress: address, open }, 'live socket refused: too many open from this address');
      return refuseUpgrade(socket, 429, 'Too Many Requests');
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => {
      socketsPerAddress.set(address, open + 1);
      metrics.liveSockets.inc();
      webSocket.once('close', () => {
        const left = (socketsPerAddress.get(address) ?? 1) - 1;
        if (left > 0) socketsPerAddress.set(address, left);
        else socketsPerAddress.delete(address);
        metrics.liveSockets.dec();
      });
      sockets.emit('connection', webSocket, request);
    });
  };
  server.on('upgrade', upgrade);

  return {
    /** Open sockets on this instance. */
    get size() {
      return sockets.clients.size;
    },
    /** Before the HTTP server closes: every socket is told the server is going away (1001); clients reconnect to another instance. */
    async close(): Promise<void> {
      server.off('upgrade', upgrade);
      for (const socket of sockets.clients) socket.close(1001, 'Server shutting down');
      await graphqlWs.dispose();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
    },
  };
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
