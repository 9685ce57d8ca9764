import type {
  Attachment,
  Backlog,
  Note,
  Ticket,
  TicketAssign,
  TicketBulkAssign,
  TicketCallbackDone,
  TicketCreate,
  TicketDetail,
  TicketEvent,
  TicketPage,
  TicketTransfer,
  TicketUpdate,
} from '@kefu/shared';
import { api, type Query } from '../../app/api';

export interface BulkAssignResult {
  updated: { id: number; assigneeId: number | null }[];
  failed: { id: number; code: string; message: string }[];
}

export type BacklogGroupBy = 'assignee' | 'team' | 'type' | 'skillGroup';

export const ticketsApi = {
  list: (query: Query) => api.get<TicketPage>('/tickets', query),
  get: (id: number) => api.get<TicketDetail>(`/tickets/${id}`),
  events: (id: number) => api.get<{ items: TicketEvent[] }>(`/tickets/${id}/events`),
  create: (input: TicketCreate) => api.post<Ticket>('/tickets', input),
  update: (id: number, input: TicketUpdate) => api.patch<Ticket>(`/tickets/${id}`, input),
  assign: (id: number, input: TicketAssign) => api.post<Ticket>(`/tickets/${id}/assign`, input),
  bulkAssign: (input: TicketBulkAssign) => api.post<BulkAssignResult>('/tickets/bulk-assign', input),
  transfer: (id: number, input: TicketTransfer) => api.post<Ticket>(`/tickets/${id}/transfer`, input),
  answerTransfer: (id: number, transferId: number, answer: string) =>
    api.post<Ticket>(`/tickets/${id}/transfers/${transferId}/answer`, { answer }),
  callback: (id: number, input: TicketCallbackDone) => api.post<Ticket>(`/tickets/${id}/callback`, input),
  reopen: (id: number, version: number, reason: string) => api.post<Ticket>(`/tickets/${id}/reopen`, { version, reason }),
  addNote: (id: number, body: string, internal: boolean) => api.post<Note>(`/tickets/${id}/notes`, { body, internal }),
  upload: (id: number, file: File) => api.upload<Attachment>(`/tickets/${id}/attachments`, file),
  deleteAttachment: (attachmentId: number) => api.del<{ ok: true }>(`/attachments/${attachmentId}`),
  merge: (id: number, sourceIds: number[]) => api.post<Ticket>(`/tickets/${id}/merge`, { sourceIds }),
  link: (id: number, otherId: number, kind: string) => api.post<unknown>(`/tickets/${id}/links`, { otherId, kind }),
  unlink: (id: number, otherId: number) => api.del(`/tickets/${id}/links/${otherId}`),
  processChecklist: (id: number, stepKey: string, input: { version: number; itemKey: string; checked: boolean }) =>
    api.post<Ticket>(`/tickets/${id}/process/${stepKey}/checklist`, input),
  processComplete: (id: number, stepKey: string, input: { version: number; note?: string }) =>
    api.post<Ticket>(`/tickets/${id}/process/${stepKey}/complete`, input),
  revealContact: (id: number) => api.post<{ contactPhone: string | null }>(`/tickets/${id}/reveal-contact`, {}),
  backlog: (groupBy: BacklogGroupBy) => api.get<Backlog>('/tickets/backlog', { groupBy }),
};

export const attachmentUrl = (id: number) => `/api/v1/attachments/${id}/download`;
