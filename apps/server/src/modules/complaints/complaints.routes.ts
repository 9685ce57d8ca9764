import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  complaintApproveSchema, complaintCaseSchema, complaintCreateSchema, complaintDetailSchema, complaintListQuerySchema, complaintPageSchema,
  complaintRejectSchema, complaintStatsQuerySchema, complaintStatsSchema, complaintStepParamSchema, complaintStepSubmitSchema,
  payoutPaidSchema, payoutParamSchema, payoutSchema, penaltyCreateSchema, penaltyListQuerySchema, penaltyParamSchema, penaltySchema,
  penaltySignSchema, progressCreateSchema, progressEntrySchema, ticketIdParamSchema,
} from '@kefu/shared';
import { actorOf } from '../../http/auth.js';
import type { RouteDeps } from '../../http/route-deps.js';
import { addProgress, createPenalty, listPenalties, markPayoutPaid, signPenalty } from './complaint-records.service.js';
import { complaintStats } from './complaint-stats.service.js';
import { approveComplaint, rejectComplaint, submitComplaintStep } from './complaint-workflow.service.js';
import { createComplaint, getComplaint, listComplaints, listMyApprovals } from './complaints.service.js';

const tags = ['complaints'];

export const complaintsRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db }) => {
  app.get('/complaints', { schema: { tags, summary: 'Complaint cases (投诉), filtered', querystring: complaintListQuerySchema, response: { 200: complaintPageSchema } } }, async (request) =>
    listComplaints({ db, actor: actorOf(request), query: request.query }),
  );
  app.post('/complaints', { schema: { tags, summary: 'Open the case of a complaint work order (existing, or created with it)', body: complaintCreateSchema, response: { 201: complaintDetailSchema } } }, async (request, reply) =>
    reply.status(201).send(await createComplaint({ db, actor: actorOf(request), input: request.body })),
  );
  app.get('/complaints/approvals', { schema: { tags, summary: 'Cases waiting for my approval', response: { 200: z.object({ items: z.array(complaintCaseSchema) }) } } }, async (request) => ({
    items: await listMyApprovals({ db, actor: actorOf(request) }),
  }));
  app.get('/complaints/stats', { schema: { tags, summary: 'Closed cases of a period and the justified-complaint satisfaction rate (target 100 %)', querystring: complaintStatsQuerySchema, response: { 200: complaintStatsSchema } } }, async (request) =>
    complaintStats({ db, actor: actorOf(request), from: request.query.from, to: request.query.to }),
  );
  app.get('/complaints/penalties', { schema: { tags, summary: 'Penalty slips of a staff member (default: me), optionally of a month', querystring: penaltyListQuerySchema, response: { 200: z.object({ items: z.array(penaltySchema) }) } } }, async (request) => ({
    items: await listPenalties({ db, actor: actorOf(request), query: request.query }),
  }));
  app.post('/complaints/penalties/:penaltyId/sign', { schema: { tags, summary: 'Sign a penalty slip as the staff member or the general manager (in person)', params: penaltyParamSchema, body: penaltySignSchema, response: { 200: penaltySchema } } }, async (request) =>
    signPenalty({ db, actor: actorOf(request), penaltyId: request.params.penaltyId, as: request.body.as }),
  );
  app.get('/complaints/:ticketId', { schema: { tags, summary: 'A complaint case with approvals, payouts, penalty slips and progress log', params: ticketIdParamSchema, response: { 200: complaintDetailSchema } } }, async (request) =>
    getComplaint({ db, actor: actorOf(request), ticketId: request.params.ticketId }),
  );
  app.post('/complaints/:ticketId/steps/:step', { schema: { tags, summary: 'Submit the current step with its fields; `version` must match', params: complaintStepParamSchema, body: complaintStepSubmitSchema, response: { 200: complaintDetailSchema } } }, async (request) =>
    submitComplaintStep({ db, actor: actorOf(request), ticketId: request.params.ticketId, step: request.params.step, input: request.body }),
  );
  app.post('/complaints/:ticketId/approve', { schema: { tags, summary: 'Approve the proposal at the pending level (manager, then general manager when serious or paid)', params: ticketIdParamSchema, body: complaintApproveSchema, response: { 200: complaintDetailSchema } } }, async (request) =>
    approveComplaint({ db, actor: actorOf(request), ticketId: request.params.ticketId, input: request.body }),
  );
  app.post('/complaints/:ticketId/reject', { schema: { tags, summary: 'Reject the proposal with a reason: back to the propose step', params: ticketIdParamSchema, body: complaintRejectSchema, response: { 200: complaintDetailSchema } } }, async (request) =>
    rejectComplaint({ db, actor: actorOf(request), ticketId: request.params.ticketId, input: request.body }),
  );
  app.post('/complaints/:ticketId/payouts/:payoutId/paid', { schema: { tags, summary: 'Record that an approved payout was paid', params: payoutParamSchema, body: payoutPaidSchema, response: { 200: z.object({ items: z.array(payoutSchema) }) } } }, async (request) => ({
    items: await markPayoutPaid({ db, actor: actorOf(request), ticketId: request.params.ticketId, payoutId: request.params.payoutId, paidAt: request.body.paidAt }),
  }));
  app.post('/complaints/:ticketId/penalties', { schema: { tags, summary: 'Write a penalty slip (职员处罚单) for the responsible staff member', params: ticketIdParamSchema, body: penaltyCreateSchema, response: { 201: penaltySchema } } }, async (request, reply) =>
    reply.status(201).send(await createPenalty({ db, actor: actorOf(request), ticketId: request.params.ticketId, input: request.body })),
  );
  app.post('/complaints/:ticketId/progress', { schema: { tags, summary: 'Add a progress log entry (counts as an SLA progress update)', params: ticketIdParamSchema, body: progressCreateSchema, response: { 201: progressEntrySchema } } }, async (request, reply) =>
    reply.status(201).send(await addProgress({ db, actor: actorOf(request), ticketId: request.params.ticketId, body: request.body.body })),
  );
};
