import { useMutation } from '@tanstack/react-query';
import { notifySuccess } from '../../../app/notify';
import { useInvalidateTickets } from '../useTickets';

/** A change to a work order: on success say so and refresh every view of work orders. */
export function useTicketMutation<TVars, TResult = unknown>(fn: (vars: TVars) => Promise<TResult>, successText?: string | ((result: TResult) => string)) {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      if (successText) notifySuccess(typeof successText === 'function' ? successText(result) : successText);
      invalidate();
    },
  });
}
