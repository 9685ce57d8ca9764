// The complaint procedure of seed 001 as data and pure functions: which steps a case goes through, what each
// step must carry, who approves, who signs a penalty slip, and the satisfaction figure. No I/O here.
import {
  COMPLAINT_CATEGORIES, COMPLAINT_GRADES, COMPLAINT_LIMITS, COMPLAINT_STEPS, FOLLOW_UP_RESULTS, PAYOUT_KINDS,
  type ApprovalLevel, type ComplaintCategory, type ComplaintGrade, type ComplaintPosition, type ComplaintStep, type FollowUpResult,
  type PayoutKind, type Permission,
} from '@kefu/shared';

/** An unjustified complaint is explained to the customer and closed politely (seed 001 §2-2). */
const UNJUSTIFIED_PATH: readonly ComplaintStep[] = ['accept', 'judge', 'reply', 'close'];

export function stepPath(justified: boolean | null): ComplaintStep[] {
  return justified === false ? [...UNJUSTIFIED_PATH] : [...COMPLAINT_STEPS];
}

/** The step after `step` on the case's path; `closed` after the last. */
export function nextPosition(step: ComplaintStep, justified: boolean | null): ComplaintPosition {
  const path = stepPath(justified);
  const index = path.indexOf(step);
  if (index < 0) throw new Error(`step ${step} is not on the path`);
  return path[index + 1] ?? 'closed';
}

export interface AcceptData { content: string; promisedReplyAt: string }
export interface JudgeData {
  justified: boolean; grade: ComplaintGrade; category: ComplaintCategory;
  responsibleUserId: number | null; responsibleTeamId: number | null; responsibleDepartment: string | null; explanation: string | null;
}
export interface InvestigateData { findings: string; responsibleUserId: number | null }
export interface ProposedPayout { kind: PayoutKind; amountFen: number; note: string | null }
export interface ProposeData { resolution: string; payouts: ProposedPayout[] }
export interface ReplyData { replyText: string; repliedAt: string }
export interface FollowUpData { result: FollowUpResult; note: string | null }
export interface CloseData { rootCause: string; improvement: string | null }
export interface StepValues {
  accept: AcceptData; judge: JudgeData; investigate: InvestigateData; propose: ProposeData;
  reply: ReplyData; follow_up: FollowUpData; close: CloseData;
}
export type SubmittableStep = keyof StepValues;

export type StepCheck<S extends SubmittableStep = SubmittableStep> =
  | { ok: true; value: StepValues[S] }
  | { ok: false; rule: 'complaint_field_required' | 'complaint_field_invalid'; field: string };

/** Thrown inside the readers; turned into a StepCheck failure. */
class FieldProblem {
  constructor(readonly rule: 'complaint_field_required' | 'complaint_field_invalid', readonly field: string) {}
}

const MAX_TEXT = 20_000;
/** A reply time a few minutes ahead of the server clock is a clock skew, not a promise. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function text(data: Record<string, unknown>, field: string): string {
  const value = data[field];
  if (isBlank(value)) throw new FieldProblem('complaint_field_required', field);
  if (typeof value !== 'string' || value.length > MAX_TEXT) throw new FieldProblem('complaint_field_invalid', field);
  return value.trim();
}

function optionalText(data: Record<string, unknown>, field: string): string | null {
  return isBlank(data[field]) ? null : text(data, field);
}

function optionalId(data: Record<string, unknown>, field: string): number | null {
  const value = data[field];
  if (isBlank(value)) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw new FieldProblem('complaint_field_invalid', field);
  return value;
}

function oneOf<T extends string>(data: Record<string, unknown>, field: string, allowed: readonly T[]): T {
  const value = data[field];
  if (isBlank(value)) throw new FieldProblem('complaint_field_required', field);
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new FieldProblem('complaint_field_invalid', field);
  return value as T;
}

function time(data: Record<string, unknown>, field: string): Date {
  const value = text(data, field);
  // Only full ISO times with an offset: a bare "2026-11-20 10:00" would be read in the server's zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) throw new FieldProblem('complaint_field_invalid', field);
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new FieldProblem('complaint_field_invalid', field);
  return at;
}

function payouts(data: Record<string, unknown>): ProposedPayout[] {
  const value = data.payouts;
  if (isBlank(value)) return [];
  if (!Array.isArray(value) || value.length > COMPLAINT_LIMITS.payoutsPerProposal) throw new FieldProblem('complaint_field_invalid', 'payouts');
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw new FieldProblem('complaint_field_invalid', 'payouts');
    const p = item as Record<string, unknown>;
    const amount = p.amountFen;
    // Money in fen as an integer: 12.5 yuan is 1250, never 12.5.
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0 || amount > COMPLAINT_LIMITS.payoutFenMax) throw new FieldProblem('complaint_field_invalid', 'payouts');
    if (typeof p.kind !== 'string' || !PAYOUT_KINDS.includes(p.kind as PayoutKind)) throw new FieldProblem('complaint_field_invalid', 'payouts');
    return { kind: p.kind as PayoutKind, amountFen: amount, note: optionalText(p, 'note') };
  });
}

const readers: { [S in SubmittableStep]: (data: Record<string, unknown>, at: Date) => StepValues[S] } = {
  accept: (d) => ({ content: text(d, 'content'), promisedReplyAt: time(d, 'promisedReplyAt').toISOString() }),
  judge: (d) => {
    if (d.justified === undefined || d.justified === null) throw new FieldProblem('complaint_field_required', 'justified');
    if (typeof d.justified !== 'boolean') throw new FieldProblem('complaint_field_invalid', 'justified');
    const value: JudgeData = {
      justified: d.justified,
      grade: oneOf(d, 'grade', COMPLAINT_GRADES),
      category: oneOf(d, 'category', COMPLAINT_CATEGORIES),
      responsibleUserId: optionalId(d, 'responsibleUserId'),
      responsibleTeamId: optionalId(d, 'responsibleTeamId'),
      responsibleDepartment: optionalText(d, 'responsibleDepartment'),
      explanation: optionalText(d, 'explanation'),
    };
    if (value.justified && value.responsibleUserId === null && value.responsibleTeamId === null && value.responsibleDepartment === null) {
      throw new FieldProblem('complaint_field_required', 'responsible');
    }
    if (!value.justified && value.explanation === null) throw new FieldProblem('complaint_field_required', 'explanation');
    return value;
  },
  investigate: (d) => ({ findings: text(d, 'findings'), responsibleUserId: optionalId(d, 'responsibleUserId') }),
  propose: (d) => ({ resolution: text(d, 'resolution'), payouts: payouts(d) }),
  reply: (d, at) => {
    const replyText = text(d, 'replyText');
    const repliedAt = time(d, 'repliedAt');
    if (repliedAt.getTime() > at.getTime() + FUTURE_TOLERANCE_MS) throw new FieldProblem('complaint_field_invalid', 'repliedAt');
    return { replyText, repliedAt: repliedAt.toISOString() };
  },
  follow_up: (d) => ({ result: oneOf(d, 'result', FOLLOW_UP_RESULTS), note: optionalText(d, 'note') }),
  close: (d) => ({ rootCause: text(d, 'rootCause'), improvement: optionalText(d, 'improvement') }),
};

export function isSubmittable(step: ComplaintStep): step is SubmittableStep {
  return step in readers;
}

/** Checks a step's fields; the first missing or invalid field is named. */
export function checkStepData<S extends SubmittableStep>(step: S, data: Record<string, unknown>, at: Date): StepCheck<S> {
  try {
    return { ok: true, value: (readers[step] as (d: Record<string, unknown>, at: Date) => StepValues[S])(data, at) };
  } catch (error) {
    if (error instanceof FieldProblem) return { ok: false, rule: error.rule, field: error.field };
    throw error;
  }
}

/** Why a step cannot be submitted now, or null. Steps are taken strictly in order. */
export function stepSubmitRefusal(current: ComplaintPosition, step: ComplaintStep): 'complaint_case_closed' | 'complaint_approve_via_endpoint' | 'complaint_step_not_current' | null {
  if (current === 'closed') return 'complaint_case_closed';
  if (step === 'approve') return 'complaint_approve_via_endpoint';
  if (step !== current) return 'complaint_step_not_current';
  return null;
}

/** The manager approves every proposal; the general manager too for serious complaints and any payout. */
export function requiredApprovals(grade: ComplaintGrade, payoutTotalFen: number): ApprovalLevel[] {
  return grade === 'serious' || payoutTotalFen > 0 ? ['manager', 'gm'] : ['manager'];
}

export function pendingApproval(required: readonly ApprovalLevel[], approved: readonly ApprovalLevel[]): ApprovalLevel | null {
  return required.find((level) => !approved.includes(level)) ?? null;
}

export const APPROVAL_PERMISSION: Record<ApprovalLevel, Permission> = { manager: 'complaints.approve', gm: 'complaints.approve_serious' };

export interface Approver { userId: number; permissions: ReadonlySet<Permission> }

/** Why this user may not decide the pending level, or null. The second level is always a second person. */
export function approvalRefusal(level: ApprovalLevel, approver: Approver, earlierApproverIds: readonly number[]): 'forbidden' | 'complaint_approval_same_person' | null {
  if (!approver.permissions.has(APPROVAL_PERMISSION[level])) return 'forbidden';
  if (level === 'gm' && earlierApproverIds.includes(approver.userId)) return 'complaint_approval_same_person';
  return null;
}

export type PenaltySigner = 'staff' | 'gm';
export interface PenaltySlipFacts { userId: number; staffSignedAt: Date | string | null; gmSignedAt: Date | string | null }

/** Each signature is given by that person themselves: the penalised staff member, and a general manager who is someone else. */
export function penaltySignRefusal(as: PenaltySigner, slip: PenaltySlipFacts, signer: Approver): 'complaint_penalty_wrong_signer' | 'complaint_penalty_already_signed' | null {
  const allowed = as === 'staff' ? signer.userId === slip.userId : signer.permissions.has('complaints.approve_serious') && signer.userId !== slip.userId;
  if (!allowed) return 'complaint_penalty_wrong_signer';
  if ((as === 'staff' ? slip.staffSignedAt : slip.gmSignedAt) !== null) return 'complaint_penalty_already_signed';
  return null;
}

export const SATISFACTION_TARGET = 1;

/**
 * Seed 000: justified complaints must reach 100 % satisfaction. Counted over the justified cases whose
 * follow-up reached the customer; unreachable ones are reported beside it, not counted as either.
 */
export function satisfactionRate(counts: { satisfied: number; unsatisfied: number }): number | null {
  const reached = counts.satisfied + counts.unsatisfied;
  return reached === 0 ? null : counts.satisfied / reached;
}
