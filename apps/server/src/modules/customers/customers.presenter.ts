import type { Customer } from '@kefu/shared';
import { toIsoRequired } from '../../lib/clock.js';
import { maskPhone } from '../../lib/phone.js';
import { shortenAddress } from '../pii/pii-mask.js';
import type { CustomerViewRow } from './customers.repo.js';

export function maskEmail(email: string): string {
  const [user, domain] = email.split('@');
  if (!user || !domain) return '***';
  return `${user.slice(0, 1)}***@${domain}`;
}

/**
 * Customers are always presented masked; the unmasked values come only from the audited reveal.
 * The API and the export share this function, so both carry the same rules.
 */
export function presentCustomer(row: CustomerViewRow): Customer {
  return {
    id: row.id,
    kind: row.kind as Customer['kind'],
    name: row.name,
    // Encrypted rows store their masked copy; rows not encrypted yet (before the start-up backfill) are masked here.
    phones: row.phones.map((p) => ({ id: p.id, number: p.number.includes('*') ? p.number : maskPhone(p.number), label: p.label, masked: true })),
    email: row.email ? maskEmail(row.email) : null,
    address: row.address_masked ?? (row.address ? shortenAddress(row.address) : null),
    idCard: row.id_card_masked,
    organization: row.organization_id !== null && row.organization_name !== null ? { id: row.organization_id, name: row.organization_name } : null,
    grade: row.grade as Customer['grade'],
    notes: row.notes,
    tags: row.tags,
    createdAt: toIsoRequired(row.created_at),
    updatedAt: toIsoRequired(row.updated_at),
    version: row.version,
  };
}
