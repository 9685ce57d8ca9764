import { describe, expect, it } from 'vitest';
import { COMPLAINT_STEPS, type ComplaintStep, type Permission } from '@kefu/shared';
import {
  approvalRefusal, checkStepData, isSubmittable, nextPosition, penaltySignRefusal, pendingApproval, requiredApprovals, satisfactionRate,
  stepPath, stepSubmitRefusal, type SubmittableStep,
} from './complaint-steps.js';

const at = new Date('2026-11-20T08:00:00Z');
const perms = (...p: Permission[]) => new Set<Permission>(p);

/** One complete, valid set of fields per step. */
const valid: Record<SubmittableStep, Record<string, unknown>> = {
  accept: { content: '家政员打碎花瓶，要求赔偿', promisedReplyAt: '2026-11-20T20:00:00+08:00' },
  judge: { justified: true, grade: 'serious', category: 'property_loss', responsibleUserId: 7 },
  investigate: { findings: '家政员承认打碎' },
  propose: { resolution: '赔偿花瓶 300 元', payouts: [{ kind: 'compensation', amountFen: 30000 }] },
  reply: { replyText: '已与客户沟通赔偿方案', repliedAt: '2026-11-20T15:00:00+08:00' },
  follow_up: { result: 'satisfied' },
  close: { rootCause: '家政员操作不当', improvement: '加强培训' },
};

/** Every field whose absence must be named. */
const required: Record<SubmittableStep, string[]> = {
  accept: ['content', 'promisedReplyAt'],
  judge: ['justified', 'grade', 'category'],
  investigate: ['findings'],
  propose: ['resolution'],
  reply: ['replyText', 'repliedAt'],
  follow_up: ['result'],
  close: ['rootCause'],
};

describe('complaint step path', () => {
  it('a justified complaint goes through all eight steps in order, then closed', () => {
    expect(stepPath(true)).toEqual([...COMPLAINT_STEPS]);
    expect(stepPath(null)).toEqual([...COMPLAINT_STEPS]);
    const walked: string[] = [];
    let step: ComplaintStep | 'closed' = 'accept';
    while (step !== 'closed') {
      walked.push(step);
      step = nextPosition(step, true);
    }
    expect(walked).toEqual(['accept', 'judge', 'investigate', 'propose', 'approve', 'reply', 'follow_up', 'close']);
  });

  it('an unjustified complaint is explained and closed politely: judge → reply → close', () => {
    expect(stepPath(false)).toEqual(['accept', 'judge', 'reply', 'close']);
    expect(nextPosition('judge', false)).toBe('reply');
    expect(nextPosition('reply', false)).toBe('close');
    expect(nextPosition('close', false)).toBe('closed');
    expect(() => nextPosition('approve', false)).toThrow(/not on the path/);
  });

  it('only the current step can be submitted; approve goes through its own endpoint; a closed case takes nothing', () => {
    for (const current of COMPLAINT_STEPS) {
      for (const step of COMPLAINT_STEPS) {
        const expected = step === 'approve' ? 'complaint_approve_via_endpoint' : step === current ? null : 'complaint_step_not_current';
        expect(stepSubmitRefusal(current, step)).toBe(expected);
      }
      expect(stepSubmitRefusal('closed', current)).toBe('complaint_case_closed');
    }
    expect(COMPLAINT_STEPS.filter((s) => !isSubmittable(s))).toEqual(['approve']);
  });
});

describe('complaint step fields', () => {
  for (const step of Object.keys(valid) as SubmittableStep[]) {
    it(`${step}: complete fields pass`, () => {
      expect(checkStepData(step, valid[step], at)).toMatchObject({ ok: true });
    });
    for (const field of required[step]) {
      it(`${step}: missing ${field} is named`, () => {
        const data = { ...valid[step] };
        delete data[field];
        expect(checkStepData(step, data, at)).toEqual({ ok: false, rule: 'complaint_field_required', field });
        expect(checkStepData(step, { ...valid[step], [field]: '   ' }, at)).toMatchObject({ ok: false, field });
      });
    }
  }

  it('accept: the agreed reply time must be a full ISO time with offset', () => {
    expect(checkStepData('accept', { ...valid.accept, promisedReplyAt: '2026-11-20 20:00' }, at)).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'promisedReplyAt' });
    const ok = checkStepData('accept', valid.accept, at);
    expect(ok.ok && ok.value.promisedReplyAt).toBe('2026-11-20T12:00:00.000Z');
  });

  it('judge: a justified complaint needs a responsible party; an unjustified one needs the explanation', () => {
    const { responsibleUserId: _omit, ...noParty } = valid.judge;
    expect(checkStepData('judge', noParty, at)).toEqual({ ok: false, rule: 'complaint_field_required', field: 'responsible' });
    expect(checkStepData('judge', { ...noParty, responsibleDepartment: '保洁部' }, at)).toMatchObject({ ok: true });
    expect(checkStepData('judge', { ...noParty, responsibleTeamId: 3 }, at)).toMatchObject({ ok: true });
    expect(checkStepData('judge', { ...noParty, justified: false }, at)).toEqual({ ok: false, rule: 'complaint_field_required', field: 'explanation' });
    expect(checkStepData('judge', { ...noParty, justified: false, explanation: '属于正常收费' }, at)).toMatchObject({ ok: true, value: { justified: false, explanation: '属于正常收费' } });
  });

  it('judge: wrong types and unknown values are invalid, not missing', () => {
    expect(checkStepData('judge', { ...valid.judge, justified: 'yes' }, at)).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'justified' });
    expect(checkStepData('judge', { ...valid.judge, grade: 'huge' }, at)).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'grade' });
    expect(checkStepData('judge', { ...valid.judge, category: 'x' }, at)).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'category' });
    expect(checkStepData('judge', { ...valid.judge, responsibleUserId: 1.5 }, at)).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'responsibleUserId' });
    expect(checkStepData('judge', { ...valid.judge, justified: false, explanation: 42 }, at)).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'explanation' });
  });

  it('propose: payouts are whole fen, positive, of a known kind; none is fine', () => {
    const bad = (payouts: unknown) => checkStepData('propose', { resolution: 'r', payouts }, at);
    expect(bad([{ kind: 'compensation', amountFen: 12.5 }])).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'payouts' });
    expect(bad([{ kind: 'compensation', amountFen: 0 }])).toMatchObject({ ok: false, field: 'payouts' });
    expect(bad([{ kind: 'cash', amountFen: 100 }])).toMatchObject({ ok: false, field: 'payouts' });
    expect(bad('100')).toMatchObject({ ok: false, field: 'payouts' });
    expect(bad(Array.from({ length: 11 }, () => ({ kind: 'gift', amountFen: 1 })))).toMatchObject({ ok: false, field: 'payouts' });
    expect(checkStepData('propose', { resolution: '致歉' }, at)).toEqual({ ok: true, value: { resolution: '致歉', payouts: [] } });
    expect(bad([{ kind: 'refund', amountFen: 5000, note: '退服务费' }])).toEqual({ ok: true, value: { resolution: 'r', payouts: [{ kind: 'refund', amountFen: 5000, note: '退服务费' }] } });
  });

  it('reply: the reply time may not lie in the future (beyond five minutes of clock skew)', () => {
    expect(checkStepData('reply', { ...valid.reply, repliedAt: '2026-11-20T08:04:00Z' }, at)).toMatchObject({ ok: true });
    expect(checkStepData('reply', { ...valid.reply, repliedAt: '2026-11-20T08:06:00Z' }, at)).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'repliedAt' });
  });

  it('follow-up: satisfied, unsatisfied or unreachable only', () => {
    for (const result of ['satisfied', 'unsatisfied', 'unreachable']) expect(checkStepData('follow_up', { result }, at)).toMatchObject({ ok: true, value: { result, note: null } });
    expect(checkStepData('follow_up', { result: 'happy' }, at)).toEqual({ ok: false, rule: 'complaint_field_invalid', field: 'result' });
  });
});

describe('complaint approvals', () => {
  it('the manager approves every proposal; the general manager too when serious or with a payout', () => {
    expect(requiredApprovals('general', 0)).toEqual(['manager']);
    expect(requiredApprovals('general', 1)).toEqual(['manager', 'gm']);
    expect(requiredApprovals('serious', 0)).toEqual(['manager', 'gm']);
    expect(pendingApproval(['manager', 'gm'], [])).toBe('manager');
    expect(pendingApproval(['manager', 'gm'], ['manager'])).toBe('gm');
    expect(pendingApproval(['manager', 'gm'], ['manager', 'gm'])).toBeNull();
    expect(pendingApproval(['manager'], ['manager'])).toBeNull();
  });

  it('each level needs its permission, and the second level a second person', () => {
    const agent = { userId: 1, permissions: perms('tickets.update') };
    const manager = { userId: 2, permissions: perms('complaints.approve', 'complaints.approve_serious') };
    const gm = { userId: 3, permissions: perms('complaints.approve', 'complaints.approve_serious') };
    const approverOnly = { userId: 4, permissions: perms('complaints.approve') };
    expect(approvalRefusal('manager', agent, [])).toBe('forbidden');
    expect(approvalRefusal('manager', approverOnly, [])).toBeNull();
    expect(approvalRefusal('gm', approverOnly, [])).toBe('forbidden');
    expect(approvalRefusal('gm', manager, [2])).toBe('complaint_approval_same_person');
    expect(approvalRefusal('gm', gm, [2])).toBeNull();
  });
});

describe('penalty slip signatures', () => {
  const slip = { userId: 5, staffSignedAt: null, gmSignedAt: null };
  const staff = { userId: 5, permissions: perms('tickets.update') };
  const gm = { userId: 9, permissions: perms('complaints.approve_serious') };
  const other = { userId: 6, permissions: perms('complaints.handle') };

  it('the staff member signs only their own slip; the general manager signs someone else’s', () => {
    expect(penaltySignRefusal('staff', slip, staff)).toBeNull();
    expect(penaltySignRefusal('staff', slip, other)).toBe('complaint_penalty_wrong_signer');
    expect(penaltySignRefusal('staff', slip, gm)).toBe('complaint_penalty_wrong_signer');
    expect(penaltySignRefusal('gm', slip, gm)).toBeNull();
    expect(penaltySignRefusal('gm', slip, other)).toBe('complaint_penalty_wrong_signer');
    expect(penaltySignRefusal('gm', { ...slip, userId: 9 }, gm)).toBe('complaint_penalty_wrong_signer');
  });

  it('a signature is given once', () => {
    expect(penaltySignRefusal('staff', { ...slip, staffSignedAt: at }, staff)).toBe('complaint_penalty_already_signed');
    expect(penaltySignRefusal('gm', { ...slip, gmSignedAt: at }, gm)).toBe('complaint_penalty_already_signed');
  });
});

describe('justified-complaint satisfaction', () => {
  it('satisfied ÷ followed-up justified cases; none followed up is no figure', () => {
    expect(satisfactionRate({ satisfied: 3, unsatisfied: 1 })).toBe(0.75);
    expect(satisfactionRate({ satisfied: 2, unsatisfied: 0 })).toBe(1);
    expect(satisfactionRate({ satisfied: 0, unsatisfied: 0 })).toBeNull();
  });
});
