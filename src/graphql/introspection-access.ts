import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import { forbidden, unauthenticated } from '../errors/errors';
import { toGraphQLError } from '../errors/format-error';
import type { GraphQLContext } from './context';

/** Whether a document selects `__schema` or `__type` anywhere (`__typename` is not introspection). */
export function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(field) {
      if (field.name.value === '__schema' || field.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** graphql-js's "Did you mean …?" names fields, types and arguments of the schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The schema is described to signed-in admins only (the playground signs in first), and to nobody
 * when `enabled` is false: anyone else selecting `__schema` or `__type` gets one error and no data,
 * UNAUTHENTICATED without a member, FORBIDDEN with one. Validation's suggestions describe the
 * schema too, so they are cut from the errors of everyone introspection is not for.
 */
export function introspectionAccess(enabled: boolean): ApolloServerPlugin<GraphQLContext> {
  const mayIntrospect = (context: GraphQLContext) => enabled && context.viewer?.role === 'ADMIN';
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (mayIntrospect(contextValue) || !selectsIntrospection(document)) return;
          const refusal = !contextValue.viewer
            ? unauthenticated()
            : forbidden(enabled ? 'Only admins may introspect the schema.' : 'Introspection is turned off on this server.');
          throw toGraphQLError(refusal);
        },
        async willSendResponse({ response, contextValue }) {
          if (mayIntrospect(contextValue) || response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { message: string }).message = error.message.replace(SUGGESTION, '');
          }
        },
      };
    },
  };
}
