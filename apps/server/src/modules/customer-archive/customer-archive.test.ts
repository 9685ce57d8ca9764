import { describe, expect, it } from 'vitest';
import type { TimelineEntry, TimelineEvent } from '@kefu/shared';
import { AppError } from '../../lib/app-error.js';
import { planFields, planPhones, planProfile } from './merge-plan.js';
import { decodeCursor, encodeCursor, eventRank, isAfterCursor, mergeTimeline, sourceBound, type KeyedEntry, type TimelineCursor } from './timeline.js';

const at = (second: number, micro = 0) => `2026-11-23T05:00:${String(second).padStart(2, '0')}.${String(micro).padStart(6, '0')}Z`;
function keyed(event: TimelineEvent, second: number, id: number, micro = 0): KeyedEntry {
  const entry: TimelineEntry = { key: `${event}:${id}`, kind: 'contact', event, at: at(second, micro), title: null, summary: null, actor: null, link: null, facts: {}, restricted: false };
  return { atKey: at(second, micro), id, entry };
}

/** What a source would answer: its rows after the cursor (by sourceBound), newest first, at most `take`. */
function sourcePage(rows: KeyedEntry[], cursor: TimelineCursor | null, take: number): KeyedEntry[] {
  const rank = eventRank(rows[0]!.entry.event);
  const bound = sourceBound(rank, cursor);
  return rows
    .filter((r) => {
      if (bound === 'none') return true;
      if (bound === 'le') return r.atKey <= cursor!.at;
      if (bound === 'lt') return r.atKey < cursor!.at;
      return r.atKey < cursor!.at || (r.atKey === cursor!.at && r.id < cursor!.id);
    })
    .sort((a, b) => (a.atKey === b.atKey ? b.id - a.id : a.atKey < b.atKey ? 1 : -1))
    .slice(0, take);
}

describe('timeline cursor', () => {
  it('round-trips and refuses garbage with a 400 code', () => {
    const c = { at: at(5, 123456), rank: 3, id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of ['x', encodeCursor({ at: 'yesterday', rank: 1, id: 1 }), encodeCursor({ at: at(1), rank: 99, id: 1 }), encodeCursor({ at: at(1), rank: 1, id: -1 })]) {
      expect(() => decodeCursor(bad)).toThrow(AppError);
      try {
        decodeCursor(bad);
      } catch (e) {
        expect((e as AppError).code).toBe('VALIDATION');
      }
    }
  });

  it('orders by time (to the microsecond), then event, then newest row', () => {
    const c: TimelineCursor = { at: at(10), rank: eventRank('call'), id: 5 };
    expect(isAfterCursor({ atKey: at(9, 999999), rank: 0, id: 1 }, c)).toBe(true);
    expect(isAfterCursor({ atKey: at(10, 1), rank: 99, id: 1 }, c)).toBe(false);
    expect(isAfterCursor({ atKey: at(10), rank: eventRank('call'), id: 4 }, c)).toBe(true);
    expect(isAfterCursor({ atKey: at(10), rank: eventRank('call'), id: 5 }, c)).toBe(false);
    expect(isAfterCursor({ atKey: at(10), rank: eventRank('contact'), id: 99 }, c)).toBe(true);
    expect(isAfterCursor({ atKey: at(10), rank: eventRank('ticket_created'), id: 1 }, c)).toBe(false);
    expect(sourceBound(eventRank('contact'), c)).toBe('le');
    expect(sourceBound(eventRank('ticket_created'), c)).toBe('lt');
    expect(sourceBound(eventRank('call'), c)).toBe('tuple');
    expect(sourceBound(0, null)).toBe('none');
  });
});

describe('mergeTimeline', () => {
  // Three sources with ties inside and across sources.
  const sources: KeyedEntry[][] = [
    [keyed('call', 10, 1), keyed('call', 10, 2), keyed('call', 8, 3), keyed('call', 3, 4)],
    [keyed('contact', 10, 1), keyed('contact', 9, 2), keyed('contact', 10, 3), keyed('contact', 1, 4), keyed('contact', 10, 5, 1)],
    [keyed('ticket_created', 10, 7), keyed('ticket_created', 2, 8)],
  ];
  const total = sources.flat().length;

  it('walks every entry exactly once for every page size, newest first', () => {
    for (let limit = 1; limit <= total + 1; limit += 1) {
      const seen: string[] = [];
      let cursor: TimelineCursor | null = null;
      for (let guard = 0; guard < 50; guard += 1) {
        const page = mergeTimeline(sources.map((s) => sourcePage(s, cursor, limit + 1)), limit, cursor);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((e) => e.key));
        if (!page.nextCursor) break;
        cursor = decodeCursor(page.nextCursor);
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen.slice(0, 4)).toEqual(['contact:5', 'ticket_created:7', 'call:2', 'call:1']);
      expect(seen.at(-1)).toBe('contact:4');
    }
  });

  it('answers no cursor when the union fits the page', () => {
    expect(mergeTimeline([[keyed('call', 1, 1)]], 5, null)).toMatchObject({ nextCursor: null, items: [{ key: 'call:1' }] });
    expect(mergeTimeline([], 5, null)).toEqual({ items: [], nextCursor: null });
  });
});

describe('merge planning', () => {
  it('moves phones the target lacks and drops the ones it has, within the limit', () => {
    expect(planPhones([{ id: 1, key: 'a' }], [{ id: 2, key: 'a' }, { id: 3, key: 'b' }, { id: 4, key: 'b' }], 10)).toEqual({ move: [3], drop: [2, 4] });
    expect(planPhones([{ id: 1, key: 'a' }], [{ id: 2, key: 'b' }, { id: 3, key: 'c' }], 2)).toEqual({ move: [2], drop: [3] });
  });

  it('keeps the grading profile with the newest follow-up and adds up referrals', () => {
    const p = (at: string | null, owner: number | null, referrals = 0) => ({ last_follow_up_at: at ? new Date(at) : null, grade: 'C', owner_id: owner, referrals, campaigns: 1 });
    expect(planProfile(null, null).keep).toBe('none');
    expect(planProfile(p(null, 1), null)).toMatchObject({ keep: 'target', owner_id: 1 });
    expect(planProfile(null, p(null, 2))).toMatchObject({ keep: 'source', owner_id: 2 });
    expect(planProfile(p('2026-01-01', null, 1), p('2026-02-01', 7, 2))).toEqual({ keep: 'source', owner_id: 7, referrals: 3, campaigns: 2 });
    expect(planProfile(p('2026-03-01', null), p('2026-02-01', 7))).toMatchObject({ keep: 'target', owner_id: 7 });
    expect(planProfile(p('2026-02-01', 1), p('2026-02-01', 7))).toMatchObject({ keep: 'target', owner_id: 1 });
  });

  it('fills what the target lacks, unites tags and appends notes', () => {
    const base = { name: '张三', email: null, address: null, address_enc: null, address_masked: null, id_card_enc: null, id_card_masked: null, organization_id: null, grade: null, notes: null, tags: [] as string[] };
    const target = { ...base, email: 't@x.cn', tags: ['a'], notes: '旧' };
    const source = { ...base, id: 9, name: '张三', email: 's@x.cn', address_enc: 'enc', address_masked: '北京市…', id_card_enc: 'id', id_card_masked: '1101**', organization_id: 5, grade: 'B', tags: ['a', 'b'], notes: '新' };
    expect(planFields(target, source, { maxTags: 20, notesMax: 100 })).toEqual({
      address: null, address_enc: 'enc', address_masked: '北京市…', id_card_enc: 'id', id_card_masked: '1101**', organization_id: 5, grade: 'B', tags: ['a', 'b'], notes: '旧\n[#9 张三] 新',
    });
    expect(planFields({ ...source, id: undefined } as never, { ...base, id: 3 }, { maxTags: 20, notesMax: 100 })).toEqual({});
  });
});
