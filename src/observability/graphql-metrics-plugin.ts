import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../graphql/context';
import type { Metrics } from './metrics';

/** Operation names are the client's to choose: anything odd is counted as "other", keeping label values few. */
function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'other';
}

/** Counts each GraphQL operation by name and outcome (ok, or the first error's code), and times it by name. */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          const outcome = errors?.length ? String(errors[0].extensions?.code ?? 'error') : 'ok';
          const operation = operationLabel(operationName);
          metrics.graphqlOperations.inc({ operation, outcome });
          metrics.graphqlOperationDuration.observe({ operation }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
