import type { Kysely } from 'kysely';
import type { TimelinePage, TimelineQuery } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { tenantToday, tenantTimeZone } from '../contracts/contracts.repo.js';
import { assertLiveCustomer } from './customer-archive.repo.js';
import { assertReadArchive, timelineAccess } from './customer-archive.policy.js';
import { decodeCursor, mergeTimeline } from './timeline.js';
import { TIMELINE_SOURCES } from './timeline-sources.js';

/** One page of the customer's timeline, newest first; `before` is the previous page's nextCursor. */
export async function getTimeline({ db, actor, customerId, query }: { db: Kysely<DB>; actor: Actor; customerId: number; query: TimelineQuery }): Promise<TimelinePage> {
  assertReadArchive(actor);
  const cursor = query.before ? decodeCursor(query.before) : null;
  await assertLiveCustomer(db, actor.tenantId, customerId);
  const access = timelineAccess(actor);
  const wanted = query.kinds && query.kinds.length > 0 ? new Set(query.kinds) : null;
  const [timeZone, today] = await Promise.all([tenantTimeZone(db, actor.tenantId), tenantToday(db, actor.tenantId)]);
  const args = { db, actor, access, customerId, cursor, take: query.limit + 1, timeZone, today };
  const sources = TIMELINE_SOURCES.filter((s) => access.kinds.has(s.kind) && (!wanted || wanted.has(s.kind)));
  const pages = await Promise.all(sources.map((s) => s.load(args)));
  return mergeTimeline(pages, query.limit, cursor);
}
