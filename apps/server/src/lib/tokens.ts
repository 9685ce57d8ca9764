import { createHash, randomBytes } from 'node:crypto';

/** An opaque secret carrying its tenant, so a session can be found before the tenant is known: kf_<tenant>_<random>. */
export function generateToken(tenantId: number): string {
  return `kf_${tenantId}_${randomBytes(24).toString('base64url')}`;
}

export function parseTokenTenant(token: string): number | null {
  const match = /^kf_(\d{1,9})_[A-Za-z0-9_-]{20,}$/.exec(token);
  return match ? Number(match[1]) : null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
