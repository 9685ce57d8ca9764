import { queryOptions } from '@tanstack/react-query';
import type { Customer, CustomerCreate, CustomerPanel, CustomerUpdate } from '@kefu/shared';
import { api, type Query } from '../../app/api';

export interface CustomerPage {
  items: Customer[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface RevealedPii {
  phones: { id: number; number: string; label: string | null }[];
  email: string | null;
  address: string | null;
  idCard: string | null;
}

export const customersApi = {
  list: (query: Query) => api.get<CustomerPage>('/customers', query),
  get: (id: number) => api.get<Customer>(`/customers/${id}`),
  panel: (id: number) => api.get<CustomerPanel>(`/customers/${id}/panel`),
  create: (input: CustomerCreate) => api.post<Customer>('/customers', input),
  update: (id: number, input: CustomerUpdate) => api.patch<Customer>(`/customers/${id}`, input),
  reveal: (id: number) => api.post<RevealedPii>(`/customers/${id}/reveal`),
};

export const customerKeys = {
  all: ['customers'] as const,
  list: (query: Query) => ['customers', 'list', query] as const,
  detail: (id: number) => ['customers', 'detail', id] as const,
  panel: (id: number) => ['customers', 'panel', id] as const,
};

/** The customer panel's query: one definition for the card, the detail page and the screen pop's prefetch. */
export const customerPanelQuery = (id: number) => queryOptions({ queryKey: customerKeys.panel(id), queryFn: () => customersApi.panel(id) });
