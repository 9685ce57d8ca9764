import { PERMISSIONS, type BuiltinRoleKey, type Permission, type TicketCreate } from '@kefu/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { systemActor, type Actor } from '../lib/actor.js';
import { insertUser } from '../modules/users/users.service.js';
import { createTicket } from '../modules/tickets/tickets.service.js';
import { TEST_TENANT_ID } from './test-db.js';

let counter = 0;
export const TEST_PASSWORD = 'test-pass-123';

export const adminActor = (): Actor => systemActor(TEST_TENANT_ID, PERMISSIONS);

/** A user of a built-in role and the actor it acts as. */
export async function createUserActor(db: Kysely<DB>, roleKey: BuiltinRoleKey | string, extra: { teamId?: number | null; username?: string; displayName?: string } = {}): Promise<Actor> {
  const role = await db.selectFrom('roles').select(['id', 'permissions']).where('tenant_id', '=', TEST_TENANT_ID).where('key', '=', roleKey).executeTakeFirstOrThrow();
  counter += 1;
  const username = extra.username ?? `${roleKey}_${counter}_${Date.now() % 100000}`;
  const displayName = extra.displayName ?? `${roleKey} ${counter}`;
  const id = await insertUser(db, adminActor(), { username, displayName, password: TEST_PASSWORD, roleId: role.id, teamId: extra.teamId ?? null, skillGroupIds: [], locale: 'zh-CN' });
  return {
    tenantId: TEST_TENANT_ID,
    userId: id,
    username,
    displayName,
    roleKey,
    teamId: extra.teamId ?? null,
    permissions: new Set(role.permissions as Permission[]),
    locale: 'zh-CN',
    ip: '127.0.0.1',
  };
}

export async function createTestTicket(db: Kysely<DB>, actor: Actor, input: Partial<TicketCreate> = {}) {
  counter += 1;
  return createTicket({
    db,
    actor,
    input: { type: 'consultation', subject: `测试工单 ${counter}`, description: '客户来电咨询', priority: 'normal', channel: 'phone', ...input },
  });
}

export const followUpFacts = {
  eventTime: '2026-11-20T10:00:00+08:00',
  eventPlace: '朝阳区建国路88号',
  eventPerson: '王先生',
  contactPhone: '138 1234 5678',
};
