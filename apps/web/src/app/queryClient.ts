import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isApiError } from './api';
import { i18n } from './i18n/i18n';
import { notifyError } from './notify';

function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status > 0 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (isApiError(error, 'UNAUTHENTICATED')) return;
      if (query.meta?.silent) return;
      if (query.meta?.inlineNotFound && isApiError(error, 'NOT_FOUND')) return;
      notifyError(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (isApiError(error, 'UNAUTHENTICATED') && mutation.meta?.silent) return;
      if (isApiError(error, 'VERSION_CONFLICT')) {
        // Someone else saved first: say so, then reload what is on screen.
        notifyError(new ApiError(409, 'VERSION_CONFLICT', `${error.message} ${i18n.t('errors.reloaded')}`));
        void queryClient.invalidateQueries();
        return;
      }
      if (mutation.meta?.handlesErrors) return;
      notifyError(error);
    },
  }),
});

declare module '@tanstack/react-query' {
  interface Register {
    /** silent: never toast; inlineNotFound: the page shows its own "not found". */
    queryMeta: { silent?: boolean; inlineNotFound?: boolean };
    mutationMeta: { silent?: boolean; handlesErrors?: boolean };
  }
}
