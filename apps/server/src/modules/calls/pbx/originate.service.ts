// Click-to-call through the PBX adapter (issue 4): the agent's own phone rings, then the PBX dials the customer.
// From a work order it is the call-back task (seed 002's 回访/回复): the dial is recorded on the order.
import type { Kysely } from 'kysely';
import type { OriginateRequestBody, OriginateResponse } from '@kefu/shared';
import type { DB } from '../../../db/schema.js';
import { can, type Actor } from '../../../lib/actor.js';
import { AppError, notFound, ruleViolation } from '../../../lib/app-error.js';
import { maskPhone, normalizePhone } from '../../../lib/phone.js';
import { writeAudit } from '../../audit/audit.service.js';
import { externalCallNumber } from '../../pii/call-numbers.js';
import { decryptOrNull } from '../../pii/pii-fields.js';
import { assertCanReadCall } from '../calls.policy.js';
import { assertCanReadTicket } from '../../tickets/tickets.policy.js';
import { AmiError, originateViaAmi, parseAmiUrl, type AmiConfig } from './ami-client.js';

type Ctx = { db: Kysely<DB>; actor: Actor };

/** What a PBX adapter does; AMI is the one we ship (a FreeSWITCH ESL adapter would implement the same). */
export type PbxOriginate = (request: { extension: string; number: string; variables: Record<string, string> }) => Promise<{ actionId: string }>;

/** The tenant's AMI address (hotline settings `pbx.amiUrl`), else KEFU_AMI_URL. */
export async function pbxOf(db: Kysely<DB>, tenantId: number, env = process.env): Promise<PbxOriginate | null> {
  const row = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirst();
  const url = (row?.settings as { pbx?: { amiUrl?: string } } | undefined)?.pbx?.amiUrl || env.KEFU_AMI_URL;
  if (!url) return null;
  let config: AmiConfig;
  try {
    config = parseAmiUrl(url);
  } catch (error) {
    throw ruleViolation('pbx_error', { message: (error as Error).message });
  }
  return (r) => originateViaAmi(config, r);
}

/** The number the PBX dials: a mobile as it is, a landline with its trunk prefix 0 (area code + number). */
export function dialString(number: string): string {
  const n = normalizePhone(number);
  if (/^1[3-9]\d{9}$/.test(n)) return n;
  return n.length >= 9 ? `0${n}` : n;
}

async function numberToDial(db: Kysely<DB>, actor: Actor, input: OriginateRequestBody): Promise<{ number: string; ticketId: number | null }> {
  if (input.ticketId !== undefined) {
    const t = await db.selectFrom('tickets').select(['id', 'responsible_id', 'assignee_id', 'created_by', 'contact_phone', 'contact_phone_enc']).where('tenant_id', '=', actor.tenantId).where('id', '=', input.ticketId).executeTakeFirst();
    assertCanReadTicket(actor, t);
    // Decrypted here, never sent to the browser (a row not encrypted yet still holds the number readable).
    const number = input.number ?? decryptOrNull(t!.contact_phone_enc) ?? t!.contact_phone;
    if (!number || number.includes('*')) throw ruleViolation('pbx_no_number');
    return { number, ticketId: t!.id };
  }
  if (input.customerPhoneId !== undefined) {
    if (!can(actor, 'customers.read')) throw notFound('customer');
    const p = await db.selectFrom('customer_phones').select(['number', 'phone_enc']).where('tenant_id', '=', actor.tenantId).where('id', '=', input.customerPhoneId).executeTakeFirst();
    if (!p) throw notFound('customer');
    const number = decryptOrNull(p.phone_enc) ?? p.number;
    if (!number || number.includes('*')) throw ruleViolation('pbx_no_number');
    return { number, ticketId: null };
  }
  if (input.callId !== undefined) {
    const c = await db.selectFrom('calls').select(['agent_id', 'direction', 'from_number', 'to_number', 'from_number_enc', 'to_number_enc']).where('tenant_id', '=', actor.tenantId).where('id', '=', input.callId).executeTakeFirst();
    assertCanReadCall(actor, c);
    const number = externalCallNumber(c!);
    if (!number || number.includes('*')) throw ruleViolation('pbx_no_number');
    return { number, ticketId: null };
  }
  return { number: input.number!, ticketId: null };
}

export async function originateCall({ db, actor, input, pbx }: Ctx & { input: OriginateRequestBody; pbx?: PbxOriginate | null }): Promise<OriginateResponse> {
  if (!can(actor, 'tickets.update') && !can(actor, 'calls.read_own')) throw new AppError('FORBIDDEN');
  const user = await db.selectFrom('users').select('extension').where('tenant_id', '=', actor.tenantId).where('id', '=', actor.userId).executeTakeFirst();
  const extension = user?.extension?.trim();
  if (!extension) throw ruleViolation('pbx_no_extension');
  const { number, ticketId } = await numberToDial(db, actor, input);
  const adapter = pbx === undefined ? await pbxOf(db, actor.tenantId) : pbx;
  if (!adapter) throw ruleViolation('pbx_not_configured');
  const dial = dialString(number);
  let actionId: string;
  try {
    ({ actionId } = await adapter({ extension, number: dial, variables: ticketId === null ? {} : { KEFU_TICKET: String(ticketId) } }));
  } catch (error) {
    if (error instanceof AmiError) throw ruleViolation('pbx_error', { message: error.message });
    throw error;
  }
  const masked = maskPhone(number);
  await writeAudit(db, actor, ticketId === null
    ? { action: 'call.dialed', entity: 'call', entityId: input.callId ?? null, detail: { number: masked, extension, actionId } }
    : { action: 'ticket.callback_dialed', entity: 'ticket', entityId: ticketId, detail: { number: masked, extension, actionId } });
  return { actionId, number: masked, extension };
}
