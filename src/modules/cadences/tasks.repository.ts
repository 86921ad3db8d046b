import { and, eq, sql } from 'drizzle-orm';
import type { TaskKind } from '../../contracts/cadences.contract.ts';
import { inBookSql } from '../../db/books.ts';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { tasks } from '../../db/schema.ts';

export type StoredTask = typeof tasks.$inferSelect;
export type NewTaskRow = typeof tasks.$inferInsert;

/** An open task as the rep's list reads it, with its prospect, company and the zone its time is shown in. */
export type DueTaskRow = {
  id: number;
  kind: TaskKind;
  due_at: string | Date;
  cadence: string | null;
  step: number | null;
  payload: Record<string, unknown>;
  prospect_id: number;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  zone: string | null;
  company: string | null;
};

/**
 * The team's open tasks due before an instant, earliest first: steps of running cadences and
 * tasks of no cadence, none for a prospect who asked to stop.
 */
export async function openTasksDue(
  db: Db,
  input: { teamId: number; dueBefore: Date; limit: number; own: number | null },
): Promise<DueTaskRow[]> {
  return rowsOf<DueTaskRow>(
    await db.execute(sql`
      select t.id, t.kind, t.due_at, t.cadence, t.step, t.payload, p.id as prospect_id,
        p.first_name, p.last_name, p.email, coalesce(e.zone, p.timezone) as zone, c.name as company
      from tasks t
      join prospects p on p.id = t.prospect_id
      left join companies c on c.id = p.company_id
      left join enrollments e on e.id = t.enrollment_id
      where t.team_id = ${input.teamId} and t.status = 'open' and not p.opted_out
        and (t.enrollment_id is null or e.status = 'active')
        and t.due_at < ${input.dueBefore.toISOString()}::timestamptz${inBookSql(sql`p.owner_id`, input.own)}
      order by t.due_at, t.id
      limit ${input.limit}`),
  );
}

/** The team's task with this id, or null. */
export async function taskOfTeam(db: Db, input: { teamId: number; id: number }): Promise<StoredTask | null> {
  const [task] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, input.id), eq(tasks.teamId, input.teamId)));
  return task ?? null;
}

/** Closes the task if it is still open: done or skipped at this instant, with its new payload. */
export async function closeOpenTask(
  db: Db,
  input: { id: number; status: string; at: Date; payload: Record<string, unknown> },
): Promise<void> {
  await db
    .update(tasks)
    .set({ status: input.status, doneAt: input.at, payload: input.payload })
    .where(and(eq(tasks.id, input.id), eq(tasks.status, 'open')));
}

/** Lays the cadence's steps as tasks. */
export async function insertTasks(db: Db, rows: NewTaskRow[]): Promise<void> {
  await db.insert(tasks).values(rows);
}

/** The steps of an enrollment still open, by step. */
export async function openStepsOf(
  db: Db,
  input: { enrollmentId: number },
): Promise<{ id: number; step: number | null }[]> {
  return db
    .select({ id: tasks.id, step: tasks.step })
    .from(tasks)
    .where(and(eq(tasks.enrollmentId, input.enrollmentId), eq(tasks.status, 'open')))
    .orderBy(tasks.step);
}

/** Moves a task to a new time. */
export async function moveTask(db: Db, input: { id: number; dueAt: Date }): Promise<void> {
  await db.update(tasks).set({ dueAt: input.dueAt }).where(eq(tasks.id, input.id));
}

/**
 * Marks done, by this dial, the prospect's open call steps of a running cadence due by
 * `callsBy` and the callbacks outside a cadence due by `callbacksBy`.
 */
export async function finishDueCallSteps(
  db: Db,
  input: { prospectId: number; at: Date; attemptId: number; callsBy: Date; callbacksBy: Date },
): Promise<void> {
  await db.execute(sql`
    update tasks set status = 'done', done_at = ${input.at.toISOString()}::timestamptz,
      payload = payload || jsonb_build_object('doneBy', ${input.attemptId}::int)
    where id in (
      select t.id from tasks t left join enrollments e on e.id = t.enrollment_id
      where t.prospect_id = ${input.prospectId} and t.status = 'open'
        and ((t.kind = 'call' and e.status = 'active'
              and t.due_at <= ${input.callsBy.toISOString()}::timestamptz)
          or (t.kind = 'callback' and t.enrollment_id is null
              and t.due_at <= ${input.callbacksBy.toISOString()}::timestamptz)))`);
}

/** Opens again the call step an undone dial had done. */
export async function callStepUndone(tx: Db, attemptId: number): Promise<void> {
  await tx.execute(sql`
    update tasks set status = 'open', done_at = null, payload = payload - 'doneBy'
    where payload->>'doneBy' = ${String(attemptId)}`);
}
