import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Customer } from '@kefu/shared';
import { customerKeys, customersApi } from '../customers/customersApi';

export type LookupState =
  | { status: 'idle' }
  | { status: 'searching'; phone: string }
  | { status: 'found'; phone: string; matches: Customer[]; customerId: number }
  | { status: 'unknown'; phone: string }
  | { status: 'failed'; phone: string };

const MIN_PHONE_DIGITS = 3;

/** Looks the caller's number up in the customer archive (GET /customers?phone=). */
export function usePhoneLookup() {
  const queryClient = useQueryClient();
  const [lookup, setLookup] = useState<LookupState>({ status: 'idle' });
  const lastPhone = useRef<string>('');

  const lookupPhone = useCallback(
    async (raw: string): Promise<LookupState> => {
      const phone = raw.replace(/[\s-]/g, '');
      if (phone.length < MIN_PHONE_DIGITS) {
        lastPhone.current = '';
        const idle: LookupState = { status: 'idle' };
        setLookup(idle);
        return idle;
      }
      if (phone === lastPhone.current) return lookup;
      lastPhone.current = phone;
      setLookup({ status: 'searching', phone });
      try {
        const query = { phone, pageSize: 10 };
        const page = await queryClient.fetchQuery({ queryKey: customerKeys.list(query), queryFn: () => customersApi.list(query), staleTime: 10_000 });
        const first = page.items[0];
        const next: LookupState = first ? { status: 'found', phone, matches: page.items, customerId: first.id } : { status: 'unknown', phone };
        if (lastPhone.current === phone) setLookup(next);
        return next;
      } catch {
        const failed: LookupState = { status: 'failed', phone };
        lastPhone.current = '';
        setLookup(failed);
        return failed;
      }
    },
    [queryClient, lookup],
  );

  const selectCustomer = useCallback((customerId: number) => {
    setLookup((current) => (current.status === 'found' ? { ...current, customerId } : current));
  }, []);

  const reset = useCallback(() => {
    lastPhone.current = '';
    setLookup({ status: 'idle' });
  }, []);

  return { lookup, lookupPhone, selectCustomer, reset };
}
