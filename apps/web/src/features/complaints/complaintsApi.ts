import type { ComplaintCase, ComplaintCreateInput, ComplaintDetail, ComplaintPage, ComplaintPayout, ComplaintPenalty, ComplaintProgressEntry, ComplaintStats, ComplaintStep, PenaltyCreate } from '@kefu/shared';
import { api, type Query } from '../../app/api';

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (query: Query) => ['complaints', 'list', query] as const,
  detail: (ticketId: number) => ['complaints', 'detail', ticketId] as const,
  approvals: ['complaints', 'approvals'] as const,
  penalties: (query: Query) => ['complaints', 'penalties', query] as const,
  stats: (from: string, to: string) => ['complaints', 'stats', from, to] as const,
};

export const complaintsApi = {
  list: (query: Query) => api.get<ComplaintPage>('/complaints', query),
  get: (ticketId: number) => api.get<ComplaintDetail>(`/complaints/${ticketId}`),
  create: (input: ComplaintCreateInput) => api.post<ComplaintDetail>('/complaints', input),
  submitStep: (ticketId: number, step: ComplaintStep, version: number, data: Record<string, unknown>) =>
    api.post<ComplaintDetail>(`/complaints/${ticketId}/steps/${step}`, { version, data }),
  approve: (ticketId: number, version: number, note?: string) => api.post<ComplaintDetail>(`/complaints/${ticketId}/approve`, { version, note }),
  reject: (ticketId: number, version: number, reason: string) => api.post<ComplaintDetail>(`/complaints/${ticketId}/reject`, { version, reason }),
  markPaid: (ticketId: number, payoutId: number) => api.post<{ items: ComplaintPayout[] }>(`/complaints/${ticketId}/payouts/${payoutId}/paid`, {}),
  createPenalty: (ticketId: number, input: PenaltyCreate) => api.post<ComplaintPenalty>(`/complaints/${ticketId}/penalties`, input),
  signPenalty: (penaltyId: number, as: 'staff' | 'gm') => api.post<ComplaintPenalty>(`/complaints/penalties/${penaltyId}/sign`, { as }),
  addProgress: (ticketId: number, body: string) => api.post<ComplaintProgressEntry>(`/complaints/${ticketId}/progress`, { body }),
  penalties: (query: Query) => api.get<{ items: ComplaintPenalty[] }>('/complaints/penalties', query),
  approvals: () => api.get<{ items: ComplaintCase[] }>('/complaints/approvals'),
  stats: (from: string, to: string) => api.get<ComplaintStats>('/complaints/stats', { from, to }),
};

/** Money is kept in fen (integer); shown in yuan. */
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
export const toFen = (yuanAmount: number) => Math.round(yuanAmount * 100);
