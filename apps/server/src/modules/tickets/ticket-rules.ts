import { FOLLOW_UP_REQUIRED_FIELDS, type CustomFieldDef } from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';

export interface FollowUpFacts {
  eventTime?: string | Date | null;
  eventPlace?: string | null;
  eventPerson?: string | null;
  description?: string | null;
  contactPhone?: string | null;
}

type FollowUpField = (typeof FOLLOW_UP_REQUIRED_FIELDS)[number];

/** Seed 002: an order that cannot be answered on the spot records time, place, person, event and contact phone. */
export function missingFollowUpFields(facts: FollowUpFacts): FollowUpField[] {
  const present: Record<FollowUpField, boolean> = {
    time: Boolean(facts.eventTime),
    place: Boolean(facts.eventPlace?.trim()),
    person: Boolean(facts.eventPerson?.trim()),
    event: Boolean(facts.description?.trim()),
    contactPhone: Boolean(facts.contactPhone?.trim()),
  };
  return FOLLOW_UP_REQUIRED_FIELDS.filter((field) => !present[field]);
}

export function assertFollowUpFields(facts: FollowUpFacts): void {
  const missing = missingFollowUpFields(facts);
  if (missing.length > 0) throw new AppError('MISSING_REQUIRED_FIELDS', { fields: missing }, { fields: missing });
}

export interface CustomFieldProblem {
  key: string;
  problem: 'required' | 'unknown' | 'type' | 'option';
}

function matchesKind(def: CustomFieldDef, value: unknown): boolean {
  switch (def.kind) {
    case 'text':
    case 'textarea':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    case 'select':
      return typeof value === 'string';
    case 'checkbox':
      return typeof value === 'boolean';
    default: {
      const unreachable: never = def.kind;
      return unreachable;
    }
  }
}

/** Checks a work order's custom values against its type's field definitions. */
export function customFieldProblems(defs: readonly CustomFieldDef[], values: Record<string, unknown>, { partial = false } = {}): CustomFieldProblem[] {
  const problems: CustomFieldProblem[] = [];
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const key of Object.keys(values)) if (!byKey.has(key)) problems.push({ key, problem: 'unknown' });
  for (const def of defs) {
    const value = values[def.key];
    const empty = value === undefined || value === null || value === '';
    if (empty) {
      if (def.required && !partial) problems.push({ key: def.key, problem: 'required' });
      continue;
    }
    if (!matchesKind(def, value)) problems.push({ key: def.key, problem: 'type' });
    else if (def.kind === 'select' && def.options && !def.options.includes(value as string)) problems.push({ key: def.key, problem: 'option' });
  }
  return problems;
}

export function assertCustomFields(defs: readonly CustomFieldDef[], values: Record<string, unknown>, options?: { partial?: boolean }): void {
  const problems = customFieldProblems(defs, values, options);
  if (problems.length > 0) {
    throw new AppError('VALIDATION', { detail: problems.map((p) => `custom.${p.key} (${p.problem})`).join(', ') }, { customFields: problems });
  }
}
