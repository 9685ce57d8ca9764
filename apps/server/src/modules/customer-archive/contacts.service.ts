// Contacts recorded by hand: a visit, a call from a mobile outside the PBX, a WeChat message (seed 001 回访 by
// 电话/短信/微信/邮件/登门造访; seed 003 跟踪 by 电话、上门拜访).
import type { Kysely } from 'kysely';
import type { Contact, ContactInput } from '@kefu/shared';
import { contactInputSchema } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { ruleViolation } from '../../lib/app-error.js';
import { now, toIsoRequired } from '../../lib/clock.js';
import { writeAudit } from '../audit/audit.service.js';
import { assertLiveCustomer } from './customer-archive.repo.js';
import { assertWriteArchive } from './customer-archive.policy.js';

/** A few minutes of clock difference between the browser and the server are no "future". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export async function addContact({ db, actor, customerId, input }: { db: Kysely<DB>; actor: Actor; customerId: number; input: ContactInput }): Promise<Contact> {
  assertWriteArchive(actor);
  const data = contactInputSchema.parse(input);
  if (new Date(data.at).getTime() > now().getTime() + FUTURE_TOLERANCE_MS) throw ruleViolation('contact_in_future');
  const id = await db.transaction().execute(async (trx) => {
    await assertLiveCustomer(trx, actor.tenantId, customerId);
    const row = await trx
      .insertInto('customer_contacts')
      .values({ tenant_id: actor.tenantId, customer_id: customerId, channel: data.channel, direction: data.direction, at: data.at, summary: data.summary, person: data.person, created_by: actor.userId || null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'customer.contact_added', entity: 'customer', entityId: customerId, detail: { contactId: row.id, channel: data.channel } });
    return row.id;
  });
  const r = await db
    .selectFrom('customer_contacts as k')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'k.tenant_id').onRef('u.id', '=', 'k.created_by'))
    .where('k.tenant_id', '=', actor.tenantId)
    .where('k.id', '=', id)
    .select(['k.id', 'k.customer_id', 'k.channel', 'k.direction', 'k.at', 'k.summary', 'k.person', 'k.created_at', 'u.id as user_id', 'u.display_name'])
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    customerId: r.customer_id,
    channel: r.channel as Contact['channel'],
    direction: r.direction as Contact['direction'],
    at: toIsoRequired(r.at),
    summary: r.summary,
    person: r.person,
    by: r.user_id !== null && r.display_name !== null ? { id: r.user_id, name: r.display_name } : null,
    createdAt: toIsoRequired(r.created_at),
  };
}
