import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { writeAudit } from '../audit/audit.service.js';
import { revealCallNumbers } from '../pii/call-numbers.js';
import { assertCanReadCall } from './calls.policy.js';

/**
 * The full numbers of a call, decrypted: an explicit action of a role with customers.reveal_pii, audit-logged
 * (`call.contact_revealed`). Everyone else, and every list, sees the external party masked; the agent who must
 * call back uses click-to-call with the call id, which dials without the number reaching the browser.
 */
export async function revealCallNumbersOf({ db, actor, id }: { db: Kysely<DB>; actor: Actor; id: number }): Promise<{ from: string | null; to: string | null }> {
  const row = await db
    .selectFrom('calls')
    .select(['id', 'call_id', 'agent_id', 'direction', 'from_number', 'to_number', 'from_number_enc', 'to_number_enc'])
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  assertCanReadCall(actor, row);
  if (!can(actor, 'customers.reveal_pii')) throw new AppError('FORBIDDEN');
  const numbers = revealCallNumbers(row!);
  await writeAudit(db, actor, { action: 'call.contact_revealed', entity: 'call', entityId: id, detail: { callId: row!.call_id } });
  return numbers;
}
