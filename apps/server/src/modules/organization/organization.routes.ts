import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  departmentInputSchema, departmentSchema, departmentUpdateSchema, idParamSchema, skillGroupInputSchema, skillGroupSchema, skillGroupUpdateSchema, teamInputSchema,
  teamSchema, teamUpdateSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { listDepartments, listSkillGroups, listTeams, saveDepartment, saveSkillGroup, saveTeam } from './organization.service.js';

const tags = ['admin'];
const list = <T extends z.ZodType>(item: T) => ({ 200: z.object({ items: z.array(item) }) });

export const organizationRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/teams', { schema: { tags, summary: 'Teams (班组)', response: list(teamSchema) } }, async (r) => ({ items: await listTeams({ db, actor: actorOf(r) }) }));
  app.post('/teams', { schema: { tags, summary: 'Create a team', body: teamInputSchema, response: { 201: teamSchema } } }, async (r, reply) =>
    reply.status(201).send(await saveTeam({ db, actor: actorOf(r), input: r.body })));
  app.patch('/teams/:id', { schema: { tags, summary: 'Change a team', params: idParamSchema, body: teamUpdateSchema, response: { 200: teamSchema } } }, async (r) =>
    saveTeam({ db, actor: actorOf(r), id: r.params.id, input: r.body }));

  app.get('/skill-groups', { schema: { tags, summary: 'Skill groups (技能组) and their assignment strategy', response: list(skillGroupSchema) } }, async (r) => ({
    items: await listSkillGroups({ db, actor: actorOf(r) }),
  }));
  app.post('/skill-groups', { schema: { tags, summary: 'Create a skill group', body: skillGroupInputSchema, response: { 201: skillGroupSchema } } }, async (r, reply) =>
    reply.status(201).send(await saveSkillGroup({ db, actor: actorOf(r), input: r.body })));
  app.patch('/skill-groups/:id', { schema: { tags, summary: 'Change a skill group', params: idParamSchema, body: skillGroupUpdateSchema, response: { 200: skillGroupSchema } } }, async (r) =>
    saveSkillGroup({ db, actor: actorOf(r), id: r.params.id, input: r.body }));

  app.get('/departments', { schema: { tags, summary: 'Departments work orders are transferred to', response: list(departmentSchema) } }, async (r) => ({
    items: await listDepartments({ db, actor: actorOf(r) }),
  }));
  app.post('/departments', { schema: { tags, summary: 'Create a department', body: departmentInputSchema, response: { 201: departmentSchema } } }, async (r, reply) =>
    reply.status(201).send(await saveDepartment({ db, actor: actorOf(r), input: r.body })));
  app.patch('/departments/:id', { schema: { tags, summary: 'Change a department', params: idParamSchema, body: departmentUpdateSchema, response: { 200: departmentSchema } } }, async (r) =>
    saveDepartment({ db, actor: actorOf(r), id: r.params.id, input: r.body }));
};
