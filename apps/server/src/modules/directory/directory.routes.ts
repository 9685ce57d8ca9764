import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { directorySchema, type Directory } from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { listDepartments, listSkillGroups, listTeams } from '../organization/organization.service.js';
import { listTicketTypes } from '../ticket-types/ticket-types.service.js';

export const directoryRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/directory', { schema: { tags: ['directory'], summary: 'People, teams, skill groups, departments and types for pickers', response: { 200: directorySchema } } }, async (request): Promise<Directory> => {
    const actor = actorOf(request);
    const [users, teams, skillGroups, departments, ticketTypes] = await Promise.all([
      db
        .selectFrom('users as u')
        .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.role_id'))
        .select(['u.id', 'u.display_name', 'u.username', 'u.employee_no', 'u.team_id', 'u.active', 'r.key as role_key'])
        .select(sql<number[]>`coalesce((select array_agg(m.skill_group_id) from skill_group_members m where m.tenant_id = u.tenant_id and m.user_id = u.id), '{}')`.as('groups'))
        .where('u.tenant_id', '=', actor.tenantId)
        .orderBy('u.id')
        .execute(),
      listTeams({ db, actor }),
      listSkillGroups({ db, actor }),
      listDepartments({ db, actor }),
      listTicketTypes({ db, actor }),
    ]);
    return {
      users: users.map((u) => ({ id: u.id, name: u.display_name, username: u.username, employeeNo: u.employee_no, teamId: u.team_id, roleKey: u.role_key, active: u.active, skillGroupIds: (u.groups ?? []).map(Number) })),
      teams: teams.map((t) => ({ id: t.id, name: t.name, leaderId: t.leaderId })),
      skillGroups,
      departments: departments.map((d) => ({ id: d.id, name: d.name, active: d.active })),
      ticketTypes,
    };
  });
};
