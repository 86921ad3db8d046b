import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import {
  type Cadence,
  type CadenceSummary,
  type CadenceView,
  type cadenceQuerySchema,
  cadenceSchema,
  type StepKind,
} from '../../contracts/cadences.contract.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { isValidZone } from '../phones/index.ts';
import { builtInCadences } from './built-in.ts';
import { schedule } from './cadence.ts';
import {
  deleteCadence,
  insertCadence,
  ownCadenceDefinitions,
  ownCadenceId,
  replaceCadence,
} from './cadences.repository.ts';

/** The built-in cadences, then the team's own by name. */
export async function teamCadences(ctx: Ctx): Promise<Cadence[]> {
  const own = await ownCadenceDefinitions(ctx.db, { teamId: ctx.team.id });
  return [...builtInCadences, ...own.map((r) => cadenceSchema.parse(r.definition))];
}

/** A cadence by name, built in or the team's. */
export async function findCadence(ctx: Ctx, name: string): Promise<Cadence> {
  const cadence = (await teamCadences(ctx)).find((c) => c.name === name);
  if (!cadence) throw notFound('Cadence', name);
  return cadence;
}

/** The cadences a team can put prospects on. */
export async function listCadences(ctx: Ctx): Promise<{ items: CadenceSummary[] }> {
  const builtIn = new Set(builtInCadences.map((c) => c.name));
  return {
    items: (await teamCadences(ctx)).map((c) => ({
      name: c.name,
      description: c.description,
      maxMessages: c.maxMessages,
      steps: c.steps.length,
      workingDays: c.steps.at(-1)!.day,
      kinds: c.steps.reduce<Partial<Record<StepKind, number>>>(
        (n, s) => Object.assign(n, { [s.kind]: (n[s.kind] ?? 0) + 1 }),
        {},
      ),
      builtIn: builtIn.has(c.name),
    })),
  };
}

/**
 * Adds the team's own cadence, checked step by step; `replace` overwrites one of the same name
 * (prospects already on it keep the steps they started with). A built-in name is refused.
 */
export async function saveCadence(
  ctx: Ctx,
  input: { definition: Cadence; replace?: boolean | undefined },
): Promise<Cadence> {
  const cadence = input.definition;
  if (builtInCadences.some((c) => c.name === cadence.name))
    throw invalid('name', `${cadence.name} is built in: give your cadence another name`);
  const existing = await ownCadenceId(ctx.db, { teamId: ctx.team.id, name: cadence.name });
  if (existing && !input.replace)
    throw new AppError('conflict', `Cadence ${cadence.name} exists: replace it explicitly`);
  if (existing) await replaceCadence(ctx.db, { id: existing.id, definition: cadence, at: new Date() });
  else await insertCadence(ctx.db, { teamId: ctx.team.id, name: cadence.name, definition: cadence });
  return cadence;
}

/** Removes one of the team's own cadences; prospects on it keep their steps. */
export async function removeCadence(ctx: Ctx, name: string): Promise<{ removed: string }> {
  if (builtInCadences.some((c) => c.name === name)) throw invalid('name', `${name} is built in and stays`);
  const gone = await deleteCadence(ctx.db, { teamId: ctx.team.id, name });
  if (gone === 0) throw notFound('Cadence', name);
  return { removed: name };
}

/** One cadence, its steps laid over a prospect's calendar from `start` in `zone`. */
export async function showCadence(
  ctx: Ctx,
  input: { name: string; query: z.output<typeof cadenceQuerySchema> },
): Promise<CadenceView> {
  const q = input.query;
  const cadence = await findCadence(ctx, input.name);
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
