import { DateTime } from 'luxon';
import type { z } from 'zod';
import type {
  CompletedTask,
  completeTaskSchema,
  TaskList,
  tasksQuerySchema,
} from '../../contracts/cadences.contract.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { ownBook } from '../accounts/index.ts';
import { displayName } from '../prospects/index.ts';
import { pursuitsOf } from '../queue/index.ts';
import { type Ctx, repClockZone } from '../team/index.ts';
import { closeOpenTask, openTasksDue, taskOfTeam } from './tasks.repository.ts';

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
  const rows = await openTasksDue(ctx.db, {
    teamId: ctx.team.id,
    dueBefore,
    limit: q.limit,
    own: ownBook(ctx),
  });
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
  const row = await taskOfTeam(ctx.db, { teamId: ctx.team.id, id: input.id });
  if (!row) throw notFound('Task', input.id);
  if (row.status !== 'open') throw new AppError('conflict', `Task ${input.id} is already ${row.status}`);
  await closeOpenTask(ctx.db, {
    id: input.id,
    status: q.status,
    at,
    payload: { ...row.payload, ...(q.note ? { outcome: q.note } : {}) },
  });
  return { id: input.id, status: q.status };
}
