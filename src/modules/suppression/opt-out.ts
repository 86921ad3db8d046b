import type { Db } from '../../db/create-db.ts';
import { bindPerson } from './person-binding.ts';

/**
 * The prospect asked to stop, in words on a call or a callback: the request binds the person
 * (every record sharing their email or an own number), inside the caller's transaction. Only
 * `reach dnc remove` with a named reason, a user and the person's consent lifts it.
 */
export async function optOut(
  tx: Db,
  input: { teamId: number; prospectId: number; at: Date; source: 'call' | 'callback' },
): Promise<void> {
  await bindPerson(tx, { ...input, reason: 'asked not to be called' });
}
