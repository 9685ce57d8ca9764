import { useQuery } from '@tanstack/react-query';
import type { Macro } from '@kefu/shared';
import { api } from '../../app/api';

/** The script library's active canned replies (话术), shared by every picker on the page. */
export function useMacros(enabled = true) {
  return useQuery({
    queryKey: ['macros'],
    queryFn: async () => (await api.get<{ items: Macro[] }>('/macros')).items,
    staleTime: 5 * 60_000,
    enabled,
    meta: { silent: true },
  });
}
