import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { dncEntries, phoneNumbers, prospects, tasks } from '../../db/schema.ts';
import { endCadences } from '../cadences/enrollments.service.ts';

/**
 * The prospect asked to stop, in words on a call or a callback: the prospect and every number
 * on the Do-Not-Call list, the prospect opted out, the cadence stopped and open tasks cancelled,
 * inside the caller's transaction. Only `reach dnc remove` with a reason lifts it.
 */
export async function optOut(
  tx: Db,
  input: { teamId: number; prospectId: number; at: Date; source: 'call' | 'callback' },
): Promise<void> {
  const { teamId, prospectId, at } = input;
  const own = await tx
    .select({ e164: phoneNumbers.e164 })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.prospectId, prospectId));
  const entries = [{ e164: null as string | null }, ...own].map((p) => ({
    teamId,
    prospectId,
    e164: p.e164,
    reason: 'asked not to be called',
    source: input.source,
    addedAt: at,
  }));
  await tx.insert(dncEntries).values(entries);
  await tx.update(prospects).set({ optedOut: true, updatedAt: at }).where(eq(prospects.id, prospectId));
  await endCadences(tx, { prospectId, at, status: 'stopped', reason: 'asked not to be called' });
  await tx
    .update(tasks)
    .set({ status: 'cancelled', doneAt: at })
    .where(and(eq(tasks.prospectId, prospectId), eq(tasks.status, 'open')));
}
