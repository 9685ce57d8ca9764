import type { Contact, ContactInput, Duplicates, MergeInput, MergeResult, TimelineKind, TimelinePage } from '@kefu/shared';
import { api } from '../../app/api';

export const customerArchiveKeys = {
  all: ['customer-archive'] as const,
  timeline: (customerId: number, kinds: readonly TimelineKind[]) => ['customer-archive', 'timeline', customerId, kinds] as const,
  duplicates: (customerId?: number) => ['customer-archive', 'duplicates', customerId ?? 'all'] as const,
};

export const customerArchiveApi = {
  timeline: (customerId: number, query: { before?: string; limit?: number; kinds?: readonly TimelineKind[] }, signal?: AbortSignal) =>
    api.get<TimelinePage>(`/customers/${customerId}/timeline`, { before: query.before, limit: query.limit, kinds: query.kinds }, signal),
  addContact: (customerId: number, input: ContactInput) => api.post<Contact>(`/customers/${customerId}/contacts`, input),
  duplicates: (customerId?: number) => api.get<Duplicates>('/customers/duplicates', { customerId }),
  merge: (targetId: number, input: MergeInput) => api.post<MergeResult>(`/customers/${targetId}/merge`, input),
};
