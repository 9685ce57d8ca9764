// What merging customer `source` into `target` does, decided without the database (see merge.service.ts).

/**
 * Every column that points at a customer, and how a merge treats it. The integration test compares this with
 * information_schema: a new table with a customer_id column fails it until it is handled here and in the service.
 */
export const CUSTOMER_REFERENCES = [
  { table: 'customer_phones', column: 'customer_id', how: 'move, dropping numbers the target already has' },
  { table: 'tickets', column: 'customer_id', how: 'move (complaint cases follow their work order)' },
  { table: 'calls', column: 'customer_id', how: 'move' },
  { table: 'contracts', column: 'customer_id', how: 'move' },
  { table: 'staff_placements', column: 'customer_id', how: 'move' },
  { table: 'callback_items', column: 'customer_id', how: 'move' },
  { table: 'surveys', column: 'customer_id', how: 'move' },
  { table: 'grading_follow_ups', column: 'customer_id', how: 'move' },
  { table: 'grading_grade_history', column: 'customer_id', how: 'move' },
  { table: 'grading_purchases', column: 'customer_id', how: 'move' },
  { table: 'grading_profiles', column: 'customer_id', how: 'keep one (planProfile)' },
  { table: 'grading_vip_scores', column: 'customer_id', how: "drop the source's; the next VIP run scores the merged record" },
  { table: 'customer_contacts', column: 'customer_id', how: 'move' },
  { table: 'customers', column: 'organization_id', how: "the source organization's members join the target" },
  { table: 'customers', column: 'merged_into_id', how: 'records merged into the source now point at the target' },
] as const;

/** The tables whose rows simply change customer_id. */
export const MOVED_TABLES = ['tickets', 'calls', 'contracts', 'staff_placements', 'callback_items', 'surveys', 'grading_follow_ups', 'grading_grade_history', 'grading_purchases', 'customer_contacts'] as const;
export type MovedTable = (typeof MOVED_TABLES)[number];

export interface PhoneRef {
  id: number;
  /** The blind index; rows not encrypted yet fall back to their normalized number. */
  key: string;
}

/** The source's phones move unless the target already has the same number (then they are deleted). */
export function planPhones(target: readonly PhoneRef[], source: readonly PhoneRef[], max: number): { move: number[]; drop: number[] } {
  const have = new Set(target.map((p) => p.key));
  const move: number[] = [];
  const drop: number[] = [];
  for (const p of source) {
    if (have.has(p.key) || target.length + move.length >= max) drop.push(p.id);
    else {
      have.add(p.key);
      move.push(p.id);
    }
  }
  return { move, drop };
}

export interface ProfileFacts {
  last_follow_up_at: Date | null;
  grade: string | null;
  owner_id: number | null;
  referrals: number;
  campaigns: number;
}

/**
 * The grading profile of the merged record. Both records' follow-ups and grade history are kept; the profile
 * (grade, four axes, next follow-up date) is the one with the most recent follow-up, because a follow-up
 * re-grades the customer (SPEC §8), so it is the newest judgement of the two; on a tie, or with no follow-up
 * on either, the target's. Referrals and campaign participations are counted for both, so they add up; a missing
 * owner is taken from the other profile.
 */
export function planProfile(target: ProfileFacts | null, source: ProfileFacts | null): { keep: 'target' | 'source' | 'none'; owner_id: number | null; referrals: number; campaigns: number } {
  if (!target && !source) return { keep: 'none', owner_id: null, referrals: 0, campaigns: 0 };
  const t = target?.last_follow_up_at?.getTime() ?? -Infinity;
  const s = source?.last_follow_up_at?.getTime() ?? -Infinity;
  const keep = !target || (source && s > t) ? 'source' : 'target';
  const kept = keep === 'source' ? source! : target!;
  const other = keep === 'source' ? target : source;
  return {
    keep,
    owner_id: kept.owner_id ?? other?.owner_id ?? null,
    referrals: (target?.referrals ?? 0) + (source?.referrals ?? 0),
    campaigns: (target?.campaigns ?? 0) + (source?.campaigns ?? 0),
  };
}

export interface CustomerFields {
  name: string;
  email: string | null;
  address: string | null;
  address_enc: string | null;
  address_masked: string | null;
  id_card_enc: string | null;
  id_card_masked: string | null;
  organization_id: number | null;
  grade: string | null;
  notes: string | null;
  tags: string[];
}

/**
 * The target keeps its own values; what it lacks (e-mail, address, ID card, organization, grade) it takes from
 * the source. Tags are united, notes appended under a line naming the merged record.
 */
export function planFields(target: CustomerFields, source: CustomerFields & { id: number }, opts: { maxTags: number; notesMax: number }): Partial<CustomerFields> {
  const out: Partial<CustomerFields> = {};
  if (target.email === null && source.email !== null) out.email = source.email;
  if (target.address === null && target.address_enc === null && (source.address !== null || source.address_enc !== null)) {
    out.address = source.address;
    out.address_enc = source.address_enc;
    out.address_masked = source.address_masked;
  }
  if (target.id_card_enc === null && source.id_card_enc !== null) {
    out.id_card_enc = source.id_card_enc;
    out.id_card_masked = source.id_card_masked;
  }
  if (target.organization_id === null && source.organization_id !== null) out.organization_id = source.organization_id;
  if (target.grade === null && source.grade !== null) out.grade = source.grade;
  const tags = [...new Set([...target.tags, ...source.tags])].slice(0, opts.maxTags);
  if (tags.length !== target.tags.length) out.tags = tags;
  if (source.notes) {
    const merged = `${target.notes ? `${target.notes}\n` : ''}[#${source.id} ${source.name}] ${source.notes}`;
    out.notes = merged.slice(0, opts.notesMax);
  }
  return out;
}
