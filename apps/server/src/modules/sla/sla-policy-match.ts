// Which SLA policy governs a work order. Pure: the candidates come from the tenant's active policies.

/** The criteria of a policy; null matches anything. */
export interface PolicyCriteria {
  id: number;
  typeKey: string | null;
  priority: string | null;
  channel: string | null;
  customerGrade: string | null;
  /** Explicit order: a lower number wins over equally specific policies. */
  sortOrder: number;
}

export interface OrderFacts {
  typeKey: string;
  priority: string;
  channel: string;
  customerGrade: string | null;
  /** A big customer (grading's VIP flag); policies for grade 'VIP' match these whatever their A–E grade. */
  vip?: boolean;
}

/** The customer grade a policy names for big customers. */
export const VIP_GRADE = 'VIP';

function matches(p: PolicyCriteria, o: OrderFacts): boolean {
  return (p.typeKey === null || p.typeKey === o.typeKey)
    && (p.priority === null || p.priority === o.priority)
    && (p.channel === null || p.channel === o.channel)
    && (p.customerGrade === null || (p.customerGrade === VIP_GRADE ? o.vip === true : p.customerGrade === o.customerGrade));
}

function specificity(p: PolicyCriteria): number {
  // Type weighs most (a complaint's procedure decides its times), then priority, grade, channel.
  return (p.typeKey !== null ? 8 : 0) + (p.priority !== null ? 4 : 0) + (p.customerGrade !== null ? 2 : 0) + (p.channel !== null ? 1 : 0);
}

/** The most specific matching policy; ties go to the lower sortOrder, then the older policy (lower id). */
export function choosePolicy<T extends PolicyCriteria>(policies: readonly T[], order: OrderFacts): T | null {
  let best: T | null = null;
  for (const p of policies) {
    if (!matches(p, order)) continue;
    if (best === null) { best = p; continue; }
    const d = specificity(p) - specificity(best);
    if (d > 0 || (d === 0 && (p.sortOrder < best.sortOrder || (p.sortOrder === best.sortOrder && p.id < best.id)))) best = p;
  }
  return best;
}
