import type { Kysely } from 'kysely';
import type { PiiKeyStatus } from '@kefu/shared';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { keyRing, keySource } from '../../lib/crypto/key-ring.js';
import { encryptionStatus } from './keys.service.js';

/** For administrators: the key ring in use (ids only, never key material) and the progress of a rotation. */
export async function getKeyStatus({ db, actor }: { db: Kysely<DB>; actor: Actor }): Promise<PiiKeyStatus> {
  if (!can(actor, 'admin.settings')) throw new AppError('FORBIDDEN');
  const ring = keyRing();
  const status = await encryptionStatus(db);
  return { currentKeyId: ring.keys[0]!.id, source: keySource().kind, keyIds: ring.keys.map((k) => k.id), ...status };
}
