import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import {
  type Cadence,
  cadenceSchema,
  type ResumedCadence,
  type resumeCadenceSchema,
  type StartCadence,
  type StartReport,
  type StoppedCadence,
  type stopCadenceSchema,
} from '../../contracts/cadences.contract.ts';
import type { Db } from '../../db/create-db.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { type CallInput, fitCallSteps } from '../compliance/index.ts';
import { displayName, type ProspectRow, resolveProspect } from '../prospects/index.ts';
import { readStanding } from '../pursuit/index.ts';
import { CALLBACK_GRACE_MINUTES, prospectCallScope } from '../queue/index.ts';
import { schedule } from './cadence.ts';
import { findCadence } from './cadences.service.ts';
import {
  endCadences,
  insertEnrollment,
  onDoNotCallList,
  pausedEnrollmentOf,
  runningEnrollmentOf,
  setEnrollmentStatus,
} from './enrollments.repository.ts';
import { finishDueCallSteps, insertTasks, moveTask, openStepsOf } from './tasks.repository.ts';

/**
 * Puts prospects on a cadence at `at`: every step laid in the prospect's own zone as a task.
 * A prospect who asked to stop, is on the Do-Not-Call list, has no known zone or is already
 * on a cadence is reported, not started; the others start together.
 */
export async function startCadence(ctx: Ctx, input: StartCadence): Promise<StartReport> {
  const cadence = await findCadence(ctx, input.cadence);
  const at = resolveAt(input.at);
  const rejected: StartReport['rejected'] = [];
  const accepted: { row: ProspectRow; zone: string }[] = [];
  for (const key of input.prospects) {
    const refusal = await refuse(ctx, { key, accepted: accepted.map((a) => a.row.id), at });
    if ('reason' in refusal) rejected.push({ prospect: String(key), reason: refusal.reason });
    else accepted.push(refusal);
  }
  const scopes = new Map<number, CallInput>();
  for (const { row } of accepted) scopes.set(row.id, await prospectCallScope(ctx, row));
  const started = await ctx.db.transaction(async (tx) => {
    const out: StartReport['started'] = [];
    for (const { row, zone } of accepted) {
      const enrollmentId = await insertEnrollment(tx, {
        teamId: ctx.team.id,
        prospectId: row.id,
        cadence: cadence.name,
        definition: cadence,
        zone,
        startedAt: at,
      });
      // Laid by the cadence, then moved where a calling rule of the prospect's numbers refuses a call.
      const steps = fitCallSteps(schedule(cadence, { start: at, zone }), scopes.get(row.id)!);
      await insertTasks(
        tx,
        steps.map((s) => ({
          teamId: ctx.team.id,
          prospectId: row.id,
          kind: s.kind,
          dueAt: s.dueAt,
          enrollmentId,
          cadence: cadence.name,
          step: s.step,
          payload: {
            note: s.note,
            of: steps.length,
            window: cadence.steps[s.step]!.window ?? null,
            ...(s.auto ? { send: 'auto' } : {}),
            ...(s.moved ? { moved: s.moved } : {}),
          },
        })),
      );
      out.push({
        prospectId: row.id,
        name: displayName(row),
        zone,
        enrollmentId,
        firstDue: steps[0]!.dueAt.toISOString(),
      });
    }
    return out;
  });
  return { cadence: cadence.name, started, rejected };
}

/** The prospect with the zone its steps are laid in, or why it may not start. */
async function refuse(
  ctx: Ctx,
  input: { key: string | number; accepted: number[]; at: Date },
): Promise<{ row: ProspectRow; zone: string } | { reason: string }> {
  let row: ProspectRow;
  try {
    row = await resolveProspect(ctx, input.key);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return { reason: 'no such prospect' };
    throw error;
  }
  if (input.accepted.includes(row.id)) return { reason: `prospect ${row.id} is listed twice` };
  if (row.optedOut) return { reason: 'asked not to be contacted' };
  if (await onDoNotCallList(ctx.db, { prospectId: row.id })) return { reason: 'on the Do-Not-Call list' };
  if (row.stage === 'customer' || row.stage === 'lost') return { reason: `stage ${row.stage}` };
  // A rest after a "no" is what a nurture cadence is for; any other state is not a cold series.
  const standing = readStanding(row, input.at);
  if (standing.state !== 'open' && standing.state !== 'not-interested')
    return { reason: `${standing.state}: ${standing.reason}` };
  const zone = row.timezone ?? row.timezoneCandidates[0] ?? ctx.team.territoryZones[0];
  if (!zone) return { reason: 'time zone unknown: set the prospect’s timezone first' };
  const running = await runningEnrollmentOf(ctx.db, { prospectId: row.id });
  if (running) return { reason: `already on ${running.cadence} (${running.status}): stop it first` };
  return { row, zone };
}

/** Takes a prospect off their cadence: open steps cancelled, the reason kept. */
export async function stopCadence(
  ctx: Ctx,
  input: { prospect: string | number; body: z.output<typeof stopCadenceSchema> },
): Promise<StoppedCadence> {
  const q = input.body;
  const row = await resolveProspect(ctx, input.prospect);
  const at = resolveAt(q.at);
  return ctx.db.transaction(async (tx) => {
    const ended = await endCadences(tx, { prospectId: row.id, at, status: 'stopped', reason: q.reason });
    if (!ended) throw new AppError('not_found', `Prospect ${row.id} is not on a cadence`);
    return { prospectId: row.id, ...ended };
  });
}

/**
 * Sets a paused cadence going again at `at`: the steps left keep their spacing, laid from the
 * next good moment in the prospect's zone.
 */
export async function resumeCadence(
  ctx: Ctx,
  input: { prospect: string | number; body: z.output<typeof resumeCadenceSchema> },
): Promise<ResumedCadence> {
  const q = input.body;
  const row = await resolveProspect(ctx, input.prospect);
  const at = resolveAt(q.at);
  const scope = await prospectCallScope(ctx, row);
  return ctx.db.transaction(async (tx) => {
    const enrollment = await pausedEnrollmentOf(tx, { prospectId: row.id });
    if (!enrollment) throw new AppError('not_found', `Prospect ${row.id} has no paused cadence`);
    const cadence = definitionOf(enrollment.definition);
    const left = await openStepsOf(tx, { enrollmentId: enrollment.id });
    const steps = left.map((t) => cadence.steps[Number(t.step)]!);
    const base = steps[0]?.day ?? 0;
    const laid =
      steps.length === 0
        ? []
        : fitCallSteps(
            schedule(
              { ...cadence, steps: steps.map((s) => ({ ...s, day: s.day - base })) },
              { start: at, zone: enrollment.zone },
            ),
            scope,
          );
    for (const [i, task] of left.entries()) await moveTask(tx, { id: task.id, dueAt: laid[i]!.dueAt });
    await setEnrollmentStatus(tx, {
      id: enrollment.id,
      status: left.length > 0 ? 'active' : 'done',
      reason: 'resumed by the rep',
      at,
    });
    return {
      prospectId: row.id,
      cadence: enrollment.cadence,
      steps: left.length,
      firstDue: laid[0]?.dueAt.toISOString() ?? null,
    };
  });
}

/** How far ahead of its time a call still counts for a cadence's call step: the same working day. */
const EARLY_MS = 12 * 3_600_000;

/**
 * A dial does the call steps of the prospect's running cadence that have come due (up to 12
 * hours early, the same day's window), and keeps a callback promised for then or before (up to
 * the 15 minutes' grace the queue gives one): the promise no longer waits as a reminder.
 */
export async function callStepDone(
  tx: Db,
  input: { prospectId: number; at: Date; attemptId: number },
): Promise<void> {
  await finishDueCallSteps(tx, {
    ...input,
    callsBy: new Date(input.at.getTime() + EARLY_MS),
    callbacksBy: new Date(input.at.getTime() + CALLBACK_GRACE_MINUTES * 60_000),
  });
}

/** A stored definition, read back as the cadence it was when the prospect started. */
export const definitionOf = (stored: Record<string, unknown>): Cadence => cadenceSchema.parse(stored);
