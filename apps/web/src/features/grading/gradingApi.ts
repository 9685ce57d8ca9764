import type { ChurnAlert, CustomerGrading, DueItem, FollowUp, FollowUpInput, GradeDistribution, GradingOverview, VipItem } from '@kefu/shared';
import { api } from '../../app/api';

export type DueScope = 'due' | 'overdue' | 'upcoming';

export const gradingApi = {
  due: (scope: DueScope, ownerId?: number) => api.get<{ today: string; items: DueItem[] }>('/grading/due', { scope, ownerId }),
  customer: (customerId: number) => api.get<CustomerGrading>(`/grading/customers/${customerId}`),
  recordFollowUp: (customerId: number, input: FollowUpInput) => api.post<FollowUp>(`/grading/customers/${customerId}/follow-ups`, input),
  overview: () => api.get<GradingOverview>('/grading/overview'),
  distribution: () => api.get<GradeDistribution>('/grading/distribution'),
  vip: () => api.get<{ items: VipItem[] }>('/grading/vip'),
  recomputeVip: () => api.post<{ customers: number; vip: number; computedAt: string }>('/grading/vip/recompute'),
  churn: (vipOnly: boolean) => api.get<{ items: ChurnAlert[] }>('/grading/churn-alerts', { vipOnly: vipOnly ? 'true' : undefined }),
};

export const gradingKeys = {
  all: ['grading'] as const,
  customer: (id: number) => ['grading', 'customer', id] as const,
};

export const GRADE_COLORS: Record<string, string> = { A: '#f04438', B: '#f79009', C: '#2e90fa', D: '#12b76a', E: '#98a2b3' };
