import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Query } from '../../app/api';
import { ticketsApi } from './ticketsApi';

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (query: Query) => ['tickets', 'list', query] as const,
  detail: (id: number) => ['tickets', 'detail', id] as const,
  events: (id: number) => ['tickets', 'events', id] as const,
  backlog: (groupBy: string) => ['tickets', 'backlog', groupBy] as const,
};

export function useTicketList(query: Query, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ticketKeys.list(query),
    queryFn: () => ticketsApi.list(query),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: () => ticketsApi.get(id),
    enabled: Number.isFinite(id) && id > 0,
    meta: { inlineNotFound: true },
  });
}

export function useTicketEvents(id: number) {
  return useQuery({ queryKey: ticketKeys.events(id), queryFn: () => ticketsApi.events(id) });
}

/** After any change to a work order: lists, counts, the detail and its history are stale. */
export function useInvalidateTickets() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  };
}
