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
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid } from '../../shared/errors.ts';
import { audit } from '../accounts/index.ts';
import { normalizePhone } from '../phones/index.ts';
import { displayName, resolveProspect } from '../prospects/index.ts';
import { refreshPursuits } from '../pursuit/index.ts';
import { type Binding, bindingOf, bindPerson } from '../suppression/index.ts';
import {
  activeEntries,
  cancelOpenCalls,
  clearOptOut,
  eventsOfTeam,
  hasCallableNumber,
  insertEntries,
  insertEvents,
  liftEntries,
  listedEntries,
  ownersOfNumber,
} from './dnc.repository.ts';

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
    const active = await activeEntries(tx, { teamId: ctx.team.id, numbers: [...numbers] });
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
      await insertEntries(tx, fresh);
      await insertEvents(
        tx,
        fresh.map((e) => ({ ...e, at, action: 'added', by: input.by ?? null, email: null })),
      );
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
  const owners = await ownersOfNumber(tx, { teamId: input.teamId, e164: input.e164 });
  for (const prospectId of owners) {
    if (prospectId === null) continue;
    if (await hasCallableNumber(tx, { prospectId })) continue;
    await cancelOpenCalls(tx, {
      prospectId,
      at: input.at,
      reason: 'every number is on the Do-Not-Call list',
    });
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
    const active = await activeEntries(tx, {
      teamId: ctx.team.id,
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
    await liftEntries(tx, { ids: active.map((e) => e.id), at, reason: input.reason });
    await insertEvents(
      tx,
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
    if (ids.length > 0) await clearOptOut(tx, { prospectIds: ids, at });
    await refreshPursuits(tx, [...ids, ...(binding?.prospectIds ?? [])]);
    await audit(
      { ...ctx, db: tx },
      {
        action: 'dnc_removed',
        subject: String(input.number ?? input.prospect ?? '') || null,
        detail: {
          entries: active.length,
          reason: input.reason,
          by: input.by ?? null,
          consent: Boolean(input.consent),
        },
      },
    );
    return { removed: active.length, prospects: ids };
  });
}

/** The audit log: every entry added or lifted, newest first, with who and why. */
export async function listDncEvents(ctx: Ctx, limit = 1_000): Promise<DncEvent[]> {
  const rows = await eventsOfTeam(ctx.db, { teamId: ctx.team.id, limit });
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

export async function listDnc(
  ctx: Ctx,
  filter: { numbers?: string[]; prospectId?: number | undefined; limit?: number } = {},
): Promise<DncEntry[]> {
  const rows = await listedEntries(ctx.db, {
    teamId: ctx.team.id,
    numbers: filter.numbers,
    prospectId: filter.prospectId,
    limit: filter.limit ?? 10_000,
  });
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
