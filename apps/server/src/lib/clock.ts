/** Now, in one place, so tests and replays can reason about time. */
export function now(): Date {
  return new Date();
}

export function toIso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function toIsoRequired(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
