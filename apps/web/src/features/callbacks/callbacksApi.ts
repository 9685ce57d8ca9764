import type {
  CallbackItem, CallbackPreview, CallbackStats, CallbackTarget, Campaign, CampaignInput, CampaignUpdate, GenerateInput, ItemResult, PublicSurvey, Survey,
  SurveyCreate, SurveyCreated,
} from '@kefu/shared';
import { api, toQueryString } from '../../app/api';

export type ItemState = 'open' | 'finished' | 'all';

export const callbacksKeys = {
  campaigns: ['callbacks', 'campaigns'] as const,
  campaignItems: (id: number) => ['callbacks', 'campaigns', id, 'items'] as const,
  agents: ['callbacks', 'agents'] as const,
  myItems: (state: ItemState) => ['callbacks', 'my-items', state] as const,
  surveys: ['callbacks', 'surveys'] as const,
  stats: (month: string) => ['callbacks', 'stats', month] as const,
  publicSurvey: (token: string) => ['public-survey', token] as const,
};

export const callbacksApi = {
  campaigns: () => api.get<{ items: Campaign[] }>('/callbacks/campaigns'),
  createCampaign: (input: CampaignInput) => api.post<Campaign>('/callbacks/campaigns', input),
  updateCampaign: (id: number, input: CampaignUpdate) => api.patch<Campaign>(`/callbacks/campaigns/${id}`, input),
  preview: (target: CallbackTarget) => api.post<CallbackPreview>('/callbacks/preview', { target }),
  agents: () => api.get<{ items: Array<{ id: number; name: string; teamId: number | null }> }>('/callbacks/agents'),
  generate: (id: number, input: GenerateInput) => api.post<Campaign>(`/callbacks/campaigns/${id}/generate`, input),
  campaignItems: (id: number) => api.get<{ items: CallbackItem[] }>(`/callbacks/campaigns/${id}/items`),
  myItems: (state: ItemState) => api.get<{ items: CallbackItem[] }>('/callbacks/my-items', { state }),
  record: (id: number, input: ItemResult) => api.post<CallbackItem>(`/callbacks/items/${id}/result`, input),
  revealPhone: (id: number) => api.post<{ phone: string | null }>(`/callbacks/items/${id}/reveal-phone`),
  stats: (month: string) => api.get<CallbackStats>('/callbacks/stats', { month }),
  statsXlsxUrl: (month: string) => `/api/v1/callbacks/stats.xlsx${toQueryString({ month })}`,
  surveys: () => api.get<{ items: Survey[] }>('/surveys'),
  createSurvey: (input: SurveyCreate) => api.post<SurveyCreated>('/surveys', input),
  publicSurvey: (token: string) => api.get<PublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`),
  answerPublicSurvey: (token: string, answers: Record<string, string | number>) => api.post<{ ok: true }>(`/public/surveys/${encodeURIComponent(token)}`, { answers }),
};
