import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type { PursuitView, pursuitQuerySchema } from '../../contracts/pursuit.contract.ts';
import type { Recommendation, Stage } from '../../contracts/vocabulary.ts';
import { resolveAt } from '../../shared/clock.ts';
import { notFound } from '../../shared/errors.ts';
import { displayName, resolveProspect } from '../prospects/index.ts';
import { HORIZON, type Pursuit } from '../pursuit/index.ts';
import { loadCandidates } from './queue.repository.ts';
import { type Yardsticks, yardsticks } from './queue.service.ts';
import { type Candidate, pursuitAt, weightOf } from './rank.ts';

const DAY = 86_400_000;

/** Keep-or-drop for the prospects at `at`, as the queue weighs it, with the book's yardsticks read once. */
async function loadPursuits(
  ctx: Ctx,
  input: { ids: number[]; at: Date; book?: Yardsticks | undefined },
): Promise<{ book: Yardsticks; found: { candidate: Candidate; pursuit: Pursuit }[] }> {
  const { at } = input;
  const book = input.book ?? (await yardsticks(ctx));
  const { candidates, counts } = await loadCandidates(ctx.db, {
    teamId: ctx.team.id,
    ids: input.ids,
    window: { from: new Date(at.getTime() - 7 * DAY), to: at },
    slots: null,
  });
  return {
    book,
    found: candidates.map((candidate) => ({
      candidate,
      pursuit: pursuitAt(at, { candidate, input: { ...book, counts } }),
    })),
  };
}

/** Keep-or-drop for one prospect at `at`, as the queue weighs it. */
export async function pursuitNow(
  ctx: Ctx,
  input: { prospectId: number; at: Date; book?: Yardsticks },
): Promise<{ pursuit: Pursuit; candidate: Candidate; book: Yardsticks }> {
  const { book, found } = await loadPursuits(ctx, {
    ids: [input.prospectId],
    at: input.at,
    book: input.book,
  });
  if (!found[0]) throw notFound('Prospect', input.prospectId);
  return { ...found[0], book };
}

/** Keep, slow down or drop one prospect at `at`: the recommendation the queue follows, with its figures. */
export async function pursuitOfProspect(
  ctx: Ctx,
  input: { prospect: string | number; query: z.output<typeof pursuitQuerySchema> },
): Promise<PursuitView> {
  const at = resolveAt(input.query.at);
  const row = await resolveProspect(ctx, input.prospect);
  const { pursuit, candidate, book } = await pursuitNow(ctx, { prospectId: row.id, at });
  const { prospect } = candidate;
  const { effort } = pursuit;
  return {
    at: at.toISOString(),
    prospect: {
      id: prospect.id,
      name: displayName({ firstName: row.firstName, lastName: row.lastName, email: row.email }),
      value: prospect.value,
      stage: prospect.stage as Stage,
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
    currency: ctx.team.currency,
  };
}

/** Keep-or-drop's word on many prospects at `at`, with the book's yardsticks read once. */
export async function pursuitsOf(
  ctx: Ctx,
  input: { at: Date; ids: number[] },
): Promise<Map<number, { recommendation: Recommendation; reason: string }>> {
  const out = new Map<number, { recommendation: Recommendation; reason: string }>();
  if (input.ids.length === 0) return out;
  for (const { candidate, pursuit } of (await loadPursuits(ctx, input)).found)
    out.set(candidate.prospect.id, { recommendation: pursuit.recommendation, reason: pursuit.reason });
  return out;
}
