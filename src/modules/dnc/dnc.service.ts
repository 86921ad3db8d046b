import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../context/context.ts';
import type {
  DncAction,
  DncAddInput,
  DncEntry,
  DncEvent,
  DncRemoveInput,
  Lifted,
} from '../../contracts/dnc.contract.ts';
import type { Db } from '../../db/create-db.ts';
import { dncEntries, dncEvents, phoneNumbers, prospects, tasks } from '../../db/schema.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid } from '../../shared/errors.ts';
import { normalizePhone } from '../phones/index.ts';
import { displayName, resolveProspect } from '../prospects/index.ts';
import { refreshPursuits } from '../pursuit/index.ts';
import { type Binding, bindingOf, bindPerson } from '../suppression/index.ts';

function e164Of(ctx: Ctx, number: string): string {
  const result = normalizePhone(number, ctx.team.defaultCountry);
  if (!result.ok) throw invalid('number', `invalid phone "${number}": ${result.reason}`);
  return result.e164;
}

/**
 * Puts a number, or a person, on the Do-Not-Call list. A person's request binds every record
 * of theirs (person-binding.ts); a number closes every channel that dials it. Only `removeDnc`
 * with a named reason, a user and, for a person's request, their consent lifts either.
 */
export async function addDnc(ctx: Ctx, input: DncAddInput): Promise<DncEntry[]> {
  const at = resolveAt(input.at);
  const prospect = input.prospect !== undefined ? await resolveProspect(ctx, input.prospect) : undefined;
  const numbers = new Set<string>();
  if (input.number) numbers.add(e164Of(ctx, input.number));
  let bound: Binding | undefined;
  await ctx.db.transaction(async (tx) => {
    if (prospect) {
      bound = await bindPerson(tx, {
        teamId: ctx.team.id,
        prospectId: prospect.id,
        at,
        source: input.source,
        reason: input.reason,
        by: input.by ?? null,
      });
      for (const e164 of bound.numbers) numbers.delete(e164);
    }
    const active = await activeEntries(tx, ctx.team.id, { numbers: [...numbers] });
    const fresh = [...numbers]
      .filter((e164) => !active.some((e) => e.e164 === e164))
      .map((e164) => ({
        e164,
        prospectId: prospect?.id ?? null,
        teamId: ctx.team.id,
        reason: input.reason,
        source: input.source,
        addedAt: at,
      }));
    if (fresh.length > 0) {
      await tx.insert(dncEntries).values(fresh);
      await tx
        .insert(dncEvents)
        .values(fresh.map((e) => ({ ...e, at, action: 'added', by: input.by ?? null, email: null })));
    }
    for (const e164 of numbers) await closeNumber(tx, { teamId: ctx.team.id, e164, at });
  });
  const listed = [...numbers, ...(bound?.numbers ?? [])];
  return listDnc(ctx, { numbers: listed, prospectId: prospect?.id });
}

/**
 * A number on the list closes every channel that dials it: a prospect left with no number the
 * list allows has their cadence's call steps cancelled, with the reason.
 */
async function closeNumber(tx: Db, input: { teamId: number; e164: string; at: Date }): Promise<void> {
  const owners = await tx
    .selectDistinct({ prospectId: phoneNumbers.prospectId })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.teamId, input.teamId), eq(phoneNumbers.e164, input.e164)));
  for (const { prospectId } of owners) {
    if (prospectId === null) continue;
    const callable = await tx.execute(sql`
      select 1 from phone_numbers ph where ph.prospect_id = ${prospectId} and ph.valid
        and not exists (select 1 from dnc_entries d where d.team_id = ph.team_id and d.e164 = ph.e164 and d.removed_at is null)
      limit 1`);
    if ((callable as { rows: unknown[] }).rows.length > 0) continue;
    await tx
      .update(tasks)
      .set({
        status: 'cancelled',
        doneAt: input.at,
        payload: sql`${tasks.payload} || ${JSON.stringify({ cancelled: 'every number is on the Do-Not-Call list' })}::jsonb`,
      })
      .where(and(eq(tasks.prospectId, prospectId), eq(tasks.status, 'open'), inArray(tasks.kind, ['call'])));
  }
}

/**
 * Lifts entries, with a named reason and the user, in the audit log. A person's own request
 * (every record it binds) is lifted only with `consent`: the user confirms the person asked to
 * be called again.
 */
export async function removeDnc(ctx: Ctx, input: DncRemoveInput): Promise<Lifted> {
  const at = resolveAt(input.at);
  const prospect = input.prospect !== undefined ? await resolveProspect(ctx, input.prospect) : undefined;
  const numbers = input.number ? [e164Of(ctx, input.number)] : [];
  return ctx.db.transaction(async (tx) => {
    const binding = prospect ? await bindingOf(tx, { teamId: ctx.team.id, prospectId: prospect.id }) : null;
    const active = await activeEntries(tx, ctx.team.id, {
      numbers: [...numbers, ...(binding?.numbers ?? [])],
      prospectIds: binding?.prospectIds,
      emails: binding?.emails,
    });
    if (active.length === 0)
      throw new AppError('not_found', `Not on the Do-Not-Call list: ${input.number ?? input.prospect}`);
    if (active.some((e) => e.bindsPerson) && !input.consent)
      throw invalid(
        'consent',
        "this is the person's own request to stop: lift it only with their consent to be called again, and confirm it (consent: true, --i-have-consent)",
      );
    await tx
      .update(dncEntries)
      .set({ removedAt: at, removedReason: input.reason })
      .where(
        inArray(
          dncEntries.id,
          active.map((e) => e.id),
        ),
      );
    await tx.insert(dncEvents).values(
      active.map((e) => ({
        teamId: ctx.team.id,
        at,
        action: 'lifted',
        prospectId: e.prospectId,
        e164: e.e164,
        email: e.email,
        reason: input.reason,
        source: e.source,
        by: input.by,
        consent: e.bindsPerson && input.consent,
      })),
    );
    const freed = active.filter((e) => e.e164 === null && e.email === null && e.prospectId !== null);
    const ids = [...new Set(freed.map((e) => e.prospectId!))];
    if (ids.length > 0)
      await tx.update(prospects).set({ optedOut: false, updatedAt: at }).where(inArray(prospects.id, ids));
    await refreshPursuits(tx, [...ids, ...(binding?.prospectIds ?? [])]);
    return { removed: active.length, prospects: ids };
  });
}

/** The audit log: every entry added or lifted, newest first, with who and why. */
export async function listDncEvents(ctx: Ctx, limit = 1_000): Promise<DncEvent[]> {
  const rows = await ctx.db
    .select()
    .from(dncEvents)
    .where(eq(dncEvents.teamId, ctx.team.id))
    .orderBy(desc(dncEvents.at), desc(dncEvents.id))
    .limit(limit);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    action: r.action as DncAction,
    prospectId: r.prospectId,
    e164: r.e164,
    email: r.email,
    reason: r.reason,
    source: r.source,
    by: r.by,
    consent: r.consent,
  }));
}

async function activeEntries(
  db: Ctx['db'],
  teamId: number,
  keys: { numbers: string[]; prospectIds?: number[] | undefined; emails?: string[] | undefined },
) {
  const match = or(
    keys.numbers.length ? inArray(dncEntries.e164, keys.numbers) : undefined,
    keys.prospectIds?.length ? inArray(dncEntries.prospectId, keys.prospectIds) : undefined,
    keys.emails?.length ? inArray(dncEntries.email, keys.emails) : undefined,
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
    email: entry.email,
    bindsPerson: entry.bindsPerson,
    prospectId: entry.prospectId,
    prospectName: p?.firstName || p?.lastName || p?.email ? displayName(p as never) : null,
    reason: entry.reason,
    source: entry.source,
    addedAt: entry.addedAt.toISOString(),
  }));
}
