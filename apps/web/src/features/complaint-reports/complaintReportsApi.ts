import type { ComplaintAnalysis } from '@kefu/shared';
import { api, apiUrl } from '../../app/api';

export const complaintReportsApi = {
  list: () => api.get<{ items: Array<{ month: string; generatedAt: string; dueBy: string; cases: number }> }>('/complaint-reports'),
  get: (month: string) => api.get<ComplaintAnalysis>(`/complaint-reports/${month}`),
  regenerate: (month: string) => api.post<ComplaintAnalysis>(`/complaint-reports/${month}/regenerate`),
  xlsxUrl: (month: string) => apiUrl(`/complaint-reports/${month}/xlsx`),
};
