import dayjs, { type Dayjs } from 'dayjs';
import type { CustomFieldDef } from '@kefu/shared';

type FormValue = string | number | boolean | Dayjs | null | undefined | string[];

/** Form values → the API's `custom` object (dates as YYYY-MM-DD, empty values left out). */
export function toCustomPayload(fields: CustomFieldDef[], values: Record<string, FormValue> | undefined) {
  const out: Record<string, string | number | boolean | null | string[]> = {};
  for (const field of fields) {
    const value = values?.[field.key];
    if (value === undefined || value === '') continue;
    if (dayjs.isDayjs(value)) out[field.key] = value.format('YYYY-MM-DD');
    else out[field.key] = value ?? null;
  }
  return out;
}

/** The API's `custom` object → form values (dates become Dayjs for the picker). */
export function toCustomFormValues(fields: CustomFieldDef[], custom: Record<string, unknown>) {
  const out: Record<string, FormValue> = {};
  for (const field of fields) {
    const value = custom[field.key];
    if (value === undefined || value === null) continue;
    out[field.key] = field.kind === 'date' && typeof value === 'string' ? dayjs(value) : (value as FormValue);
  }
  return out;
}

export function formatCustomValue(field: CustomFieldDef, value: unknown, yes: string, no: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.kind === 'checkbox') return value ? yes : no;
  if (Array.isArray(value)) return value.join('、');
  return String(value);
}
