import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetail } from '@kefu/shared';
import { notifySuccess } from '../../app/notify';
import { complaintKeys } from './complaintsApi';

/** A change of one case: on success the case, the lists and the inbox are refreshed. */
export function useComplaintMutation<V>(ticketId: number, mutationFn: (vars: V) => Promise<unknown>, onDone?: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      if (result && typeof result === 'object' && 'ticketId' in result && 'stepData' in result) {
        queryClient.setQueryData(complaintKeys.detail(ticketId), result as ComplaintDetail);
      }
      void queryClient.invalidateQueries({ queryKey: complaintKeys.all });
      notifySuccess(t('common.saved'));
      onDone?.();
    },
  });
}
