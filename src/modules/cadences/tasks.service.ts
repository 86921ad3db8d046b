import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { rowsOf } from '../../db/rows.ts';
import { tasks } from '../../db/schema.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { atParam, parseInput } from '../../shared/validate.ts';
import { displayName } from '../prospects/prospects.service.ts';
import type { Recommendation } from '../pursuit/keep-or-drop.ts';
import { pursuitsOf } from '../pursuit/pursuit.service.ts';
import { type Ctx, repClockZone } from '../team/team.service.ts';

export const tasksQuerySchema = z
  .object({
    at: atParam('The moment of the question (ISO 8601); now when left out'),
    dueBefore: atParam("Only tasks due before this instant; the end of the rep's day when left out"),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

export type TaskRow = {
  id: number;
  kind: string;
  dueAt: string;
  /** The due time in the prospect's clock, and that clock's zone. */
  local: string | null;
  /** The prospect's zone (the cadence's, for a step): the clock `local` is on. */
  zone: string | null;
  overdue: boolean;
  prospect: { id: number; name: string; company: string | null };
  cadence: string | null;
  /** The step's place in its cadence, from 1. */
  step: number | null;
  of: number | null;
  note: string | null;
  /** For a call step: keep-or-drop's word, which the step follows. */
  pursuit: { recommendation: Recommendation; reason: string } | null;
  /** An email step that goes out by itself when due, given an SMTP server. */
  auto: boolean;
  /** Why an automatic step did not go, or when it is tried again: the rep's to settle. */
  problem: string | null;
};

export type TaskList = {
  at: string;
  dueBefore: string;
  /** The rep's clock (see `repClockZone`). */
  zone: string;
  /** No `dueBefore` was given: the list runs to the end of the rep's day. */
  endOfDay: boolean;
  items: TaskRow[];
};

/**
 * Open tasks due before `dueBefore` (the end of the rep's day unless given), earliest first:
 * cadence steps of running cadences, and promised callbacks and meetings. Nothing for a
 * prospect who asked to stop.
 */
export async function listTasks(ctx: Ctx, query: unknown): Promise<TaskList> {
  const q = parseInput(tasksQuerySchema, query, 'query');
  const at = resolveAt(q.at);
  const zone = await repClockZone(ctx);
  const dueBefore =
    q.dueBefore === undefined
      ? DateTime.fromJSDate(at, { zone }).startOf('day').plus({ days: 1 }).toJSDate()
      : resolveAt(q.dueBefore, 'dueBefore');
  const rows = rowsOf<{
    id: number;
    kind: string;
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

export const completeTaskSchema = z
  .object({
    status: z.enum(['done', 'skipped']).default('done'),
    note: z.string().trim().min(1).max(500).optional(),
    at: atParam('When (ISO 8601); now when left out'),
  })
  .strict();

/** Marks an open task done, or skipped with the rep's note. */
export async function completeTask(
  ctx: Ctx,
  input: { id: number; body: unknown },
): Promise<{ id: number; status: string }> {
  const q = parseInput(completeTaskSchema, input.body);
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
