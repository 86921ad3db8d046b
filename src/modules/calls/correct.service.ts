import type { Ctx } from '../../context/context.ts';
import type { CallCorrection, CorrectCallInput, CorrectedCall } from '../../contracts/calls.contract.ts';
import type { Stage } from '../../contracts/vocabulary.ts';
import type { Db } from '../../db/create-db.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid, invalidFields, notFound } from '../../shared/errors.ts';
import { parseId } from '../../shared/ids.ts';
import { inBook } from '../accounts/index.ts';
import {
  checkLog,
  dropFindPerson,
  FUTURE_TOLERANCE_MS,
  findRightPerson,
  type MessageKind,
  type Outcome,
  type Result,
  repSecondsOf,
} from '../outcomes/index.ts';
import { normalizePhone } from '../phones/index.ts';
import type { PhoneRow } from '../prospects/index.ts';
import { refreshPursuits } from '../pursuit/index.ts';
import { type DialFact, recordDial, rereadDialTimes } from '../queue/index.ts';
import { optOut } from '../suppression/index.ts';
import { choosePhone } from './call-numbers.repository.ts';
import {
  type CorrectionRow,
  insertCorrection,
  lockAttemptOfTeam,
  messageOfAttempt,
  rewriteAttempt,
  stageOf,
} from './calls.repository.ts';
import { readLogged } from './calls.service.ts';
import {
  type Applying,
  cadenceFor,
  flagsFor,
  followUpFor,
  gatekeeperMetBefore,
  recount,
  restageFor,
  rewriteMessage,
  type Stored,
} from './correction-effects.repository.ts';
import { type CallFields, changedFields, mergeCorrection } from './correction-rules.ts';

export type { CallCorrection, CorrectedCall };

/**
 * Corrects a logged call after the undo window, all or nothing, and keeps who changed what and
 * why. The corrected call is checked as a new log would be; then everything the call wrote or
 * taught follows it: the reachability summaries and effort, the number's bad results, the
 * message left, the stage, the promised meeting or callback, a paused cadence, a do-not-call
 * request. A do-not-call request is never taken back here: `reach dnc remove` lifts it.
 */
export async function correctCall(
  ctx: Ctx,
  input: { id: string | number; body: CorrectCallInput; now?: Date },
): Promise<CorrectedCall> {
  const id = parseId(input.id);
  const { body } = input;
  const at = resolveAt(body.at ?? (input.now ?? new Date()).toISOString(), 'at');
  const resultAt = body.resultAt ? resolveAt(body.resultAt, 'resultAt').toISOString() : body.resultAt;
  const number = body.number === undefined ? undefined : e164Of(ctx, body.number);
  return ctx.db.transaction(async (tx) => {
    const stored = await load(tx, { ctx, id });
    const before = fieldsOf(stored);
    const after = mergeCorrection(before, { ...body, resultAt, number });
    check({ id, stored, before, after, at, now: input.now ?? new Date() });
    const flags = await apply(tx, { ctx, stored, before, after, at });
    const row = await insertCorrection(tx, {
      teamId: ctx.team.id,
      attemptId: id,
      at,
      by: body.by ?? (ctx.team.repName || 'desk'),
      reason: body.reason,
      before,
      after,
    });
    await refreshPursuits(tx, [stored.prospect.id]);
    const call = await readLogged(tx, id);
    const now = await stageOf(tx, { prospectId: stored.prospect.id });
    const from = stored.prospect.stage;
    return {
      correction: toCorrection(row),
      stage: now && now.stage !== from ? { from: from as Stage, to: now.stage as Stage } : null,
      call: { ...call, flags: [...call.flags, ...flags], replayed: false },
    };
  });
}

function e164Of(ctx: Ctx, number: string): string {
  const parsed = normalizePhone(number, ctx.team.defaultCountry);
  if (!parsed.ok) throw invalid('number', `invalid phone "${number}": ${parsed.reason}`);
  return parsed.e164;
}

async function load(tx: Db, input: { ctx: Ctx; id: number }): Promise<Stored> {
  // Two corrections of one call at once: the second waits and reads what the first wrote.
  const row = await lockAttemptOfTeam(tx, { teamId: input.ctx.team.id, id: input.id });
  // A call to another rep's prospect is not in this rep's book.
  if (!row || !inBook(input.ctx, row.p.ownerId)) throw notFound('Call', input.id);
  const message = await messageOfAttempt(tx, { attemptId: input.id });
  return { attempt: row.a, prospect: row.p, phone: row.ph, message: message ?? null };
}

function fieldsOf(stored: Stored): CallFields {
  const { attempt, phone, message } = stored;
  return {
    outcome: attempt.outcome as Outcome,
    result: attempt.result as Result | null,
    resultAt: attempt.resultAt?.toISOString() ?? null,
    number: phone?.e164 ?? null,
    note: attempt.note,
    durationSeconds: attempt.durationSeconds,
    message: message ? { kind: message.kind as MessageKind, text: message.text } : null,
  };
}

/** Refuses a correction that changes nothing, reads as a log that could not be recorded, or takes back what only a rep's explicit act may. */
function check(input: {
  id: number;
  stored: Stored;
  before: CallFields;
  after: CallFields;
  at: Date;
  now: Date;
}): void {
  const { id, stored, before, after, at } = input;
  const { attempt } = stored;
  if (at < attempt.at)
    throw invalid('at', `a correction comes after the call it corrects (${attempt.at.toISOString()})`);
  if (at.getTime() - input.now.getTime() > FUTURE_TOLERANCE_MS)
    throw invalid('at', `is in the future (${at.toISOString()}); a correction is dated when it is made`);
  if (changedFields(before, after).length === 0)
    throw invalid('body', `call ${id} already says that: name a field that changes`);
  const issues = checkLog({
    outcome: after.outcome,
    at: attempt.at,
    now: attempt.at,
    result: after.result ?? undefined,
    resultAt: after.resultAt ? new Date(after.resultAt) : undefined,
    messageKind: after.message?.kind,
    messageText: after.message?.text ?? undefined,
    hasReferral: after.result === 'referred' && attempt.referredProspectId !== null,
  });
  // The body names the message's kind as message.kind.
  if (issues.length > 0)
    throw invalidFields(issues.map((i) => (i.field === 'messageKind' ? { ...i, field: 'message.kind' } : i)));
  if (before.result === 'do-not-call' && after.result !== 'do-not-call')
    throw new AppError(
      'conflict',
      `Call ${id} recorded a do-not-call request; lift it with \`reach dnc remove --prospect ${stored.prospect.id} --reason TEXT --i-have-consent\` if it was a mistake.`,
    );
  if (stored.message?.callbackId && after.outcome !== 'voicemail-left')
    throw new AppError(
      'conflict',
      `Call ${id} left the message callback ${stored.message.callbackId} was credited to; it stays a message left.`,
    );
}

/** Everything the call wrote or taught, moved from what it said to what it says now; the flags for the rep. */
async function apply(tx: Db, input: Applying): Promise<string[]> {
  const { ctx, stored, before, after, at } = input;
  const { attempt, prospect } = stored;
  const flags: string[] = [];
  const phone =
    after.number === before.number
      ? stored.phone
      : await choosePhone(tx, { ctx, prospect, number: after.number ?? undefined });
  const gatekeeperBefore = await gatekeeperMetBefore(tx, { prospect, attemptId: attempt.id });
  const taught = dialOf({ stored, fields: before, phone: stored.phone, gatekeeperBefore });
  await recordDial(tx, { ...taught, repSeconds: attempt.repSeconds }, -1);
  flags.push(...(await recount(tx, { stored, before, after, phone })));
  await rewriteMessage(tx, input);
  const repSeconds = repSecondsOf(after.outcome, after.durationSeconds);
  await rewriteAttempt(tx, {
    id: attempt.id,
    fields: {
      outcome: after.outcome,
      result: after.result,
      resultAt: after.resultAt ? new Date(after.resultAt) : null,
      phoneId: phone?.id ?? null,
      durationSeconds: after.durationSeconds,
      repSeconds,
      note: after.note,
      referredProspectId: after.result === 'referred' ? attempt.referredProspectId : null,
      flags: await flagsFor(tx, { ctx, stored, phone }),
    },
  });
  await recordDial(tx, dialOf({ stored, fields: after, phone, gatekeeperBefore }), 1);
  await rereadDialTimes(tx, prospect.id);
  await restageFor(tx, input);
  await cadenceFor(tx, input);
  if (before.result !== 'do-not-call' && after.result === 'do-not-call') {
    await optOut(tx, { teamId: ctx.team.id, prospectId: prospect.id, at, source: 'call' });
    flags.push('opted-out-now');
  }
  await followUpFor(tx, input);
  if (before.outcome !== 'wrong-person' && after.outcome === 'wrong-person')
    await findRightPerson(tx, { teamId: ctx.team.id, prospect, attemptId: attempt.id, at });
  if (before.outcome === 'wrong-person' && after.outcome !== 'wrong-person')
    await dropFindPerson(tx, { attemptId: attempt.id, at });
  return flags;
}

/** What the dial taught, for `recordDial`: the call's clock, the prospect's current company and title. */
function dialOf(input: {
  stored: Stored;
  fields: CallFields;
  phone: PhoneRow | null;
  gatekeeperBefore: boolean;
}): DialFact {
  const { attempt, prospect } = input.stored;
  const { fields, phone } = input;
  return {
    teamId: attempt.teamId,
    prospectId: prospect.id,
    companyId: prospect.companyId,
    seniority: prospect.seniority ?? 0,
    phone: phone ? { id: phone.id, kind: phone.kind } : null,
    outcome: fields.outcome,
    at: attempt.at,
    local:
      attempt.localWeekday !== null && attempt.localMinuteOfDay !== null
        ? { weekday: attempt.localWeekday, minute: attempt.localMinuteOfDay }
        : null,
    messageLeft: fields.outcome === 'voicemail-left',
    repSeconds: repSecondsOf(fields.outcome, fields.durationSeconds),
    meeting: fields.result === 'meeting',
    gatekeeperBefore: input.gatekeeperBefore,
  };
}

/** A stored correction as the API answers it. */
export function toCorrection(row: CorrectionRow): CallCorrection {
  const before = row.before as CallFields;
  const after = row.after as CallFields;
  return {
    id: row.id,
    attemptId: row.attemptId,
    at: row.at.toISOString(),
    by: row.by ?? 'desk',
    reason: row.reason,
    before,
    after,
    changed: changedFields(before, after),
  };
}
