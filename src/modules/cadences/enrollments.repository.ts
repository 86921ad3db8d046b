import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { dncEntries, enrollments, tasks } from '../../db/schema.ts';

export type EnrollmentRow = typeof enrollments.$inferSelect;

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

/** Starts a prospect on a cadence, keeping the definition as it is now; the new enrollment's id. */
export async function insertEnrollment(
  db: Db,
  input: {
    teamId: number;
    prospectId: number;
    cadence: string;
    definition: Record<string, unknown>;
    zone: string;
    startedAt: Date;
  },
): Promise<number> {
  const [enrollment] = await db.insert(enrollments).values(input).returning({ id: enrollments.id });
  return enrollment!.id;
}

/** Whether the prospect is on the Do-Not-Call list (an entry naming them, not removed). */
export async function onDoNotCallList(db: Db, input: { prospectId: number }): Promise<boolean> {
  const [dnc] = await db
    .select({ id: dncEntries.id })
    .from(dncEntries)
    .where(and(eq(dncEntries.prospectId, input.prospectId), sql`${dncEntries.removedAt} is null`))
    .limit(1);
  return dnc !== undefined;
}

/** The prospect's running cadence (active or paused), if any. */
export async function runningEnrollmentOf(
  db: Db,
  input: { prospectId: number },
): Promise<{ cadence: string; status: string } | undefined> {
  const [running] = await db
    .select({ cadence: enrollments.cadence, status: enrollments.status })
    .from(enrollments)
    .where(
      and(eq(enrollments.prospectId, input.prospectId), inArray(enrollments.status, ['active', 'paused'])),
    );
  return running;
}

/** The prospect's paused cadence, if any. */
export async function pausedEnrollmentOf(
  db: Db,
  input: { prospectId: number },
): Promise<EnrollmentRow | undefined> {
  const [enrollment] = await db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.prospectId, input.prospectId), eq(enrollments.status, 'paused')));
  return enrollment;
}

/** Sets an enrollment's status, with why and when. */
export async function setEnrollmentStatus(
  db: Db,
  input: { id: number; status: string; reason: string; at: Date },
): Promise<void> {
  await db
    .update(enrollments)
    .set({ status: input.status, statusReason: input.reason, statusAt: input.at })
    .where(eq(enrollments.id, input.id));
}
