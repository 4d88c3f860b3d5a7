// Running a mutation the member asked for: its answer, or the error told in the notice.
import type { TypedDocumentNode } from '@urql/core';
import { useClient } from '@urql/preact';
import { useState } from 'preact/hooks';
import { apiErrorOf } from '../shared/graphql-client';
import type { ApiError } from '../shared/error-messages';
import { clearNotice, tellError } from './notice';

export interface Action<Data, Variables> {
  run(variables: Variables): Promise<Data | null>;
  busy: boolean;
}

/**
 * `run` sends the mutation once (the button is disabled meanwhile) and answers its data, or null
 * after telling the error; `onError` may tell it its own way (the check-in's distance).
 */
export function useAction<Data, Variables extends object>(
  document: TypedDocumentNode<Data, Variables>,
  onError: (error: ApiError) => void = (error) => tellError(error),
): Action<Data, Variables> {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    async run(variables) {
      if (busy) return null;
      setBusy(true);
      clearNotice();
      try {
        const result = await client.mutation(document, variables).toPromise();
        if (result.error || !result.data) {
          onError(result.error ? apiErrorOf(result.error) : { code: 'NETWORK' });
          return null;
        }
        return result.data;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** A form's text fields by name. */
export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  return Object.fromEntries([...new FormData(form).entries()].map(([name, value]) => [name, String(value)]));
}
