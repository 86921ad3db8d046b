import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type {
  CompletedTask,
  completeTaskSchema,
  TaskKind,
  TaskList,
  tasksQuerySchema,
} from '../../contracts/cadences.contract.ts';
import { rowsOf } from '../../db/rows.ts';
import { tasks } from '../../db/schema.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { displayName } from '../prospects/index.ts';
import { pursuitsOf } from '../queue/index.ts';
import { type Ctx, repClockZone } from '../team/index.ts';

/** The CLI's task list prints this answer. */
export type { TaskList };

/**
 * Open tasks due before `dueBefore` (the end of the rep's day unless given), earliest first:
 * cadence steps of running cadences, and promised callbacks and meetings. Nothing for a
 * prospect who asked to stop.
 */
export async function listTasks(ctx: Ctx, q: z.output<typeof tasksQuerySchema>): Promise<TaskList> {
  const at = resolveAt(q.at);
  const zone = await repClockZone(ctx);
  const dueBefore =
    q.dueBefore === undefined
      ? DateTime.fromJSDate(at, { zone }).startOf('day').plus({ days: 1 }).toJSDate()
      : resolveAt(q.dueBefore, 'dueBefore');
  const rows = rowsOf<{
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
  }>(
    await ctx.db.execute(sql`
      select t.id, t.kind, t.due_at, t.cadence, t.step, t.payload, p.id as prospect_id,
        p.first_name, p.last_name, p.email, coalesce(e.zone, p.timezone) as zone, c.name as company
      from tasks t
      join prospects p on p.id = t.prospect_id
      left join companies c on c.id = p.company_id
      left join enrollments e on e.id = t.enrollment_id
      where t.team_id = ${ctx.team.id} and t.status = 'open' and not p.opted_out
        and (t.enrollment_id is null or e.status = 'active')
        and t.due_at < ${dueBefore.toISOString()}::timestamptz
      order by t.due_at, t.id
      limit ${q.limit}`),
  );
  const pursuits = await pursuitsOf(ctx, {
    at,
    ids: [...new Set(rows.filter((r) => r.kind === 'call').map((r) => Number(r.prospect_id)))],
  });
  return {
    at: at.toISOString(),
    dueBefore: dueBefore.toISOString(),
    zone,
    endOfDay: q.dueBefore === undefined,
    items: rows.map((r) => {
      const due = r.due_at instanceof Date ? r.due_at : new Date(r.due_at);
      const payload = r.payload ?? {};
      return {
        id: Number(r.id),
        kind: r.kind,
        dueAt: due.toISOString(),
        local: r.zone ? DateTime.fromJSDate(due, { zone: r.zone }).toFormat('ccc dd LLL HH:mm') : null,
        zone: r.zone,
        overdue: due < at,
        prospect: {
          id: Number(r.prospect_id),
          name: displayName({ firstName: r.first_name, lastName: r.last_name, email: r.email }),
          company: r.company,
        },
        cadence: r.cadence,
        step: r.step === null ? null : Number(r.step) + 1,
        of: typeof payload['of'] === 'number' ? payload['of'] : null,
        note: typeof payload['note'] === 'string' ? payload['note'] : null,
        pursuit: r.kind === 'call' ? (pursuits.get(Number(r.prospect_id)) ?? null) : null,
        auto: payload['send'] === 'auto',
        problem: problemOf(payload),
      };
    }),
  };
}

/** What stopped an automatic step, as the rep reads it. */
export function problemOf(payload: Record<string, unknown>): string | null {
  if (typeof payload['autoError'] === 'string') return `not sent by itself: ${payload['autoError']}`;
  if (typeof payload['autoRetryAt'] === 'string')
    return `the SMTP server turned it away ${payload['autoFailures']} time(s); tried again from ${payload['autoRetryAt']}`;
  return null;
}

/** Marks an open task done, or skipped with the rep's note. */
export async function completeTask(
  ctx: Ctx,
  input: { id: number; body: z.output<typeof completeTaskSchema> },
): Promise<CompletedTask> {
  const q = input.body;
  const at = resolveAt(q.at);
  const [row] = await ctx.db
    .select({ status: tasks.status, payload: tasks.payload })
    .from(tasks)
    .where(and(eq(tasks.id, input.id), eq(tasks.teamId, ctx.team.id)));
  if (!row) throw notFound('Task', input.id);
  if (row.status !== 'open') throw new AppError('conflict', `Task ${input.id} is already ${row.status}`);
  await ctx.db
    .update(tasks)
    .set({
      status: q.status,
      doneAt: at,
      payload: { ...row.payload, ...(q.note ? { outcome: q.note } : {}) },
    })
    .where(and(eq(tasks.id, input.id), eq(tasks.status, 'open')));
  return { id: input.id, status: q.status };
}
