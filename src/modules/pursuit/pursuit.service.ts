import { z } from 'zod';
import { resolveAt } from '../../shared/clock.ts';
import { atParam, parseInput } from '../../shared/validate.ts';
import { displayName, resolveProspect } from '../prospects/prospects.service.ts';
import { loadCandidates } from '../queue/queue.repository.ts';
import { yardsticks } from '../queue/queue.service.ts';
import { pursuitAt, weightOf } from '../queue/rank.ts';
import type { Ctx } from '../team/team.service.ts';
import { type BookRates, HORIZON, type Pursuit } from './keep-or-drop.ts';

export const pursuitQuerySchema = z
  .object({
    at: atParam('The decision time (ISO 8601); now when left out'),
  })
  .strict();

export type PursuitView = Omit<Pursuit, 'resumeAt' | 'effort'> & {
  at: string;
  prospect: { id: number; name: string; value: number | null; stage: string };
  /** What reaching the prospect is worth: their value (or the book's typical one), raised by stage. */
  weight: number;
  horizon: number;
  resumeAt: string | null;
  effort: Omit<Pursuit['effort'], 'lastAttemptAt'> & { minutes: number; lastAttemptAt: string | null };
  rates: BookRates;
};

const DAY = 86_400_000;

/** Keep, slow down or drop one prospect at `at`: the recommendation the queue follows, with its figures. */
export async function pursuitOfProspect(
  ctx: Ctx,
  input: { prospect: string | number; query: unknown },
): Promise<PursuitView> {
  const q = parseInput(pursuitQuerySchema, input.query, 'query');
  const at = resolveAt(q.at);
  const row = await resolveProspect(ctx, input.prospect);
  const book = await yardsticks(ctx);
  const { candidates, counts } = await loadCandidates(ctx.db, {
    teamId: ctx.team.id,
    ids: [row.id],
    window: { from: new Date(at.getTime() - 7 * DAY), to: at },
    slots: null,
  });
  const candidate = candidates[0]!;
  const { prospect } = candidate;
  const pursuit = pursuitAt(at, { candidate, input: { ...book, counts } });
  const { effort } = pursuit;
  return {
    at: at.toISOString(),
    prospect: {
      id: prospect.id,
      name: displayName({ firstName: row.firstName, lastName: row.lastName, email: row.email }),
      value: prospect.value,
      stage: prospect.stage,
    },
    weight: weightOf(prospect, book.typicalValue),
    horizon: HORIZON,
    ...pursuit,
    resumeAt: pursuit.resumeAt?.toISOString() ?? null,
    effort: {
      ...effort,
      minutes: Math.round(effort.repSeconds / 60),
      lastAttemptAt: effort.lastAttemptAt?.toISOString() ?? null,
    },
    rates: book.pursuit.rates,
  };
}
