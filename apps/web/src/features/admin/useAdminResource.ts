import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, asList } from '../../app/api';
import { notifySuccess } from '../../app/notify';

export type AdminResource = 'users' | 'roles' | 'teams' | 'skill-groups' | 'departments' | 'ticket-types' | 'macros';

const listKey = (resource: AdminResource) => ['admin', resource] as const;

/** Rows of an admin list (these lists are small: the API's largest page holds them all). */
export function useAdminList<T>(resource: AdminResource) {
  return useQuery({
    queryKey: listKey(resource),
    queryFn: async () =>
      asList(await api.get<T[] | { items: T[] }>(`/${resource}`, resource === 'macros' ? { includeInactive: 'true' } : { pageSize: 200 })),
  });
}

/** Create (no id) or update (PATCH with id) one row, then refresh the list and the shared directory. */
export function useAdminSave<TInput, TResult = unknown>(resource: AdminResource) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: TInput }) =>
      id ? api.patch<TResult>(`/${resource}/${id}`, input) : api.post<TResult>(`/${resource}`, input),
    onSuccess: (_result, { id }) => {
      notifySuccess(id ? t('common.saved') : t('common.created'));
      void queryClient.invalidateQueries({ queryKey: listKey(resource) });
      void queryClient.invalidateQueries({ queryKey: ['directory'] });
      if (resource === 'roles' || resource === 'users') void queryClient.invalidateQueries({ queryKey: ['me'] });
      if (resource === 'macros') void queryClient.invalidateQueries({ queryKey: ['macros'] });
    },
  });
}

export function useAdminDelete(resource: AdminResource) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.del(`/${resource}/${id}`),
    onSuccess: () => {
      notifySuccess(t('common.deleted'));
      void queryClient.invalidateQueries({ queryKey: listKey(resource) });
      void queryClient.invalidateQueries({ queryKey: ['directory'] });
    },
  });
}
