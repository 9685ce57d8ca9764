import { CALL_DIRECTIONS, ctiEventSchema, ZAMMAD_CTI_EVENTS, type CallDirection, type CtiEventInput } from '@kefu/shared';
import { normalizePhone } from '../../lib/phone.js';

/**
 * Form bodies as PBX scripts send them: `user[]=A&user[]=B` (Zammad's documented form) and repeated keys
 * become arrays; `user[]` is read as `user`.
 */
export function formFieldsToObject(entries: Iterable<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [rawKey, value] of entries) {
    const isArray = rawKey.endsWith('[]');
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    const existing = out[key];
    if (existing === undefined) out[key] = isArray ? [value] : value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export function parseFormBody(text: string): Record<string, string | string[]> {
  return formFieldsToObject(new URLSearchParams(text));
}

/** Why an event cannot be processed; the endpoint answers 422 with the translated word, as Zammad does. */
export class CtiRejection extends Error {
  constructor(readonly word: string, readonly details?: unknown) {
    super(word);
    this.name = 'CtiRejection';
  }
}

export type ValidCtiEvent = CtiEventInput & { direction?: CallDirection };

/** Validates the body and the rules per event (Zammad's three need a direction; call events a callId). */
export function validateCtiEvent(body: unknown): ValidCtiEvent {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new CtiRejection('cti_body');
  const parsed = ctiEventSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    if (issues.some((i) => i.path === 'event')) throw new CtiRejection('cti_invalid_event', { issues });
    throw new CtiRejection('cti_body', { issues });
  }
  const input = parsed.data;
  const direction = input.direction;
  if (direction !== undefined && !(CALL_DIRECTIONS as readonly string[]).includes(direction)) throw new CtiRejection('cti_invalid_direction');
  if ((ZAMMAD_CTI_EVENTS as readonly string[]).includes(input.event) && direction === undefined) throw new CtiRejection('cti_invalid_direction');
  if (input.event === 'agentState') {
    if (!input.state || (!input.user && !input.answeringNumber)) throw new CtiRejection('cti_agent_state');
  } else if (!input.callId) {
    throw new CtiRejection('cti_call_id');
  }
  return input as ValidCtiEvent;
}

export function userList(user: CtiEventInput['user']): string[] {
  if (user === undefined) return [];
  return (Array.isArray(user) ? user : [user]).map((u) => u.trim()).filter(Boolean);
}

/** The number of the party outside the center: the caller of an inbound call, the callee of an outbound one. */
export function externalNumber(input: Pick<CtiEventInput, 'from' | 'to'>, direction: CallDirection | null | undefined): string | undefined {
  return direction === 'out' ? input.to : input.from;
}

// Every event of a call repeats its numbers, and parsing a number is the costliest step of an event.
const normalizedCache = new Map<string, string | null>();
const NORMALIZED_CACHE_MAX = 50_000;

export function normalizedOrNull(number: string | undefined): string | null {
  if (!number) return null;
  const cached = normalizedCache.get(number);
  if (cached !== undefined) return cached;
  const normalized = normalizePhone(number) || null;
  if (normalizedCache.size >= NORMALIZED_CACHE_MAX) normalizedCache.clear();
  normalizedCache.set(number, normalized);
  return normalized;
}

/** What one event proposes for its call row; the writer merges it with the row's current values in SQL. */
export interface CallEventRow {
  tenantId: number;
  callId: string;
  event: string;
  at: Date;
  /** The event as received (validated fields, without event/callId/at), kept in call_events. */
  data: Record<string, unknown>;
  direction: CallDirection | null;
  fromNumber: string | null;
  toNumber: string | null;
  callerNormalized: string | null;
  queue: string | null;
  answeringNumber: string | null;
  agentId: number | null;
  queuedAt: Date | null;
  answeredAt: Date | null;
  abandonedAt: Date | null;
  endedAt: Date | null;
  hangupCause: string | null;
  holdSum: number;
  holdCount: number;
  unholdSum: number;
  unholdCount: number;
  transferTo: string | null;
  transferCount: number;
  recordingUrl: string | null;
  blocked: boolean;
  /** Automatic after-call work of the tenant (hangup only). */
  acwSeconds: number;
  /** newCall: the agents it names, whose phones ring (merged into the call's rung_user_ids). */
  rungUserIds: number[];
}

export interface CallEventContext {
  tenantId: number;
  at: Date;
  agentId: number | null;
  blocked: boolean;
  afterCallWorkSeconds: number;
  /** The users the event's `user` names, resolved to ids. */
  namedUserIds?: number[];
}

export function toCallEventRow(input: ValidCtiEvent, ctx: CallEventContext): CallEventRow {
  const { event, callId, at: _at, ...data } = input;
  // Queues only take inbound calls: a queue event arriving before newCall still tells the direction.
  const direction = input.direction ?? (event === 'queueEnter' || event === 'queueAbandon' ? 'in' : null);
  const atSeconds = ctx.at.getTime() / 1000;
  return {
    tenantId: ctx.tenantId,
    callId: callId!,
    event,
    at: ctx.at,
    data,
    direction,
    fromNumber: input.from ?? null,
    toNumber: input.to ?? null,
    callerNormalized: normalizedOrNull(externalNumber(input, direction)),
    queue: input.queue ?? null,
    answeringNumber: input.answeringNumber ?? null,
    agentId: ctx.agentId,
    queuedAt: event === 'queueEnter' ? ctx.at : null,
    answeredAt: event === 'answer' ? ctx.at : null,
    abandonedAt: event === 'queueAbandon' ? ctx.at : null,
    endedAt: event === 'hangup' ? ctx.at : null,
    hangupCause: event === 'hangup' ? (input.cause ?? null) : null,
    holdSum: event === 'hold' ? atSeconds : 0,
    holdCount: event === 'hold' ? 1 : 0,
    unholdSum: event === 'unhold' ? atSeconds : 0,
    unholdCount: event === 'unhold' ? 1 : 0,
    transferTo: event === 'transfer' ? (input.transferTo ?? input.to ?? null) : null,
    transferCount: event === 'transfer' ? 1 : 0,
    recordingUrl: input.recordingUrl ?? null,
    blocked: ctx.blocked,
    acwSeconds: event === 'hangup' ? ctx.afterCallWorkSeconds : 0,
    rungUserIds: event === 'newCall' ? (ctx.namedUserIds ?? []) : [],
  };
}
