import type { Customer } from '@kefu/shared';
import { toIsoRequired } from '../../lib/clock.js';
import { maskPhone } from '../../lib/phone.js';
import type { CustomerViewRow } from './customers.repo.js';

function maskEmail(email: string): string {
  const [user, domain] = email.split('@');
  if (!user || !domain) return '***';
  return `${user.slice(0, 1)}***@${domain}`;
}

function maskAddress(address: string): string {
  return address.length <= 6 ? '***' : `${address.slice(0, 6)}***`;
}

/** Customers are always presented masked; the unmasked values come only from the audited reveal. */
export function presentCustomer(row: CustomerViewRow): Customer {
  return {
    id: row.id,
    kind: row.kind as Customer['kind'],
    name: row.name,
    phones: row.phones.map((p) => ({ id: p.id, number: maskPhone(p.number), label: p.label, masked: true })),
    email: row.email ? maskEmail(row.email) : null,
    address: row.address ? maskAddress(row.address) : null,
    organization: row.organization_id !== null && row.organization_name !== null ? { id: row.organization_id, name: row.organization_name } : null,
    grade: row.grade as Customer['grade'],
    notes: row.notes,
    tags: row.tags,
    createdAt: toIsoRequired(row.created_at),
    updatedAt: toIsoRequired(row.updated_at),
    version: row.version,
  };
}
