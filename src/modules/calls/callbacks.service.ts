import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import {
  ATTRIBUTION_DAYS,
  type AttachInput,
  type CallbackCard,
  type CallbackInput,
  type KnownCaller,
  type lookupQuerySchema,
  type RecordedCallback,
  type SettleInput,
} from '../../contracts/callbacks.contract.ts';
import type { CallbackResult, MessageKind, Outcome, Result, Stage } from '../../contracts/vocabulary.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid, invalidFields, notFound } from '../../shared/errors.ts';
import { inBook, ownBook } from '../accounts/index.ts';
import { endCadences } from '../cadences/index.ts';
import { listIntel } from '../intel/index.ts';
import { resultTimeIssues } from '../outcomes/index.ts';
import { normalizePhone } from '../phones/index.ts';
import { companyById, displayName, localTimeAt, resolveProspect } from '../prospects/index.ts';
import { applyCallbackResult } from './callback-result.repository.ts';
import {
  attachUnclaimedCallback,
  callbackOfTeam,
  insertCallback,
  lastAttemptOf,
  latestMessageBetween,
  lockProspect,
  messagesLeftFor,
  numbersMatching,
  prospectIdsAtCompanies,
  prospectsByIds,
  settleUnsettledCallback,
} from './callbacks.repository.ts';
import { suggestOpener } from './opener.ts';

/** The result and its time, checked as a call's are. */
function resultOf(input: { result?: CallbackResult | undefined; resultAt?: string | undefined }): {
  result: CallbackResult | null;
  resultAt: Date | null;
} {
  const resultAt = input.resultAt ? resolveAt(input.resultAt, 'resultAt') : undefined;
  const issues = resultTimeIssues(input.result, resultAt);
  if (issues.length > 0) throw invalidFields(issues);
  return { result: input.result ?? null, resultAt: resultAt ?? null };
}

function e164Of(ctx: Ctx, number: string, field: string): string {
  const parsed = normalizePhone(number, ctx.team.defaultCountry);
  if (!parsed.ok) throw invalid(field, `invalid phone "${number}": ${parsed.reason}`);
  return parsed.e164;
}

/** Who is calling from this number, what they were told, and what to say: everything at once. */
export async function lookup(ctx: Ctx, input: z.output<typeof lookupQuerySchema>): Promise<CallbackCard> {
  const at = resolveAt(input.at);
  const number = e164Of(ctx, input.number, 'number');
  const all = await prospectsOn(ctx, number);
  const candidates = await visibleOf(ctx, all);
  if (candidates.length === 0) return all.length > 0 ? elsewhereCaller(number) : unknownCaller(number);
  return card(ctx, { prospectId: candidates[0]!, others: candidates.slice(1), number, at });
}

/** Finds prospects by any of their numbers; a company's main line finds its people, personal lines first. */
async function prospectsOn(ctx: Ctx, e164: string): Promise<number[]> {
  const own = await numbersMatching(ctx.db, { teamId: ctx.team.id, e164 });
  const personal = own.filter((p) => p.id !== null && p.kind !== 'main').map((p) => p.id!);
  const shared = own.filter((p) => p.id !== null && p.kind === 'main').map((p) => p.id!);
  const companyIds = own.flatMap((p) => (p.companyId ? [p.companyId] : []));
  const colleagues = await prospectIdsAtCompanies(ctx.db, companyIds);
  return [...new Set([...personal, ...shared, ...colleagues])];
}

/** Of the prospects matched, those the asker may see: a rep's own book and the pool. */
async function visibleOf(ctx: Ctx, ids: number[]): Promise<number[]> {
  if (ownBook(ctx) === null || ids.length === 0) return ids;
  const theirs = new Set(
    (await prospectsByIds(ctx.db, ids)).filter((p) => inBook(ctx, p.ownerId)).map((p) => p.id),
  );
  return ids.filter((id) => theirs.has(id));
}

/** A caller another rep's book knows: named to that rep and a manager, not to this one. */
function elsewhereCaller(number: string): CallbackCard {
  return {
    known: false,
    number,
    text: `${number} is a number in another rep's book: take the call; recorded, it is credited to their message and their rep sees it.`,
  };
}

function unknownCaller(number: string): CallbackCard {
  return {
    known: false,
    number,
    text: `Unknown caller ${number}: not a number in the book. Take the call, then attach it with reach callback --from ${number} --prospect P.`,
  };
}

async function card(
  ctx: Ctx,
  input: { prospectId: number; others: number[]; number: string; at: Date },
): Promise<KnownCaller> {
  const prospect = await resolveProspect(ctx, input.prospectId);
  const company = prospect.companyId ? await companyById(ctx.db, { id: prospect.companyId }) : null;
  const [messages, last, others, intel] = await Promise.all([
    messagesLeftFor(ctx.db, { prospectId: prospect.id, until: input.at, limit: 10 }),
    lastAttemptOf(ctx.db, { prospectId: prospect.id, until: input.at }),
    prospectsByIds(ctx.db, input.others.slice(0, 20)),
    listIntel(ctx, prospect.id),
  ]);
  const localTime = localTimeAt(input.at, prospect);
  const latest = messages[0]?.vm;
  return {
    known: true,
    number: input.number,
    prospect: {
      id: prospect.id,
      name: displayName(prospect),
      title: prospect.title,
      company: company?.name ?? null,
      stage: prospect.stage as Stage,
    },
    others: others.map((o) => ({ id: o.id, name: displayName(o), title: o.title })),
    localTime,
    messages: messages.map(({ vm, cb }) => ({
      id: vm.id,
      at: vm.at.toISOString(),
      kind: vm.kind as MessageKind,
      text: vm.text,
      callbackId: cb,
    })),
    intel: intel.map((f) => f.text),
    lastOutcome: last
      ? {
          at: last.at.toISOString(),
          outcome: last.outcome as Outcome,
          result: last.result as Result | null,
          note: last.note,
        }
      : null,
    opener: suggestOpener({
      firstName: prospect.firstName,
      research: prospect.research,
      message: latest
        ? {
            kind: latest.kind,
            text: latest.text,
            daysAgo: daysBetween(latest.at, input.at, localTime.zone),
            weekday: weekdayOf(latest.at, localTime.zone),
          }
        : null,
    }),
  };
}

const daysBetween = (from: Date, to: Date, zone: string | null): number => {
  const z = zone ?? 'UTC';
  return Math.round(
    DateTime.fromJSDate(to, { zone: z })
      .startOf('day')
      .diff(DateTime.fromJSDate(from, { zone: z }).startOf('day'), 'days').days,
  );
};
const weekdayOf = (at: Date, zone: string | null): string =>
  DateTime.fromJSDate(at, { zone: zone ?? 'UTC' }).toFormat('cccc');

/**
 * Records an inbound call and credits it to the most recent message left to that prospect in
 * the 14 days before, unless that message already earned a callback. A result does what it
 * does on a reached call; a caller not in the book needs `prospect` for one.
 */
export async function recordCallback(ctx: Ctx, input: CallbackInput): Promise<RecordedCallback> {
  const at = resolveAt(input.at);
  const { result, resultAt } = resultOf(input);
  const number = e164Of(ctx, input.from, 'from');
  // The callback belongs to whoever called, in any rep's book: their message is credited and
  // their cadence paused. What the asker is shown stays within their own book.
  const onNumber = await prospectsOn(ctx, number);
  const visible = await visibleOf(ctx, onNumber);
  const prospectId =
    input.prospect !== undefined
      ? (await resolveProspect(ctx, input.prospect)).id
      : (visible[0] ?? onNumber[0]);
  const hidden = prospectId !== undefined && !visible.includes(prospectId) && input.prospect === undefined;
  // Someone asking to stop is heard whoever takes the call; anything else it came to is their rep's to set.
  if (result && hidden && result !== 'do-not-call')
    throw invalid(
      'result',
      `${number} is a number in another rep's book: record the callback without a result; their rep or a manager sets what it came to`,
    );
  if (result && prospectId === undefined)
    throw invalid(
      'result',
      `${number} is not a number in the book: say who called with prospect, or record the callback and attach it with its result`,
    );
  const outcome = { result, resultAt: resultAt?.toISOString() ?? null };
  const { callbackId, attributedTo } = await ctx.db.transaction(async (tx) => {
    const credited = prospectId === undefined ? null : await creditable(tx, { prospectId, at });
    const callbackId = await insertCallback(tx, {
      teamId: ctx.team.id,
      prospectId: prospectId ?? null,
      fromE164: number,
      at,
      voicemailId: credited,
      note: input.note ?? null,
      result,
      resultAt,
    });
    if (prospectId !== undefined) {
      await endCadences(tx, {
        prospectId,
        at,
        status: 'paused',
        reason: `called back on ${at.toISOString().slice(0, 10)}`,
      });
      if (result)
        await applyCallbackResult(tx, {
          teamId: ctx.team.id,
          prospectId,
          callbackId,
          result,
          resultAt,
          at,
        });
    }
    return { callbackId, attributedTo: credited };
  });
  if (prospectId === undefined) return { callbackId, attributedTo, ...outcome, card: unknownCaller(number) };
  if (hidden) return { callbackId, attributedTo: null, ...outcome, card: elsewhereCaller(number) };
  const others = visible.filter((id) => id !== prospectId);
  return { callbackId, attributedTo, ...outcome, card: await card(ctx, { prospectId, others, number, at }) };
}

async function creditable(tx: Ctx['db'], input: { prospectId: number; at: Date }): Promise<number | null> {
  // Callbacks for one prospect take turns: of two at once, one earns the message and the other
  // sees it earned (rather than both claiming it and one failing on the unique index).
  await lockProspect(tx, { prospectId: input.prospectId });
  const since = new Date(input.at.getTime() - ATTRIBUTION_DAYS * 86_400_000);
  const latest = await latestMessageBetween(tx, { prospectId: input.prospectId, since, until: input.at });
  return latest && latest.credited === null ? latest.id : null;
}

/**
 * What a callback recorded as the call came in came to: the result (with its time), applied as
 * on a reached call, once; a callback with a result already, or from a caller not yet attached,
 * is refused.
 */
export async function settleCallback(
  ctx: Ctx,
  input: { callbackId: number; body: SettleInput },
): Promise<RecordedCallback> {
  const { callbackId, body } = input;
  const given = resultOf(body);
  const row = await callbackOfTeam(ctx.db, { teamId: ctx.team.id, id: callbackId });
  // A callback from another rep's prospect is not a rep's to settle (nor to know of).
  if (!row || (row.prospectId !== null && (await visibleOf(ctx, [row.prospectId])).length === 0))
    throw notFound('Callback', callbackId);
  const prospectId = row.prospectId;
  if (prospectId === null)
    throw new AppError(
      'conflict',
      `Callback ${row.id} is from a caller not in the book: attach it to a prospect with its result`,
    );
  await ctx.db.transaction(async (tx) => {
    const settled = await settleUnsettledCallback(tx, {
      id: row.id,
      result: given.result!,
      resultAt: given.resultAt,
      note: body.note ?? null,
    });
    if (!settled)
      throw new AppError(
        'conflict',
        `Callback ${row.id} has its result already (${row.result ?? 'set meanwhile'})`,
      );
    await applyCallbackResult(tx, {
      teamId: ctx.team.id,
      prospectId,
      callbackId: row.id,
      result: given.result!,
      resultAt: given.resultAt,
      at: row.at,
    });
  });
  return {
    callbackId: row.id,
    attributedTo: row.voicemailId,
    result: given.result,
    resultAt: given.resultAt?.toISOString() ?? null,
    card: await card(ctx, { prospectId, others: [], number: row.fromE164, at: row.at }),
  };
}

/**
 * Attaches a callback from an unknown number to a prospect afterwards, crediting the message
 * that earned it. What it came to (given now, or stored with it) then does what it does on a
 * reached call.
 */
export async function attachCallback(
  ctx: Ctx,
  input: { callbackId: number; body: AttachInput },
): Promise<RecordedCallback> {
  const { callbackId, body } = input;
  const given = resultOf(body);
  const prospect = await resolveProspect(ctx, body.prospect);
  const row = await callbackOfTeam(ctx.db, { teamId: ctx.team.id, id: callbackId });
  if (!row) throw notFound('Callback', callbackId);
  if (row.prospectId !== null)
    throw new AppError('conflict', `Callback ${row.id} already belongs to prospect ${row.prospectId}`);
  const { result, resultAt } = given.result
    ? given
    : { result: row.result as CallbackResult | null, resultAt: row.resultAt };
  const credited = await ctx.db.transaction(async (tx) => {
    const voicemailId = await creditable(tx, { prospectId: prospect.id, at: row.at });
    const attached = await attachUnclaimedCallback(tx, {
      id: row.id,
      prospectId: prospect.id,
      voicemailId,
      result,
      resultAt,
    });
    // Attached by someone else meanwhile: theirs stands, and the result is applied once.
    if (!attached) throw new AppError('conflict', `Callback ${row.id} was attached meanwhile`);
    if (result)
      await applyCallbackResult(tx, {
        teamId: ctx.team.id,
        prospectId: prospect.id,
        callbackId: row.id,
        result,
        resultAt,
        at: row.at,
      });
    return voicemailId;
  });
  return {
    callbackId: row.id,
    attributedTo: credited,
    result,
    resultAt: resultAt?.toISOString() ?? null,
    card: await card(ctx, { prospectId: prospect.id, others: [], number: row.fromE164, at: row.at }),
  };
}
