import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idParamSchema, staffDeductionInputSchema, staffDeductionSchema, staffDeductionSummaryQuerySchema, staffDeductionSummarySchema, staffInputSchema,
  staffListQuerySchema, staffMovementInputSchema, staffMovementSchema, staffPageSchema, staffPlacementEndSchema, staffPlacementInputSchema,
  staffPlacementParamsSchema, staffPlacementSchema, staffProfileSchema, staffSchema, staffUpdateSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { addDeduction, addPlacement, endPlacement, recordMovement, summarizeDeductions } from './staff-records.service.js';
import { createStaff, getStaffProfile, listStaff, updateStaff } from './staff.service.js';

const tags = ['service-staff'];

export async function staffRoutes(parent: FastifyInstance, { db }: RouteDeps) {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get('/service-staff', { schema: { tags, summary: 'Service staff archive (家政服务人员档案); personal data masked', querystring: staffListQuerySchema, response: { 200: staffPageSchema } } }, async (request) =>
    listStaff({ db, actor: actorOf(request), query: request.query }),
  );
  app.get('/service-staff/deductions', { schema: { tags, summary: 'Monthly performance deductions per person', querystring: staffDeductionSummaryQuerySchema, response: { 200: staffDeductionSummarySchema } } }, async (request) =>
    summarizeDeductions({ db, actor: actorOf(request), month: request.query.month }),
  );
  app.get('/service-staff/:id', { schema: { tags, summary: 'Profile with placements, movements and deductions; ID card in clear only with customers.reveal_pii (audited)', params: idParamSchema, response: { 200: staffProfileSchema } } }, async (request) =>
    getStaffProfile({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.post('/service-staff', { schema: { tags, summary: 'Add a staff member (first movement: new)', body: staffInputSchema, response: { 201: staffSchema } } }, async (request, reply) =>
    reply.status(201).send(await createStaff({ db, actor: actorOf(request), input: request.body })),
  );
  app.patch('/service-staff/:id', { schema: { tags, summary: 'Edit a profile; `version` must match', params: idParamSchema, body: staffUpdateSchema, response: { 200: staffSchema } } }, async (request) =>
    updateStaff({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post('/service-staff/:id/movements', { schema: { tags, summary: 'Record a movement (new / on duty / returned / resigned); `version` is the staff version', params: idParamSchema, body: staffMovementInputSchema, response: { 201: z.object({ items: z.array(staffMovementSchema) }) } } }, async (request, reply) =>
    reply.status(201).send({ items: await recordMovement({ db, actor: actorOf(request), staffId: request.params.id, input: request.body }) }),
  );
  app.post('/service-staff/:id/placements', { schema: { tags, summary: 'Place the staff member with a customer', params: idParamSchema, body: staffPlacementInputSchema, response: { 201: staffPlacementSchema } } }, async (request, reply) =>
    reply.status(201).send(await addPlacement({ db, actor: actorOf(request), staffId: request.params.id, input: request.body })),
  );
  app.post('/service-staff/:id/placements/:placementId/end', { schema: { tags, summary: 'End a placement', params: staffPlacementParamsSchema, body: staffPlacementEndSchema, response: { 200: staffPlacementSchema } } }, async (request) =>
    endPlacement({ db, actor: actorOf(request), staffId: request.params.id, placementId: request.params.placementId, version: request.body.version, endDate: request.body.endDate }),
  );
  app.post('/service-staff/:id/deductions', { schema: { tags, summary: 'Record a monthly performance deduction', params: idParamSchema, body: staffDeductionInputSchema, response: { 201: staffDeductionSchema } } }, async (request, reply) =>
    reply.status(201).send(await addDeduction({ db, actor: actorOf(request), staffId: request.params.id, input: request.body })),
  );
}
