import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../app/notify';

/** A change in the archives: on success the domain's queries refresh; errors are reported by the mutation cache. */
export function useArchiveMutation<V, R = unknown>(domain: readonly string[], mutationFn: (vars: V) => Promise<R>, onDone?: (result: R) => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: domain });
      notifySuccess(t('common.saved'));
      onDone?.(result);
    },
  });
}
