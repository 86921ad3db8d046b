import { z } from 'zod';
import { resolveAt } from '../../shared/clock.ts';
import { invalid, notFound } from '../../shared/errors.ts';
import { atParam, parseInput } from '../../shared/validate.ts';
import { isValidZone } from '../phones/resolve-timezone.ts';
import type { Ctx } from '../team/team.service.ts';
import { builtInCadences } from './built-in.ts';
import { type Cadence, type StepKind, schedule } from './cadence.ts';

export type CadenceSummary = {
  name: string;
  description: string;
  maxMessages: number;
  steps: number;
  /** Working days from the first step to the last. */
  workingDays: number;
  kinds: Partial<Record<StepKind, number>>;
};

export const cadenceQuerySchema = z
  .object({
    start: atParam('When the cadence would start (ISO 8601); now when left out'),
    zone: z
      .string()
      .optional()
      .describe("The prospect's IANA zone the steps are laid in; the territory's first when left out"),
  })
  .strict();

export type CadenceView = Cadence & {
  zone: string;
  start: string;
  schedule: { step: number; kind: StepKind; dueAt: string; local: string; note: string | null }[];
};

/** The cadences a team can put prospects on. */
export function listCadences(_ctx: Ctx): { items: CadenceSummary[] } {
  return {
    items: builtInCadences.map((c) => ({
      name: c.name,
      description: c.description,
      maxMessages: c.maxMessages,
      steps: c.steps.length,
      workingDays: c.steps.at(-1)!.day,
      kinds: c.steps.reduce<Partial<Record<StepKind, number>>>(
        (n, s) => Object.assign(n, { [s.kind]: (n[s.kind] ?? 0) + 1 }),
        {},
      ),
    })),
  };
}

/** One cadence, its steps laid over a prospect's calendar from `start` in `zone`. */
export function showCadence(ctx: Ctx, input: { name: string; query: unknown }): CadenceView {
  const q = parseInput(cadenceQuerySchema, input.query, 'query');
  const cadence = builtInCadences.find((c) => c.name === input.name);
  if (!cadence) throw notFound('Cadence', input.name);
  const zone = q.zone ?? ctx.team.territoryZones[0] ?? 'UTC';
  if (!isValidZone(zone))
    throw invalid('zone', `"${zone}" is not an IANA time zone, for example America/Chicago`);
  const start = resolveAt(q.start, 'start');
  return {
    ...cadence,
    zone,
    start: start.toISOString(),
    schedule: schedule(cadence, { start, zone }).map((s) => ({ ...s, dueAt: s.dueAt.toISOString() })),
  };
}
