/** Round-robin: the member after the one who got the last order, wrapping around; members in id order. */
export function pickRoundRobin(memberIds: readonly number[], lastAssignedId: number | null): number | null {
  if (memberIds.length === 0) return null;
  const sorted = [...memberIds].sort((a, b) => a - b);
  if (lastAssignedId === null) return sorted[0]!;
  return sorted.find((id) => id > lastAssignedId) ?? sorted[0]!;
}

/** Least-loaded: the member with the fewest open orders; ties go to the lowest id, so the choice is stable. */
export function pickLeastLoaded(loads: ReadonlyArray<{ userId: number; open: number }>): number | null {
  let best: { userId: number; open: number } | null = null;
  for (const load of loads) {
    if (!best || load.open < best.open || (load.open === best.open && load.userId < best.userId)) best = load;
  }
  return best?.userId ?? null;
}
