// Failed sign-ins per username and address; a burst of guesses is refused before any password check.
const WINDOW_MS = 10 * 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, { count: number; resetAt: number }>();

function key(username: string, ip: string | null): string {
  return `${username.toLowerCase()}|${ip ?? ''}`;
}

export function isLoginThrottled(username: string, ip: string | null, now = Date.now()): boolean {
  const entry = failures.get(key(username, ip));
  return Boolean(entry && entry.resetAt > now && entry.count >= MAX_FAILURES);
}

export function recordLoginFailure(username: string, ip: string | null, now = Date.now()): void {
  const k = key(username, ip);
  const entry = failures.get(k);
  if (!entry || entry.resetAt <= now) failures.set(k, { count: 1, resetAt: now + WINDOW_MS });
  else entry.count += 1;
  if (failures.size > 100_000) failures.clear();
}

export function clearLoginFailures(username: string, ip: string | null): void {
  failures.delete(key(username, ip));
}
