import type { SlaPolicy, SlaPolicyCreate, SlaPolicyUpdate, SlaReport, Ticket, TicketSlaDetail } from '@kefu/shared';
import { api, toQueryString } from '../../app/api';

export type SlaPauseInput = { reason: 'customer_unreachable' | 'customer_request' | 'other'; note?: string };
export type SlaReportParams = { from: string; to: string; groupBy: 'agent' | 'team' };

export const slaKeys = {
  policies: ['sla', 'policies'] as const,
  ticket: (id: number) => ['tickets', 'sla', id] as const,
  report: (params: SlaReportParams) => ['sla', 'report', params] as const,
};

export const slaApi = {
  policies: () => api.get<{ items: SlaPolicy[] }>('/sla-policies'),
  createPolicy: (input: SlaPolicyCreate) => api.post<SlaPolicy>('/sla-policies', input),
  // `version` is sent when the policy carries one (optimistic locking); the server ignores it otherwise.
  updatePolicy: (id: number, input: SlaPolicyUpdate & { version?: number }) => api.patch<SlaPolicy>(`/sla-policies/${id}`, input),
  ticketSla: (id: number) => api.get<TicketSlaDetail>(`/tickets/${id}/sla`),
  pause: (id: number, input: SlaPauseInput) => api.post<Ticket>(`/tickets/${id}/sla/pause`, input),
  resume: (id: number, note?: string) => api.post<Ticket>(`/tickets/${id}/sla/resume`, note ? { note } : {}),
  report: (params: SlaReportParams) => api.get<SlaReport>('/sla/report', params),
  reportXlsxUrl: (params: SlaReportParams) => `/api/v1/sla/report.xlsx${toQueryString(params)}`,
};
