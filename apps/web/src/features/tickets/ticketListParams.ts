import type { Query } from '../../app/api';

/** Query parameters of GET /tickets that the list page keeps in its URL. */
export const TICKET_LIST_PARAMS = [
  'q',
  'status',
  'type',
  'priority',
  'channel',
  'assigneeId',
  'responsibleId',
  'teamId',
  'skillGroupId',
  'customerId',
  'departmentId',
  'tag',
  'callbackPending',
  'createdFrom',
  'createdTo',
  'sort',
  'page',
  'pageSize',
] as const;
export type TicketListParam = (typeof TICKET_LIST_PARAMS)[number];

export function paramsToQuery(params: URLSearchParams): Query {
  const query: Query = {};
  for (const key of TICKET_LIST_PARAMS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  query.page ??= '1';
  query.pageSize ??= '20';
  query.sort ??= '-createdAt';
  return query;
}

export const listValue = (params: URLSearchParams, key: TicketListParam): string[] =>
  (params.get(key) ?? '').split(',').filter(Boolean);

/** Saved views over the list, like a help desk's sidebar views. */
export const TICKET_VIEWS = {
  all: {},
  responsible: { responsibleId: 'me', status: 'open' },
  assigned: { assigneeId: 'me', status: 'open' },
  callback: { callbackPending: 'true', responsibleId: 'me' },
  unassigned: { assigneeId: 'none', status: 'open' },
} as const satisfies Record<string, Partial<Record<TicketListParam, string>>>;
export type TicketView = keyof typeof TICKET_VIEWS;

const VIEW_KEYS: TicketListParam[] = ['responsibleId', 'assigneeId', 'callbackPending', 'status'];

export function detectView(params: URLSearchParams): TicketView | null {
  for (const [view, preset] of Object.entries(TICKET_VIEWS) as [TicketView, Record<string, string>][]) {
    if (VIEW_KEYS.every((key) => (params.get(key) ?? undefined) === preset[key])) return view;
  }
  return null;
}

export function applyView(params: URLSearchParams, view: TicketView): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of VIEW_KEYS) next.delete(key);
  for (const [key, value] of Object.entries(TICKET_VIEWS[view])) next.set(key, value);
  next.delete('page');
  return next;
}
