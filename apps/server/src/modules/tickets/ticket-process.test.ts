import { describe, expect, it } from 'vitest';
import type { ProcessStepDef } from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';
import { completeStep, currentStep, isProcessComplete, setChecklistItem, startProcess } from './ticket-process.js';

const mortgage: ProcessStepDef[] = [
  { key: 'materials', nameZh: '收集材料', nameEn: 'Collect documents', dueHours: 72, checklist: [
    { key: 'id_card', labelZh: '身份证复印件4份', labelEn: 'ID copies ×4' },
    { key: 'income', labelZh: '收入证明2份', labelEn: 'Income proof ×2' },
  ] },
  { key: 'bank_sign', nameZh: '银行面签', nameEn: 'Bank signing', dueHours: 168, checklist: [] },
  { key: 'loan', nameZh: '银行放款', nameEn: 'Loan paid out', checklist: [{ key: 'paid', labelZh: '放款到账', labelEn: 'Paid' }] },
];
const t0 = new Date('2026-11-22T02:00:00Z');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
  return undefined;
}

describe('process templates', () => {
  it('starts with the first step active and due after its hours', () => {
    const p = startProcess(mortgage, t0)!;
    expect(p.steps.map((s) => s.state)).toEqual(['active', 'pending', 'pending']);
    expect(p.steps[0]!.dueAt).toBe('2026-11-25T02:00:00.000Z');
    expect(startProcess([], t0)).toBeNull();
  });

  it('will not close a step with unchecked items, naming them', () => {
    let p = startProcess(mortgage, t0)!;
    p = setChecklistItem(p, 'materials', 'income', true);
    try {
      completeStep(p, 'materials', t0, 1);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('CHECKLIST_INCOMPLETE');
      expect((error as AppError).details).toEqual({ step: 'materials', missing: ['id_card'] });
    }
  });

  it('closes steps in order, starting the next with its own due time, until complete', () => {
    let p = startProcess(mortgage, t0)!;
    p = setChecklistItem(p, 'materials', 'income', true);
    p = setChecklistItem(p, 'materials', 'id_card', true);
    expect(p.steps[0]!.checked).toEqual(['id_card', 'income']);
    const t1 = new Date('2026-11-23T02:00:00Z');
    p = completeStep(p, 'materials', t1, 7);
    expect(p.steps[0]).toMatchObject({ state: 'done', doneBy: 7, doneAt: t1.toISOString() });
    expect(p.steps[1]).toMatchObject({ state: 'active', startedAt: t1.toISOString(), dueAt: '2026-11-30T02:00:00.000Z' });
    expect(currentStep(p)?.key).toBe('bank_sign');
    p = completeStep(p, 'bank_sign', t1, 7);
    expect(p.steps[2]!.dueAt).toBeNull();
    expect(isProcessComplete(p)).toBe(false);
    expect(codeOf(() => completeStep(p, "loan", t1, 7))).toBe("CHECKLIST_INCOMPLETE");
    p = completeStep(setChecklistItem(p, "loan", "paid", true), "loan", t1, 7);
    expect(isProcessComplete(p)).toBe(true);
  });

  it('refuses work on steps that are not current, and unknown keys', () => {
    const p = startProcess(mortgage, t0)!;
    expect(codeOf(() => completeStep(p, 'bank_sign', t0, 1))).toBe('STEP_NOT_ACTIVE');
    expect(codeOf(() => setChecklistItem(p, 'loan', 'paid', true))).toBe('STEP_NOT_ACTIVE');
    expect(codeOf(() => setChecklistItem(p, 'materials', 'nope', true))).toBe('VALIDATION');
    expect(codeOf(() => completeStep(p, 'nope', t0, 1))).toBe('VALIDATION');
  });

  it('unchecking removes an item; a finished process is complete', () => {
    let p = startProcess(mortgage.slice(1, 2), t0)!;
    expect(isProcessComplete(p)).toBe(false);
    p = completeStep(p, 'bank_sign', t0, null);
    expect(isProcessComplete(p)).toBe(true);
    expect(isProcessComplete(null)).toBe(true);
    let q = startProcess(mortgage, t0)!;
    q = setChecklistItem(q, 'materials', 'income', true);
    q = setChecklistItem(q, 'materials', 'income', false);
    expect(q.steps[0]!.checked).toEqual([]);
  });
});
