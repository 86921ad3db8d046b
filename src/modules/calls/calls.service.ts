import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Ctx } from '../../context/context.ts';
import type { LogCallInput, LoggedCall } from '../../contracts/calls.contract.ts';
import { queueQuerySchema } from '../../contracts/queue.contract.ts';
import type { Outcome, Result } from '../../contracts/vocabulary.ts';
import type { Db } from '../../db/create-db.ts';
import { clockOf, resolveAt } from '../../shared/clock.ts';
import { AppError, invalid, invalidFields, pgErrorCode } from '../../shared/errors.ts';
import { accountIdOf } from '../accounts/index.ts';
import { callStepDone, endCadences } from '../cadences/index.ts';
import { factsOfAttempt, prepareFacts, storeFacts } from '../intel/index.ts';
import {
  checkLog,
  findRightPerson,
  moveStage,
  nextStage,
  promiseFollowUp,
  repSecondsOf,
} from '../outcomes/index.ts';
import {
  displayName,
  type ProspectRow,
  prepareDraft,
  resolveProspect,
  type Stage,
  upsertProspects,
  validateProspect,
} from '../prospects/index.ts';
import { refreshPursuits } from '../pursuit/index.ts';
import { buildQueue, numberAt, recordDial, yardsticks } from '../queue/index.ts';
import { blockedNumbers, optOut } from '../suppression/index.ts';
import { spokenSeconds } from '../voicemail/index.ts';
import { choosePhone, countBad } from './call-numbers.repository.ts';
import {
  attemptByIdempotencyKey,
  attemptWithNumber,
  countNumbersInUse,
  insertAttempt,
  insertVoicemail,
  latestStageMoveOf,
  linkReferral,
  voicemailOfAttempt,
} from './calls.repository.ts';

export type { LoggedCall };

/**
 * Records one dial, all or nothing: the attempt with the prospect's local time at that
 * instant, the message left, the facts heard, the stage it moves, a do-not-call request, a bad
 * number. Everything is checked before anything is written. Retrying with the same idempotency
 * key returns the first record.
 */
/**
 * Logs a dial. `by` is the user who made it: the request's account unless given (a call through
 * the provider logs itself as the rep who placed it).
 */
export async function logCall(
  ctx: Ctx,
  input: { body: LogCallInput; now?: Date; by?: number | null },
): Promise<LoggedCall> {
  const { body } = input;
  const now = input.now ?? new Date();
  const at = resolveAt(body.at ?? now.toISOString(), 'at');
  const resultAt = body.resultAt ? resolveAt(body.resultAt, 'resultAt') : undefined;
  const issues = checkLog({
    outcome: body.outcome,
    at,
    now,
    result: body.result,
    resultAt,
    messageKind: body.message?.kind,
    messageText: body.message?.text,
    hasReferral: body.referral !== undefined,
  });
  const heard = prepareFacts(ctx, { facts: body.intel ?? [], at, prefix: (i) => `intel.${i}.` });
  issues.push(...heard.issues);
  if (issues.length > 0) {
    throw invalidFields(issues);
  }
  const prospect = await resolveProspect(ctx, body.prospect);
  // Left unsaid, the number is the one the queue proposes for them now, when there is a choice.
  const proposed =
    body.number === undefined && body.kind === undefined
      ? (await numbersInUse(ctx, prospect.id)) > 1
        ? await proposedNumber(ctx, { prospectId: prospect.id, at })
        : null
      : undefined;
  try {
    const by = input.by !== undefined ? input.by : accountIdOf(ctx);
    return await record(ctx, { body, prospect, at, resultAt, facts: heard.facts, proposed, by });
  } catch (error) {
    // Two retries racing with one key: the unique index lets one in; the other answers with its record.
    if (body.idempotencyKey && pgErrorCode(error) === '23505') {
      const earlier = await attemptByIdempotencyKey(ctx.db, {
        teamId: ctx.team.id,
        key: body.idempotencyKey,
      });
      if (earlier) return replay(ctx.db, { earlier, body });
    }
    throw error;
  }
}

/**
 * What a request asked for, as a digest: its fields in a fixed order, the key itself left out.
 * A retry carries the same; a different request under a used key does not.
 */
function fingerprintOf(body: LogCallInput): string {
  const { idempotencyKey: _key, ...request } = body;
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(request)))
    .digest('hex');
}

/**
 * The first record for a key used again: a retry of the same request gets it back; another
 * request under the same key is refused, naming the key (a record from before digests were
 * kept is given back as before).
 */
async function replay(
  db: Db,
  input: { earlier: { id: number; fingerprint: string | null }; body: LogCallInput },
): Promise<LoggedCall> {
  const { earlier, body } = input;
  if (earlier.fingerprint !== null && earlier.fingerprint !== fingerprintOf(body))
    throw new AppError(
      'idempotency_mismatch',
      `Idempotency-Key "${body.idempotencyKey}" was first used to log another call (attempt ${earlier.id}): use a new key for a new call`,
      {
        issues: [
          {
            field: 'idempotencyKey',
            reason: `"${body.idempotencyKey}" was first used with another request (attempt ${earlier.id}); a retry must send the same request`,
          },
        ],
      },
    );
  return { ...(await readLogged(db, earlier.id)), replayed: true };
}

type Recording = {
  body: LogCallInput;
  prospect: ProspectRow;
  at: Date;
  resultAt: Date | undefined;
  facts: ReturnType<typeof prepareFacts>['facts'];
  /** With no number or kind given: the number the queue proposes now, if any. */
  proposed: string | null | undefined;
  /** Who made the call. */
  by: number | null;
};

function record(ctx: Ctx, input: Recording): Promise<LoggedCall> {
  const { body, prospect, at, resultAt } = input;
  return ctx.db.transaction(async (tx) => {
    if (body.idempotencyKey) {
      const earlier = await attemptByIdempotencyKey(tx, { teamId: ctx.team.id, key: body.idempotencyKey });
      if (earlier) return replay(tx, { earlier, body });
    }
    const flags: string[] = [];
    const phone = await choosePhone(tx, {
      ctx,
      prospect,
      number: body.number,
      kind: body.kind,
      ...(input.proposed !== undefined ? { unsaid: { proposed: input.proposed } } : {}),
    });
    if (phone && (await blockedNumbers(tx, { teamId: ctx.team.id, numbers: [phone.e164] })).size > 0)
      flags.push('dnc-number');
    if (prospect.optedOut) flags.push('opted-out');
    const local = localClock(at, prospect);
    const attemptId = await insertAttempt(tx, {
      teamId: ctx.team.id,
      prospectId: prospect.id,
      phoneId: phone?.id ?? null,
      userId: input.by,
      at,
      timezone: local?.timezone ?? null,
      localMinuteOfDay: local?.minute ?? null,
      localWeekday: local?.weekday ?? null,
      outcome: body.outcome,
      result: body.result ?? null,
      resultAt: resultAt ?? null,
      durationSeconds: body.durationSeconds ?? null,
      repSeconds: repSecondsOf(body.outcome, body.durationSeconds),
      note: body.note ?? null,
      idempotencyKey: body.idempotencyKey ?? null,
      idempotencyFingerprint: body.idempotencyKey ? fingerprintOf(body) : null,
      flags: [...flags],
      referredProspectId: body.referral
        ? await referred(tx, { ctx, prospect, referral: body.referral })
        : null,
    });
    await storeFacts(tx, { teamId: ctx.team.id, prospect, facts: input.facts, attemptId, at });
    await recordDial(tx, {
      teamId: ctx.team.id,
      prospectId: prospect.id,
      companyId: prospect.companyId,
      seniority: prospect.seniority ?? 0,
      phone: phone ? { id: phone.id, kind: phone.kind } : null,
      outcome: body.outcome,
      at,
      local: local ? { weekday: local.weekday, minute: local.minute } : null,
      messageLeft: body.message !== undefined,
      repSeconds: repSecondsOf(body.outcome, body.durationSeconds),
      meeting: body.result === 'meeting',
    });
    await callStepDone(tx, { prospectId: prospect.id, at, attemptId });
    // A conversation pauses the series: what comes next is the rep's call, not the cadence's.
    if (body.outcome === 'reached')
      await endCadences(tx, {
        prospectId: prospect.id,
        at,
        status: 'paused',
        reason: `reached on ${at.toISOString().slice(0, 10)}${body.result ? `: ${body.result}` : ''}`,
      });
    if (body.message) {
      await insertVoicemail(tx, {
        teamId: ctx.team.id,
        prospectId: prospect.id,
        attemptId,
        at,
        kind: body.message.kind,
        template: body.message.template ?? body.message.scriptId ?? null,
        strategy: body.message.strategy ?? null,
        text: body.message.text ?? null,
        seconds: body.message.text ? spokenSeconds(body.message.text) : null,
      });
    }
    const move = nextStage(prospect.stage as Stage, body);
    if (move) await moveStage(tx, { prospectId: prospect.id, from: prospect.stage, move, at, attemptId });
    if (
      body.outcome === 'bad-number' &&
      phone &&
      (await countBad(tx, { phone, carrierFailure: body.carrierFailure ?? false }))
    ) {
      flags.push('number-invalidated');
    }
    if (body.result === 'do-not-call') {
      await optOut(tx, { teamId: ctx.team.id, prospectId: prospect.id, at, source: 'call' });
      flags.push('opted-out-now');
    }
    // Nothing is scheduled for someone who asked to stop, until `reach dnc remove` lifts it.
    if (!prospect.optedOut && body.result !== 'do-not-call')
      await promiseFollowUp(tx, {
        teamId: ctx.team.id,
        prospectId: prospect.id,
        result: body.result,
        resultAt,
        payload: { attemptId, promisedBy: body.outcome },
      });
    // The wrong person: the pursuit waits on finding the right one, a task for now.
    if (body.outcome === 'wrong-person')
      await findRightPerson(tx, { teamId: ctx.team.id, prospect, attemptId, at });
    await refreshPursuits(tx, [prospect.id]);
    return { ...(await readLogged(tx, attemptId)), flags, replayed: false };
  });
}

/** The person a prospect referred the rep to: linked when known, else added at the same company. */
async function referred(
  tx: Db,
  input: { ctx: Ctx; prospect: ProspectRow; referral: NonNullable<LogCallInput['referral']> },
): Promise<number> {
  const { ctx, prospect, referral } = input;
  if (referral.prospect !== undefined) {
    const other = await resolveProspect({ ...ctx, db: tx }, referral.prospect);
    if (other.id === prospect.id)
      throw invalid('referral.prospect', 'a prospect cannot refer the rep to themselves');
    return other.id;
  }
  const result = validateProspect(
    { ...referral, phones: referral.phone ? [{ number: referral.phone, kind: 'direct' }] : [] },
    { defaultCountry: ctx.team.defaultCountry, requireIdentity: true },
  );
  if (!result.ok) {
    const issues = result.issues.map((i) => ({ field: `referral.${i.field}`, reason: i.reason }));
    throw invalidFields(issues);
  }
  const prepared = await prepareDraft(result.draft);
  const [outcome] = await upsertProspects(tx, ctx.team.id, [prepared]);
  const id = outcome!.id;
  await linkReferral(tx, {
    prospectId: id,
    companyId: prospect.companyId,
    referredBy: displayName(prospect),
  });
  return id;
}

/** The prospect's clock at dial time, in the zone in force then; none when the zone is unknown or ambiguous. */
export function localClock(
  at: Date,
  prospect: ProspectRow,
): { timezone: string; minute: number; weekday: number } | null {
  if (!prospect.timezone) return null;
  const local = DateTime.fromJSDate(at, { zone: prospect.timezone });
  return { timezone: prospect.timezone, minute: local.hour * 60 + local.minute, weekday: local.weekday };
}

/** A logged call as it stands now: the attempt, its message, its latest stage move and the facts heard on it. */
export async function readLogged(
  tx: Db,
  attemptId: number,
): Promise<Omit<LoggedCall, 'flags' | 'replayed'> & { flags: string[] }> {
  const row = await attemptWithNumber(tx, { attemptId });
  if (!row) throw new AppError('internal', `call ${attemptId} vanished`);
  // One after another: these may run on the connection of an open transaction.
  const vm = await voicemailOfAttempt(tx, { attemptId });
  const st = await latestStageMoveOf(tx, { attemptId });
  const intel = await factsOfAttempt(tx, attemptId);
  const { a, ph } = row;
  const local =
    a.timezone !== null && a.localMinuteOfDay !== null && a.localWeekday !== null
      ? {
          timezone: a.timezone,
          time: clockOf(a.localMinuteOfDay),
          weekday: a.localWeekday,
        }
      : null;
  return {
    attempt: {
      id: a.id,
      prospectId: a.prospectId,
      at: a.at.toISOString(),
      outcome: a.outcome as Outcome,
      result: a.result as Result | null,
      resultAt: a.resultAt?.toISOString() ?? null,
      durationSeconds: a.durationSeconds,
      note: a.note,
      number: ph ? { e164: ph.e164, kind: ph.kind } : null,
      local,
      referredProspectId: a.referredProspectId,
    },
    voicemailId: vm?.id ?? null,
    stage: st
      ? { from: (st.fromStage ?? '') as Stage | '', to: st.toStage as Stage, reason: st.reason }
      : null,
    intel,
    flags: a.flags,
  };
}

/**
 * The number the queue shows for the prospect at `at` (its draws included), or, when they are
 * callable but further down than the queue looks, the number it would dial for them.
 */
async function proposedNumber(ctx: Ctx, input: { prospectId: number; at: Date }): Promise<string | null> {
  const queue = await buildQueue(ctx, queueQuerySchema.parse({ at: input.at.toISOString(), limit: 200 }));
  const entry = queue.entries.find((e) => e.prospect.id === input.prospectId);
  return entry?.number.e164 ?? numberAt(ctx, { ...input, book: await yardsticks(ctx) });
}

/** How many of the prospect's numbers are in use. */
async function numbersInUse(ctx: Ctx, prospectId: number): Promise<number> {
  return countNumbersInUse(ctx.db, { prospectId });
}

/** The SQLSTATE of a database error, whether the driver's own or wrapped by drizzle. */
