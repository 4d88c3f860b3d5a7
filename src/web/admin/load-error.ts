import type { CombinedError } from '@urql/core';
import { useEffect } from 'preact/hooks';
import { tellError } from '../app/notice';
import { apiErrorOf } from '../shared/graphql-client';

/** A page's data that would not load: told in the notice (a refused token already ends the session). */
export function useLoadError(error: CombinedError | undefined): void {
  const failed = error ? apiErrorOf(error) : null;
  useEffect(() => {
    if (failed && failed.code !== 'UNAUTHENTICATED') tellError(failed);
  }, [failed?.code]);
}
