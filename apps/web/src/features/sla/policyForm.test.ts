import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '@kefu/shared';
import { fileNameOf } from './contentDisposition';
import { formValuesOf, policyInputOf } from './policyForm';

const policy: SlaPolicy = {
  id: 7, name: '投诉', typeKey: 'complaint', priority: null, channel: 'phone', customerGrade: 'A', sortOrder: 10,
  calendar: { timeZone: 'Asia/Shanghai', weeklyHours: { mon: [{ start: '09:00', end: '18:00' }] } },
  timeBasis: 'business', firstReplyMinutes: 720, updateMinutes: null, resolutionMinutes: 90,
  escalation: [{ percent: 75, notify: 'owner', channels: ['live'] }], active: true, builtinKey: null,
};

describe('policy form mapping', () => {
  it('shows minutes as hours and a calendar object as custom JSON', () => {
    const v = formValuesOf(policy);
    expect(v).toMatchObject({ firstReplyHours: 12, updateHours: null, resolutionHours: 1.5, calendarMode: 'custom', channel: 'phone', customerGrade: 'A' });
    expect(JSON.parse(v.calendarJson!)).toEqual(policy.calendar);
  });

  it('round-trips to the API input (hours back to whole minutes)', () => {
    const input = policyInputOf(formValuesOf(policy));
    expect(input).toEqual({
      name: '投诉', typeKey: 'complaint', priority: null, channel: 'phone', customerGrade: 'A', sortOrder: 10, calendar: policy.calendar,
      timeBasis: 'business', firstReplyMinutes: 720, updateMinutes: null, resolutionMinutes: 90, escalation: policy.escalation, active: true,
    });
  });

  it('sends a preset by name and leaves unset criteria null', () => {
    const input = policyInputOf({ ...formValuesOf(null), name: ' 夜间 ', calendarMode: '24x7', resolutionHours: 0.5, typeKey: undefined });
    expect(input).toMatchObject({ name: '夜间', calendar: '24x7', typeKey: null, priority: null, resolutionMinutes: 30, firstReplyMinutes: null });
  });

  it('rejects custom calendar text that is not a JSON object', () => {
    const base = { ...formValuesOf(null), name: 'x', calendarMode: 'custom' as const };
    expect(() => policyInputOf({ ...base, calendarJson: '{"timeZone": ' })).toThrow(SyntaxError);
    expect(() => policyInputOf({ ...base, calendarJson: '[1]' })).toThrow(SyntaxError);
  });
});

describe('fileNameOf', () => {
  it('prefers the RFC 5987 name, then the plain one, then the fallback', () => {
    expect(fileNameOf(`attachment; filename="sla.xlsx"; filename*=UTF-8''SLA%E6%8A%A5%E8%A1%A8.xlsx`, 'x.xlsx')).toBe('SLA报表.xlsx');
    expect(fileNameOf('attachment; filename="sla-2026-10.xlsx"', 'x.xlsx')).toBe('sla-2026-10.xlsx');
    expect(fileNameOf(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
