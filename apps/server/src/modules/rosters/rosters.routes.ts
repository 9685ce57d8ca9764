import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attendanceQuerySchema, attendanceRowSchema, clockInputSchema, coverageQuerySchema, coverageSchema, handoverInputSchema, handoverListQuerySchema,
  handoverSchema, handoverUpdateSchema, idParamSchema, idSchema, leaveListQuerySchema, leaveRequestInputSchema, leaveRequestSchema, okSchema,
  rosterDecisionSchema, rosterShiftQuerySchema, rosterShiftSchema, rosterShiftsUpsertSchema, rosterVersionSchema, staffProfileInputSchema,
  swapCheckSchema, swapInputSchema, swapListQuerySchema, swapSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { attendanceForDay, clock } from './attendance.service.js';
import { currentHandover, getHandover, openHandover, searchHandovers, signHandover, updateHandover } from './handover.service.js';
import { cancelLeaveRequest, createLeaveRequest, decideLeaveRequest, listLeaveRequests } from './leave.service.js';
import { listShiftsFor, removeRosterShift, rosterCoverage, setStaffProfile, upsertRosterShifts } from './roster-shifts.service.js';
import { assertCan } from './rosters.policy.js';
import { cancelSwap, decideSwap, listSwaps, previewSwap, requestSwap } from './swaps.service.js';

const tags = ['rosters'];
const items = <T extends z.ZodType>(item: T) => ({ 200: z.object({ items: z.array(item) }) });

export const rostersRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/rosters/shifts', { schema: { tags, summary: 'Assigned shifts in a date range (own shifts for agents)', querystring: rosterShiftQuerySchema, response: items(rosterShiftSchema) } }, async (request) => ({
    items: await listShiftsFor({ db, actor: actorOf(request), query: request.query }),
  }));
  app.put('/rosters/shifts', { schema: { tags, summary: 'Insert or update shifts by (user, start)', body: rosterShiftsUpsertSchema, response: { 200: z.object({ upserted: z.number(), removed: z.number() }) } } }, async (request) => {
    const actor = actorOf(request);
    assertCan(actor, 'workforce.schedule');
    return upsertRosterShifts({ db, tenantId: actor.tenantId, shifts: request.body.shifts, actor });
  });
  app.delete('/rosters/shifts/:id', { schema: { tags, summary: 'Remove a shift', params: idParamSchema, response: { 200: okSchema } } }, async (request) => {
    await removeRosterShift({ db, actor: actorOf(request), id: request.params.id });
    return { ok: true as const };
  });
  app.put('/rosters/staff/:id', { schema: { tags, summary: "A person's job and skill level (swaps only between equals)", params: idParamSchema, body: staffProfileInputSchema, response: { 200: z.object({ userId: z.number(), job: z.string(), skillLevel: z.number() }) } } }, async (request) =>
    setStaffProfile({ db, actor: actorOf(request), userId: request.params.id, input: request.body }),
  );
  app.get('/rosters/coverage', { schema: { tags, summary: 'Headcount per interval after approved leave', querystring: coverageQuerySchema, response: { 200: coverageSchema } } }, async (request) =>
    rosterCoverage({ db, actor: actorOf(request), query: request.query }),
  );

  app.get('/rosters/leave', { schema: { tags, summary: 'Leave requests (own, all, or the approval inbox)', querystring: leaveListQuerySchema, response: items(leaveRequestSchema) } }, async (request) => ({
    items: await listLeaveRequests({ db, actor: actorOf(request), query: request.query }),
  }));
  app.post('/rosters/leave', { schema: { tags, summary: 'Request leave (请假); refused with every broken rule', body: leaveRequestInputSchema, response: { 201: leaveRequestSchema } } }, async (request, reply) =>
    reply.status(201).send(await createLeaveRequest({ db, actor: actorOf(request), input: request.body })),
  );
  app.post('/rosters/leave/:id/decision', { schema: { tags, summary: 'Approve or reject at the current level', params: idParamSchema, body: rosterDecisionSchema, response: { 200: leaveRequestSchema } } }, async (request) =>
    decideLeaveRequest({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post('/rosters/leave/:id/cancel', { schema: { tags, summary: 'Withdraw a leave request', params: idParamSchema, body: rosterVersionSchema, response: { 200: leaveRequestSchema } } }, async (request) =>
    cancelLeaveRequest({ db, actor: actorOf(request), id: request.params.id, version: request.body.version }),
  );

  app.get('/rosters/swaps', { schema: { tags, summary: 'Shift swaps (own, all, or the approval inbox)', querystring: swapListQuerySchema, response: items(swapSchema) } }, async (request) => ({
    items: await listSwaps({ db, actor: actorOf(request), query: request.query }),
  }));
  app.get('/rosters/swaps/check', { schema: { tags, summary: 'Which swap rules a swap would break', querystring: z.object({ requesterShiftId: idSchema, counterpartShiftId: idSchema }), response: { 200: swapCheckSchema } } }, async (request) =>
    previewSwap({ db, actor: actorOf(request), input: request.query }),
  );
  app.post('/rosters/swaps', { schema: { tags, summary: 'Ask for a shift swap (换班)', body: swapInputSchema, response: { 201: swapSchema } } }, async (request, reply) =>
    reply.status(201).send(await requestSwap({ db, actor: actorOf(request), input: request.body })),
  );
  app.post('/rosters/swaps/:id/decision', { schema: { tags, summary: "A side's team leader approves or rejects; the second approval applies the swap", params: idParamSchema, body: rosterDecisionSchema, response: { 200: swapSchema } } }, async (request) =>
    decideSwap({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post('/rosters/swaps/:id/cancel', { schema: { tags, summary: 'Withdraw a pending swap', params: idParamSchema, body: rosterVersionSchema, response: { 200: swapSchema } } }, async (request) =>
    cancelSwap({ db, actor: actorOf(request), id: request.params.id, version: request.body.version }),
  );

  app.post('/rosters/attendance/clock', { schema: { tags, summary: 'Clock in or out', body: clockInputSchema, response: { 201: z.object({ kind: z.enum(['in', 'out']), at: z.string(), shiftId: z.number() }) } } }, async (request, reply) =>
    reply.status(201).send(await clock({ db, actor: actorOf(request), kind: request.body.kind })),
  );
  app.get('/rosters/attendance', { schema: { tags, summary: 'Attendance and adherence per agent for a day', querystring: attendanceQuerySchema, response: items(attendanceRowSchema) } }, async (request) => ({
    items: await attendanceForDay({ db, actor: actorOf(request), query: request.query }),
  }));

  app.get('/rosters/handovers', { schema: { tags, summary: 'Handover history, searchable by text and date', querystring: handoverListQuerySchema, response: items(handoverSchema) } }, async (request) => ({
    items: await searchHandovers({ db, actor: actorOf(request), query: request.query }),
  }));
  app.get('/rosters/handovers/current', { schema: { tags, summary: 'The log awaiting signatures, else the last signed one', querystring: z.object({ teamId: idSchema.optional() }), response: { 200: z.object({ handover: handoverSchema.nullable(), previous: handoverSchema.nullable() }) } } }, async (request) =>
    currentHandover({ db, actor: actorOf(request), teamId: request.query.teamId ?? null }),
  );
  app.get('/rosters/handovers/:id', { schema: { tags, summary: 'One handover log', params: idParamSchema, response: { 200: handoverSchema } } }, async (request) =>
    getHandover({ db, actor: actorOf(request), id: request.params.id }),
  );
  app.post('/rosters/handovers', { schema: { tags, summary: 'Open the handover log of the outgoing shift', body: handoverInputSchema, response: { 201: handoverSchema } } }, async (request, reply) =>
    reply.status(201).send(await openHandover({ db, actor: actorOf(request), input: request.body })),
  );
  app.patch('/rosters/handovers/:id', { schema: { tags, summary: 'Edit the fields before the outgoing signature', params: idParamSchema, body: handoverUpdateSchema, response: { 200: handoverSchema } } }, async (request) =>
    updateHandover({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
  app.post('/rosters/handovers/:id/sign', { schema: { tags, summary: 'Sign as the outgoing or the incoming leader', params: idParamSchema, body: z.object({ version: z.number().int(), as: z.enum(['outgoing', 'incoming']) }), response: { 200: handoverSchema } } }, async (request) =>
    signHandover({ db, actor: actorOf(request), id: request.params.id, input: request.body }),
  );
};
