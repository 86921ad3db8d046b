import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { enrollments, tasks } from '../../db/schema.ts';

/**
 * Ends or pauses the prospect's running cadence inside the caller's transaction: `stopped`
 * cancels its open steps (do-not-call, opt-out, the rep's word); `paused` keeps them for the
 * rep to resume (a conversation, a callback). Null when none was running.
 */
export async function endCadences(
  tx: Db,
  input: { prospectId: number; at: Date; status: 'stopped' | 'paused'; reason: string },
): Promise<{ cadence: string; cancelled: number } | null> {
  const running = input.status === 'paused' ? ['active'] : ['active', 'paused'];
  const [enrollment] = await tx
    .update(enrollments)
    .set({ status: input.status, statusReason: input.reason, statusAt: input.at })
    .where(and(eq(enrollments.prospectId, input.prospectId), inArray(enrollments.status, running)))
    .returning({ id: enrollments.id, cadence: enrollments.cadence });
  if (!enrollment) return null;
  if (input.status === 'paused') return { cadence: enrollment.cadence, cancelled: 0 };
  const cancelled = await tx
    .update(tasks)
    .set({ status: 'cancelled', doneAt: input.at })
    .where(and(eq(tasks.enrollmentId, enrollment.id), eq(tasks.status, 'open')))
    .returning({ id: tasks.id });
  return { cadence: enrollment.cadence, cancelled: cancelled.length };
}
