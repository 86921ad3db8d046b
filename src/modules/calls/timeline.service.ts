import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type { CallRow, callsQuerySchema, Effort, TimelineEntry } from '../../contracts/calls.contract.ts';
import type { Outcome, Result } from '../../contracts/vocabulary.ts';
import { clockOf, resolveAt } from '../../shared/clock.ts';
import { ownBook } from '../accounts/index.ts';
import { describeIntel } from '../intel/index.ts';
import { displayName, resolveProspect } from '../prospects/index.ts';
import { historyOf, loggedCalls } from './calls.repository.ts';
import { type CallFields, describeCorrection } from './correction-rules.ts';

export type { CallRow, Effort, TimelineEntry };

/** Rep seconds as minutes to one decimal, as effort is reported. */
export const repMinutes = (seconds: number): number => Math.round(seconds / 6) / 10;

/** The effort spent on a prospect so far: what the keep-or-drop decision weighs against value. */
export function effortOf(
  calls: { outcome: string; repSeconds: number }[],
  counts: { voicemails: number; callbacks: number },
): Effort {
  const seconds = calls.reduce((sum, c) => sum + c.repSeconds, 0);
  return {
    attempts: calls.length,
    conversations: calls.filter((c) => c.outcome === 'reached').length,
    voicemails: counts.voicemails,
    callbacks: counts.callbacks,
    minutes: repMinutes(seconds),
  };
}

/** Everything that happened with a prospect, oldest first, with the effort it cost. */
export async function timeline(
  ctx: Ctx,
  key: string | number,
): Promise<{ prospectId: number; name: string; effort: Effort; entries: TimelineEntry[] }> {
  const p = await resolveProspect(ctx, key);
  const { calls, messages, intel, todo, inbound, stages, corrections } = await historyOf(ctx.db, {
    prospectId: p.id,
  });
  const entries: TimelineEntry[] = [
    ...calls.map(({ a, ph }) => ({
      at: a.at.toISOString(),
      type: 'call' as const,
      id: a.id,
      text: `${a.outcome}${a.result ? ` → ${a.result}` : ''}${ph ? ` on ${ph.kind} ${ph.e164}` : ''}${a.flags.length ? ` [${a.flags.join(', ')}]` : ''}${a.note ? `: ${a.note}` : ''}`,
    })),
    ...messages.map((m) => ({
      at: m.at.toISOString(),
      type: 'message' as const,
      id: m.id,
      text: `${m.kind} message${m.text ? `: "${m.text}"` : ''}`,
    })),
    ...intel.map((f) => ({
      at: f.recordedAt.toISOString(),
      type: 'intel' as const,
      id: f.id,
      text: describeIntel(f),
    })),
    ...todo.map((t) => ({
      at: t.dueAt.toISOString(),
      type: 'task' as const,
      id: t.id,
      text: `${t.kind} due (${t.status})`,
    })),
    ...inbound.map((c) => ({
      at: c.at.toISOString(),
      type: 'callback' as const,
      id: c.id,
      text: `called back from ${c.fromE164}${c.voicemailId ? ` (credited to message ${c.voicemailId})` : ''}${c.result ? `: ${c.result}${c.resultAt ? ` ${c.resultAt.toISOString().slice(0, 16).replace('T', ' ')}` : ''}` : ''}`,
    })),
    ...stages.map((s) => ({
      at: s.at.toISOString(),
      type: 'stage' as const,
      id: s.id,
      text: `stage ${s.fromStage ?? '-'} → ${s.toStage} (${s.reason})`,
    })),
    ...corrections.map(({ c }) => ({
      at: c.at.toISOString(),
      type: 'correction' as const,
      id: c.id,
      text: describeCorrection({
        attemptId: c.attemptId,
        before: c.before as CallFields,
        after: c.after as CallFields,
        by: c.by,
        reason: c.reason,
      }),
    })),
  ].sort((x, y) => x.at.localeCompare(y.at) || x.id - y.id);
  const effort = effortOf(
    calls.map(({ a }) => a),
    { voicemails: messages.length, callbacks: inbound.length },
  );
  return { prospectId: p.id, name: displayName(p), effort, entries };
}

/** Logged calls, newest first: one prospect's, or the whole book's. */
export async function listCalls(ctx: Ctx, q: z.output<typeof callsQuerySchema>): Promise<CallRow[]> {
  const prospect = q.prospect ? await resolveProspect(ctx, q.prospect) : undefined;
  const rows = await loggedCalls(ctx.db, {
    teamId: ctx.team.id,
    prospectId: prospect?.id,
    since: q.since ? resolveAt(q.since, 'since') : undefined,
    limit: q.limit,
    own: ownBook(ctx),
  });
  return rows.map(({ a, ph, p }) => ({
    id: a.id,
    at: a.at.toISOString(),
    prospectId: p.id,
    prospect: displayName(p),
    number: ph?.e164 ?? null,
    kind: ph?.kind ?? null,
    outcome: a.outcome as Outcome,
    result: a.result as Result | null,
    resultAt: a.resultAt?.toISOString() ?? null,
    durationSeconds: a.durationSeconds,
    localTime: a.localMinuteOfDay === null ? null : clockOf(a.localMinuteOfDay),
    note: a.note,
    flags: a.flags,
  }));
}
