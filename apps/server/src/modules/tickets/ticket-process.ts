import type { ProcessState, ProcessStepDef, ProcessStepState } from '@kefu/shared';
import { AppError, invalid } from '../../lib/app-error.js';

/** A new order's copy of its type's steps: the first is active, its due time counted from now. */
export function startProcess(defs: readonly ProcessStepDef[], now: Date): ProcessState | null {
  if (defs.length === 0) return null;
  return {
    steps: defs.map((def, i) => {
      const state: ProcessStepState['state'] = i === 0 ? 'active' : 'pending';
      return Object.assign({}, def, {
        state,
        startedAt: i === 0 ? now.toISOString() : null,
        dueAt: i === 0 && def.dueHours ? new Date(now.getTime() + def.dueHours * 3600_000).toISOString() : null,
        doneAt: null,
        doneBy: null,
        checked: [],
      });
    }),
  };
}

function activeStep(process: ProcessState, stepKey: string) {
  const index = process.steps.findIndex((s) => s.key === stepKey);
  if (index < 0) throw invalid(`step: ${stepKey}`);
  const step = process.steps[index]!;
  if (step.state !== 'active') throw new AppError('STEP_NOT_ACTIVE', { step: step.nameZh }, { step: stepKey, state: step.state });
  return { index, step };
}

export function setChecklistItem(process: ProcessState, stepKey: string, itemKey: string, checked: boolean): ProcessState {
  const { index, step } = activeStep(process, stepKey);
  if (!step.checklist.some((item) => item.key === itemKey)) throw invalid(`checklist item: ${itemKey}`);
  const set = new Set(step.checked);
  if (checked) set.add(itemKey);
  else set.delete(itemKey);
  const steps = [...process.steps];
  // Keep the checklist's own order, so the stored list does not depend on the clicking order.
  steps[index] = Object.assign({}, step, { checked: step.checklist.map((i) => i.key).filter((k) => set.has(k)) });
  return { steps };
}

/** Closes the active step when its checklist is complete and starts the next one. */
export function completeStep(process: ProcessState, stepKey: string, now: Date, userId: number | null): ProcessState {
  const { index, step } = activeStep(process, stepKey);
  const missing = step.checklist.filter((item) => !step.checked.includes(item.key));
  if (missing.length > 0) {
    throw new AppError('CHECKLIST_INCOMPLETE', { step: step.nameZh, items: missing.map((m) => m.labelZh) }, { step: stepKey, missing: missing.map((m) => m.key) });
  }
  const steps = [...process.steps];
  steps[index] = Object.assign({}, step, { state: 'done', doneAt: now.toISOString(), doneBy: userId });
  const next = steps[index + 1];
  if (next) {
    steps[index + 1] = Object.assign({}, next, { state: 'active', startedAt: now.toISOString(), dueAt: next.dueHours ? new Date(now.getTime() + next.dueHours * 3600_000).toISOString() : null });
  }
  return { steps };
}

export function isProcessComplete(process: ProcessState | null): boolean {
  return !process || process.steps.every((s) => s.state === 'done');
}

export function currentStep(process: ProcessState | null) {
  return process?.steps.find((s) => s.state === 'active') ?? null;
}
