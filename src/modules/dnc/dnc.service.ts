import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { dncEntries, phoneNumbers, prospects } from '../../db/schema.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid } from '../../shared/errors.ts';
import { parseInput } from '../../shared/validate.ts';
import { endCadences } from '../cadences/enrollments.service.ts';
import { normalizePhone } from '../phones/normalize-phone.ts';
import { displayName, resolveProspect } from '../prospects/prospects.service.ts';
import type { Ctx } from '../team/team.service.ts';
import { dncAddSchema, dncRemoveSchema } from './dnc.schemas.ts';

export type DncEntry = {
  id: number;
  e164: string | null;
  prospectId: number | null;
  prospectName: string | null;
  reason: string;
  source: string;
  addedAt: string;
};

function e164Of(ctx: Ctx, number: string): string {
  const result = normalizePhone(number, ctx.team.defaultCountry);
  if (!result.ok) throw invalid('number', `invalid phone "${number}": ${result.reason}`);
  return result.e164;
}

/**
 * Puts a number, or a prospect with all their numbers, on the Do-Not-Call list. A prospect
 * entry also marks the prospect as opted out, which only `removeDnc` with a reason undoes.
 */
export async function addDnc(ctx: Ctx, body: unknown): Promise<DncEntry[]> {
  const input = parseInput(dncAddSchema, body);
  const at = resolveAt(input.at);
  const prospect = input.prospect !== undefined ? await resolveProspect(ctx, input.prospect) : undefined;
  const numbers = new Set<string>();
  if (input.number) numbers.add(e164Of(ctx, input.number));
  await ctx.db.transaction(async (tx) => {
    if (prospect) {
      const own = await tx
        .select({ e164: phoneNumbers.e164 })
        .from(phoneNumbers)
        .where(eq(phoneNumbers.prospectId, prospect.id));
      for (const p of own) numbers.add(p.e164);
      await tx.update(prospects).set({ optedOut: true, updatedAt: at }).where(eq(prospects.id, prospect.id));
      await endCadences(tx, {
        prospectId: prospect.id,
        at,
        status: 'stopped',
        reason: 'put on the Do-Not-Call list',
      });
    }
    const active = await activeEntries(tx, ctx.team.id, { numbers: [...numbers], prospectId: prospect?.id });
    const have = new Set(active.map((e) => e.e164 ?? `p${e.prospectId}`));
    const fresh = [
      ...(prospect ? [{ e164: null, prospectId: prospect.id }] : []),
      ...[...numbers].map((e164) => ({ e164, prospectId: prospect?.id ?? null })),
    ]
      .filter((e) => !have.has(e.e164 ?? `p${e.prospectId}`))
      .map((e) => ({ ...e, teamId: ctx.team.id, reason: input.reason, source: input.source, addedAt: at }));
    if (fresh.length > 0) await tx.insert(dncEntries).values(fresh);
  });
  return listDnc(ctx, { numbers: [...numbers], prospectId: prospect?.id });
}

/** Lifts entries; always with a reason, which is kept. */
export async function removeDnc(ctx: Ctx, body: unknown): Promise<{ removed: number }> {
  const input = parseInput(dncRemoveSchema, body);
  const at = resolveAt(input.at);
  const prospect = input.prospect !== undefined ? await resolveProspect(ctx, input.prospect) : undefined;
  const numbers = input.number ? [e164Of(ctx, input.number)] : [];
  return ctx.db.transaction(async (tx) => {
    const active = await activeEntries(tx, ctx.team.id, { numbers, prospectId: prospect?.id });
    if (active.length === 0)
      throw new AppError('not_found', `Not on the Do-Not-Call list: ${input.number ?? input.prospect}`);
    await tx
      .update(dncEntries)
      .set({ removedAt: at, removedReason: input.reason })
      .where(
        inArray(
          dncEntries.id,
          active.map((e) => e.id),
        ),
      );
    if (prospect)
      await tx.update(prospects).set({ optedOut: false, updatedAt: at }).where(eq(prospects.id, prospect.id));
    return { removed: active.length };
  });
}

async function activeEntries(
  db: Ctx['db'],
  teamId: number,
  keys: { numbers: string[]; prospectId?: number | undefined },
) {
  const match = or(
    keys.numbers.length ? inArray(dncEntries.e164, keys.numbers) : undefined,
    keys.prospectId !== undefined ? eq(dncEntries.prospectId, keys.prospectId) : undefined,
  );
  if (!match) return [];
  return db
    .select()
    .from(dncEntries)
    .where(and(eq(dncEntries.teamId, teamId), isNull(dncEntries.removedAt), match));
}

export async function listDnc(
  ctx: Ctx,
  filter: { numbers?: string[]; prospectId?: number | undefined; limit?: number } = {},
): Promise<DncEntry[]> {
  const narrow =
    filter.numbers !== undefined || filter.prospectId !== undefined
      ? or(
          filter.numbers?.length ? inArray(dncEntries.e164, filter.numbers) : undefined,
          filter.prospectId !== undefined ? eq(dncEntries.prospectId, filter.prospectId) : undefined,
        )
      : undefined;
  const rows = await ctx.db
    .select({
      entry: dncEntries,
      p: { firstName: prospects.firstName, lastName: prospects.lastName, email: prospects.email },
    })
    .from(dncEntries)
    .leftJoin(prospects, eq(prospects.id, dncEntries.prospectId))
    .where(and(eq(dncEntries.teamId, ctx.team.id), isNull(dncEntries.removedAt), narrow))
    .orderBy(desc(dncEntries.addedAt), desc(dncEntries.id))
    .limit(filter.limit ?? 10_000);
  return rows.map(({ entry, p }) => ({
    id: entry.id,
    e164: entry.e164,
    prospectId: entry.prospectId,
    prospectName: p?.firstName || p?.lastName || p?.email ? displayName(p as never) : null,
    reason: entry.reason,
    source: entry.source,
    addedAt: entry.addedAt.toISOString(),
  }));
}
