// The customer timeline's pure part: the cursor, the total order of entries and the merge of per-source pages.
import { TIMELINE_EVENTS, type TimelineEntry, type TimelineEvent } from '@kefu/shared';
import { invalid } from '../../lib/app-error.js';

/** Where a page ends: the instant (UTC, microseconds, as the database prints it), the event's rank and the row id. */
export interface TimelineCursor {
  at: string;
  rank: number;
  id: number;
}

/** "2026-11-23T05:28:18.123456Z": fixed width, so text order is time order. */
const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const eventRank = (event: TimelineEvent): number => TIMELINE_EVENTS.indexOf(event);

export function encodeCursor(c: TimelineCursor): string {
  return Buffer.from(`${c.at}|${c.rank}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): TimelineCursor {
  const [at, rank, id] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const cursor = { at: at ?? '', rank: Number(rank), id: Number(id) };
  if (!AT_KEY.test(cursor.at) || !Number.isInteger(cursor.rank) || cursor.rank < 0 || cursor.rank >= TIMELINE_EVENTS.length
    || !Number.isSafeInteger(cursor.id) || cursor.id < 0) {
    throw invalid('timeline_cursor');
  }
  return cursor;
}

/** One entry as a source produced it: the entry plus its sort key. */
export interface KeyedEntry {
  atKey: string;
  id: number;
  entry: TimelineEntry;
}

/** The timeline's order: newest first; at the same instant by event rank, then newest row first. */
export function compareKeyed(a: { atKey: string; rank: number; id: number }, b: { atKey: string; rank: number; id: number }): number {
  if (a.atKey !== b.atKey) return a.atKey < b.atKey ? 1 : -1;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return b.id - a.id;
}

/** True when the key sorts strictly after the cursor (so belongs to a later page). */
export function isAfterCursor(key: { atKey: string; rank: number; id: number }, cursor: TimelineCursor | null): boolean {
  if (!cursor) return true;
  return compareKeyed(key, { atKey: cursor.at, rank: cursor.rank, id: cursor.id }) > 0;
}

/**
 * How a source of rank `rank` restricts its own rows to those after the cursor, as a condition on (at, id):
 * 'le' — at <= cursor.at (this event sorts after the cursor's at the same instant); 'lt' — at < cursor.at;
 * 'tuple' — at < cursor.at or (at = cursor.at and id < cursor.id).
 */
export function sourceBound(rank: number, cursor: TimelineCursor | null): 'none' | 'le' | 'lt' | 'tuple' {
  if (!cursor) return 'none';
  if (rank > cursor.rank) return 'le';
  if (rank < cursor.rank) return 'lt';
  return 'tuple';
}

/**
 * Merges the pages of every source (each newest first, after the cursor, at most `limit + 1` long) into one page.
 * No source left out a row that sorts before its own last row, so the first `limit` of the union are exactly the
 * next `limit` of the whole timeline; and when the union holds no more than `limit`, every source was exhausted.
 */
export function mergeTimeline(sources: KeyedEntry[][], limit: number, cursor: TimelineCursor | null): { items: TimelineEntry[]; nextCursor: string | null } {
  const keyed = sources.flat().map((k) => ({ rank: eventRank(k.entry.event), ...k })).filter((k) => isAfterCursor(k, cursor));
  keyed.sort(compareKeyed);
  const page = keyed.slice(0, limit);
  const last = page[page.length - 1];
  const more = keyed.length > limit;
  return {
    items: page.map((k) => k.entry),
    nextCursor: more && last ? encodeCursor({ at: last.atKey, rank: last.rank, id: last.id }) : null,
  };
}

/** "…123456Z" → the millisecond ISO string the API answers. */
export const isoFromKey = (atKey: string): string => `${atKey.slice(0, 23)}Z`;
