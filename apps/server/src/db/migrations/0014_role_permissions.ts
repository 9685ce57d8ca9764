import { sql, type Kysely } from 'kysely';

// Built-in roles of existing installations get the permissions this release introduced (complaints, callbacks,
// archive, workforce). Once, as a migration: an administrator who later removes one keeps it removed.
export const ADDED: Record<string, string[]> = {
  admin: ['complaints.handle', 'complaints.approve', 'complaints.approve_serious', 'callbacks.manage', 'callbacks.work', 'customers.import', 'contracts.manage', 'staff.manage', 'lending.manage', 'lending.approve', 'workforce.request', 'workforce.schedule', 'workforce.approve', 'workforce.direct', 'handover.sign'],
  manager: ['complaints.handle', 'complaints.approve', 'complaints.approve_serious', 'callbacks.manage', 'callbacks.work', 'customers.import', 'contracts.manage', 'staff.manage', 'lending.manage', 'lending.approve', 'workforce.request', 'workforce.schedule', 'workforce.approve', 'workforce.direct', 'handover.sign'],
  gm: ['complaints.approve', 'complaints.approve_serious', 'workforce.direct', 'lending.approve'],
  leader: ['callbacks.manage', 'callbacks.work', 'workforce.request', 'workforce.schedule', 'workforce.approve', 'handover.sign'],
  agent: ['callbacks.work', 'workforce.request'],
  qa: ['callbacks.manage', 'callbacks.work', 'workforce.request'],
  complaints: ['complaints.handle', 'callbacks.work', 'workforce.request'],
  archivist: ['customers.import', 'contracts.manage', 'staff.manage', 'lending.manage', 'workforce.request'],
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const [key, permissions] of Object.entries(ADDED)) {
    await sql`update roles set permissions = array(select distinct p from unnest(permissions || ${permissions}::text[]) as p order by p)
      where builtin and key = ${key}`.execute(db);
  }
}
