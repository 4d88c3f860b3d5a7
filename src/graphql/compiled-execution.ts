import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * graphql-jit's errors are of a class of its own; Apollo and the error masking take graphql-js's,
 * whose originalError is what the resolver threw (a DomainError keeps its code that way).
 */
function asGraphQLError(error: GraphQLError, code: string | undefined): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: code ? { ...error.extensions, code } : error.extensions,
  });
  return Object.assign(converted, { locations: error.locations });
}

/**
 * GraphQL execution compiled once per document by graphql-jit, which runs a document's fields as
 * plain generated code instead of graphql-js walking it on every request (graphql-js was the largest
 * share of the server's CPU after the database driver: docs/benchmarks.md). Apollo Server 4 and later
 * take a custom executor only through their gateway interface, so this is one: Apollo still parses,
 * validates (with the query limits), runs the plugins and formats errors; only execution changes.
 * Apollo keeps each document it has parsed in its document cache and hands the same object back,
 * so compiled queries are kept per document object and go when it does.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();
  const compiledFor = (document: DocumentNode, operationName: string | null) => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    let query = byOperation.get(operationName ?? '');
    if (!query) byOperation.set(operationName ?? '', (query = compileQuery(schema, document, operationName ?? undefined)));
    return query;
  };
  const executor: GatewayExecutor = async ({ document, operationName, request, context }) => {
    const query = compiledFor(document, operationName);
    const result = isCompiledQuery(query) ? await query.query(undefined, context, request.variables ?? {}) : query;
    if (!result.errors) return result;
    // Without data, the variables could not be read: Apollo's answer for that is BAD_USER_INPUT, 400.
    const code = result.data === undefined ? 'BAD_USER_INPUT' : undefined;
    return { ...result, errors: result.errors.map((error) => asGraphQLError(error, code)) };
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    load: async () => ({ executor }),
    stop: async () => undefined,
  };
}
