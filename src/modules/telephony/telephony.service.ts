import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { type Ctx, nowOf, type Team } from '../../context/context.ts';
import type { LoggedCall } from '../../contracts/calls.contract.ts';
import type { RecordingMode } from '../../contracts/team.contract.ts';
import type {
  CallLogInput,
  DialInput,
  LiveCall,
  liveCallsQuerySchema,
} from '../../contracts/telephony.contract.ts';
import type { MessageKind, Outcome } from '../../contracts/vocabulary.ts';
import { forServer } from '../../db/team-scope.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid, notFound, pgErrorCode } from '../../shared/errors.ts';
import { accountIdOf, inBook, ownBook, userOfTeam } from '../accounts/index.ts';
import { callerCard, logCall, recordCallback, takeBackCall } from '../calls/index.ts';
import { RECORDING_DISCLOSURE, recordingPlan } from '../compliance/index.ts';
import { normalizePhone, zoneOfDialledNumber } from '../phones/index.ts';
import { displayName, holdAgainst, holdText, resolveProspect } from '../prospects/index.ts';
import { dialCheck, numberAt, yardsticks } from '../queue/index.ts';
import { deskOf, ringFor } from './browser-phone.ts';
import type { CallEvent } from './call-state.ts';
import { type DropRow, dropOf, dropTemplate } from './drops.repository.ts';
import type { ProviderAccount } from './provider.ts';
import {
  type CallView,
  callBySid,
  callOfTeam,
  type EventRow,
  insertCall,
  keepEvents,
  lockCall,
  openCallOf,
  phonesOf,
  recentCalls,
  updateCall,
} from './telephony.repository.ts';
import { twilio } from './twilio.ts';

export { twilio };

/** A call not heard to end within this many hours is taken as over (its end was lost), for a new dial. */
const OPEN_CALL_HOURS = 2;

/** Where Twilio's webhooks arrive, under the API. */
export const WEBHOOK_PATH = '/api/v1/telephony/twilio';

/** The team's provider account, or what is missing to place a call through it. */
export function accountOf(team: Team): ProviderAccount & { publicUrl: string } {
  const missing = [
    team.telephony !== 'twilio' ? 'telephony=twilio' : null,
    team.twilioAccountSid ? null : 'twilioAccountSid=AC…',
    team.twilioAuthToken ? null : 'twilioAuthToken=…',
    team.publicUrl ? null : 'publicUrl=https://…',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0)
    throw new AppError(
      'conflict',
      `Calls through Reach need a telephony provider: reach config ${missing.join(' ')} (until then, dial from the card's number)`,
    );
  return {
    accountSid: team.twilioAccountSid!,
    authToken: team.twilioAuthToken!,
    apiUrl: team.twilioApiUrl,
    publicUrl: team.publicUrl!.replace(/\/+$/, ''),
  };
}

/** The address of one webhook, as the provider will request it and sign it. */
export const webhookUrl = (publicUrl: string, kind: string, query: Record<string, string | number>): string =>
  `${publicUrl}${WEBHOOK_PATH}/${kind}?${new URLSearchParams(
    Object.entries(query).map(([k, v]) => [k, String(v)]),
  ).toString()}`;

/** A user's own phone, caller ID and browser phone, where they have them; nothing for no user. */
async function voiceOf(
  ctx: Ctx,
  userId: number | null,
): Promise<{ phone: string | null; callerId: string | null; browser: string | null }> {
  const user = userId === null ? null : await userOfTeam(ctx.db, { teamId: ctx.team.id, id: userId });
  return { phone: user?.phone ?? null, callerId: user?.callerId ?? null, browser: deskOf(user) };
}

/**
 * Where the rep is rung first (their browser phone where they take calls in the desk, else their
 * own phone, else the team's) and the number the prospect sees: the rep's own where they set
 * them, the team's otherwise.
 */
async function repLine(
  ctx: Ctx,
  userId: number | null,
): Promise<{ to: string; via: 'phone' | 'browser'; callerId: string }> {
  const own = await voiceOf(ctx, userId);
  const { browser } = own;
  const phone = own.phone ?? ctx.team.repPhone;
  const callerId = own.callerId ?? ctx.team.callerId;
  if (!browser && !phone)
    throw new AppError(
      'conflict',
      "Reach rings the rep first, then the prospect: reach users set EMAIL --phone +1… (their own phone) or --reach-by browser (the desk), or the team's phone: reach config repPhone=+1…",
    );
  if (!callerId)
    throw new AppError(
      'conflict',
      "The prospect must see a number the team owns at the provider: reach users set EMAIL --caller-id +1… (or the team's: reach config callerId=+1…)",
    );
  return browser
    ? { to: `client:${browser}`, via: 'browser', callerId }
    : { to: phone!, via: 'phone', callerId };
}

/**
 * Places a call to a prospect through the provider, after the same rules the queue obeys at
 * that instant; refused, naming the rule, where the queue would not dial that number now.
 */
export async function dial(ctx: Ctx, input: DialInput): Promise<LiveCall> {
  // The call is placed now: the rules are checked at the server's clock, never at an instant a client names.
  const at = nowOf(ctx);
  const account = accountOf(ctx.team);
  const line = await repLine(ctx, accountIdOf(ctx));
  const prospect = await resolveProspect(ctx, input.prospect);
  const phones = await phonesOf(ctx.db, { prospectId: prospect.id });
  let e164: string | null;
  if (input.number !== undefined) {
    const parsed = normalizePhone(input.number, ctx.team.defaultCountry);
    if (!parsed.ok) throw invalid('number', `invalid phone "${input.number}": ${parsed.reason}`);
    e164 = parsed.e164;
    if (!phones.some((p) => p.e164 === e164))
      throw invalid('number', `${e164} is not one of ${displayName(prospect)}'s numbers`);
  } else {
    // The number the queue would dial now; when none may be, their first, so the refusal names why.
    e164 =
      (await numberAt(ctx, { prospectId: prospect.id, at, book: await yardsticks(ctx) })) ??
      phones[0]?.e164 ??
      null;
  }
  const decision = e164
    ? await dialCheck(ctx, { prospectId: prospect.id, e164, at })
    : {
        ok: false as const,
        refusals: ['invalid-number' as const],
        why: ['they have no number in the book'],
      };
  if (!decision.ok || !e164)
    throw new AppError(
      'dial_refused',
      `Not calling ${displayName(prospect)}${e164 ? ` on ${e164}` : ''} now: ${refusalText(decision)}`,
      { issues: refusalIssues(decision) },
    );
  const held = await holdAgainst(ctx, prospect, at);
  if (held)
    throw new AppError(
      'dial_refused',
      `Not calling ${displayName(prospect)} now: ${holdText(held, prospect)}`,
      {
        issues: [{ field: 'rule', reason: `held-by-another-rep: ${held.name}` }],
      },
    );
  const phone = phones.find((p) => p.e164 === e164)!;
  const open = await openCallOf(ctx.db, {
    teamId: ctx.team.id,
    prospectId: prospect.id,
    since: new Date(at.getTime() - OPEN_CALL_HOURS * 3_600_000),
  });
  if (open)
    throw new AppError(
      'dial_refused',
      `Not calling ${displayName(prospect)} now: call ${open.id} to them is still under way (${open.state})`,
      { issues: [{ field: 'rule', reason: `call-under-way: call ${open.id}` }] },
    );
  const id = await insertCall(ctx.db, {
    teamId: ctx.team.id,
    provider: 'twilio',
    direction: 'outbound',
    userId: accountIdOf(ctx),
    prospectId: prospect.id,
    phoneId: phone.id,
    e164,
    state: 'placing',
    repVia: line.via,
    at,
  });
  try {
    const placed = await twilio.placeCall({
      account,
      to: line.to,
      from: line.callerId,
      // A phone is asked for a key first, so its voicemail is never put through; a browser phone has none.
      voiceUrl: webhookUrl(
        account.publicUrl,
        'voice',
        line.via === 'browser' ? { call: id, step: 'connect' } : { call: id },
      ),
      statusUrl: webhookUrl(account.publicUrl, 'status', { call: id, leg: 'rep' }),
    });
    await updateCall(ctx.db, { id, patch: { repSid: placed.sid, state: 'calling-rep' } });
  } catch (error) {
    await updateCall(ctx.db, { id, patch: { state: 'ended', endedAt: new Date() } });
    throw error;
  }
  return liveCall(ctx, id);
}

type Refused = { ok: false; refusals: readonly string[]; why: string[] } | { ok: true };
const refusalText = (d: Refused): string =>
  d.ok ? '' : d.why.length > 0 ? d.why.join('; ') : d.refusals.map((r) => r.replace(/-/g, ' ')).join(', ');
const refusalIssues = (d: Refused) =>
  d.ok
    ? []
    : d.refusals.map((rule, i) => ({ field: 'rule', reason: `${rule}${d.why[i] ? `: ${d.why[i]}` : ''}` }));

export async function liveCall(ctx: Ctx, id: number): Promise<LiveCall> {
  const view = await callOfTeam(ctx.db, { teamId: ctx.team.id, id, own: ownBook(ctx) });
  if (!view) throw notFound('Call', id);
  return liveView(view, new Date());
}

export async function liveCalls(ctx: Ctx, query: z.output<typeof liveCallsQuerySchema>): Promise<LiveCall[]> {
  const since = query.since ? resolveAt(query.since, 'since') : null;
  const now = new Date();
  return (
    await recentCalls(ctx.db, { teamId: ctx.team.id, since, limit: query.limit, own: ownBook(ctx) })
  ).map((v) => liveView(v, now));
}

/** Ends the call at the provider (the rep skips a voicemail at the beep, or is done). */
export async function hangUp(ctx: Ctx, id: number): Promise<LiveCall> {
  const view = await callToActOn(ctx, id);
  const sid = view.call.repSid ?? view.call.prospectSid;
  if (view.call.state !== 'ended' && sid) await twilio.hangUp({ account: accountOf(ctx.team), sid });
  return liveView(view, new Date());
}

/**
 * The rep's word on a call placed through Reach: logged with the call's number, instant and
 * duration, in place of what the call logged itself as (taken back first, as an undo would), once.
 */
export async function logLiveCall(
  ctx: Ctx,
  input: { id: number; body: CallLogInput; now?: Date },
): Promise<LoggedCall> {
  const now = input.now ?? new Date();
  // A rep logs only their own calls (or one nobody placed, to their book).
  await callToActOn(ctx, input.id);
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const call = await lockCall(tx, { id: input.id });
    if (!call || call.teamId !== ctx.team.id) throw notFound('Call', input.id);
    if (call.prospectId === null || call.direction !== 'outbound')
      throw invalid('id', `call ${input.id} is not a call placed to a prospect in the book`);
    if (call.loggedBy === 'rep' && call.attemptId !== null)
      throw new AppError(
        'conflict',
        `Call ${input.id} is logged already (attempt ${call.attemptId}): correct it with \`reach calls correct ${call.attemptId} --reason TEXT\``,
      );
    // A recording played at the beep is the message left, whatever else the rep picks: its kind and words.
    if (call.dropId !== null && call.droppedAt !== null && input.body.outcome !== 'voicemail-left')
      throw new AppError(
        'conflict',
        `A recording was played at the beep of call ${input.id}: it is logged as a message left (outcome voicemail-left), not ${input.body.outcome}`,
        { issues: [{ field: 'outcome', reason: 'a recording was played: voicemail-left' }] },
      );
    if (call.attemptId !== null) await takeBackCall(inTx, call.attemptId);
    const drop =
      call.dropId !== null && call.droppedAt !== null
        ? await dropOf(tx, { teamId: ctx.team.id, id: call.dropId })
        : undefined;
    const logged = await logCall(inTx, {
      body: {
        ...input.body,
        ...(drop ? { message: dropMessage(drop) } : {}),
        prospect: call.prospectId,
        number: call.e164,
        at: call.at.toISOString(),
        ...(call.durationSeconds !== null ? { durationSeconds: call.durationSeconds } : {}),
        idempotencyKey: `call:${call.id}:rep`,
      },
      now,
    });
    await updateCall(tx, { id: call.id, patch: { attemptId: logged.attempt.id, loggedBy: 'rep' } });
    return logged;
  });
}

/** A played recording as the message left: its kind, its words, and the template that counts its plays. */
export const dropMessage = (drop: DropRow) => ({
  kind: drop.kind as MessageKind,
  text: drop.transcript,
  template: dropTemplate(drop.id),
});

/** A webhook as it is kept: a digest of what was sent, so a repeat is recognised. */
export const eventKey = (input: {
  kind: string;
  leg: string;
  callId: number;
  params: Record<string, string>;
}) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        input.kind,
        input.leg,
        input.callId,
        Object.entries(input.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ]),
    )
    .digest('base64url');

/**
 * Webhooks waiting to be kept, per database: those that arrive while a batch is being written go
 * in the next, one statement for all (a group commit). Each request is answered once its batch
 * is committed, so an accepted webhook is a kept one.
 */
const inboxes = new WeakMap<object, { waiting: Waiting[]; writing: boolean }>();
type Waiting = { row: EventRow; done: (kept: boolean | null) => void; failed: (error: unknown) => void };
/** How long a webhook waits for others to share its statement. */
const BATCH_WINDOW_MS = 2;
/** The most webhooks one statement keeps. */
const BATCH_MAX = 500;

function keep(db: Ctx['db'], row: EventRow): Promise<boolean | null> {
  let inbox = inboxes.get(db);
  if (!inbox) {
    inbox = { waiting: [], writing: false };
    inboxes.set(db, inbox);
  }
  const box = inbox;
  const kept = new Promise<boolean | null>((done, failed) => box.waiting.push({ row, done, failed }));
  if (!box.writing) {
    box.writing = true;
    // Whatever else arrives within a couple of milliseconds joins the first batch, whichever team's
    // call it is about: the batch is written for the whole server, each row with its own team.
    setTimeout(() => void forServer(() => write(db, box)), BATCH_WINDOW_MS);
  }
  return kept;
}

async function write(db: Ctx['db'], box: { waiting: Waiting[]; writing: boolean }): Promise<void> {
  while (box.waiting.length > 0) {
    const batch = box.waiting.splice(0, BATCH_MAX);
    try {
      const kept = await keepEvents(
        db,
        batch.map((w) => w.row),
      );
      for (const [i, w] of batch.entries()) w.done(kept[i] ?? null);
    } catch {
      // One webhook the database refuses fails alone: the batch is kept again one by one.
      for (const w of batch)
        await keepEvents(db, [w.row]).then(
          ([kept]) => w.done(kept ?? null),
          (error: unknown) => w.failed(error),
        );
    }
  }
  box.writing = false;
}

/** Keeps one signed webhook of a call; false when it was kept before, not found when the call is not the team's. */
export async function receive(
  ctx: Ctx,
  input: { callId: number; kind: CallEvent['kind']; leg: CallEvent['leg']; params: Record<string, string> },
): Promise<boolean> {
  const kept = await keep(ctx.db, { teamId: ctx.team.id, ...input, key: eventKey(input) });
  if (kept === null) throw notFound('Call', input.callId);
  return kept;
}

/**
 * The voice instructions for the rep's leg once answered: say whom and wait for a key (so the
 * rep's own voicemail is never put through), then, once pressed, ring the prospect.
 */
export async function bridgeInstructions(
  ctx: Ctx,
  input: { callId: number; step: 'answered' | 'connect' | 'prospect'; sid?: string },
): Promise<string> {
  const { callId } = input;
  const view = await callOfTeam(ctx.db, { teamId: ctx.team.id, id: callId });
  if (!view) throw notFound('Call', callId);
  const account = accountOf(ctx.team);
  const { call, prospect } = view;
  if (input.step === 'prospect') return prospectAnswered(ctx, { call, account, sid: input.sid ?? '' });
  if (call.state === 'ended') return twilio.refuse('This call was ended.');
  if (input.step === 'answered')
    return twilio.confirm({
      announce: prospect
        ? `Calling ${prospect.name}${prospect.company ? ` at ${prospect.company}` : ''}.`
        : 'Calling.',
      actionUrl: webhookUrl(account.publicUrl, 'voice', { call: call.id, step: 'connect' }),
    });
  const plan = await recordingOf(ctx, call);
  return twilio.bridge({
    to: call.e164,
    callerId: (await voiceOf(ctx, call.userId)).callerId ?? ctx.team.callerId ?? call.e164,
    announce: null,
    statusUrl: webhookUrl(account.publicUrl, 'status', { call: call.id, leg: 'prospect' }),
    amdUrl: webhookUrl(account.publicUrl, 'amd', { call: call.id, leg: 'prospect' }),
    // A recorded call starts recording when the prospect answers, after the disclosure where one is due.
    whisperUrl: plan.record
      ? webhookUrl(account.publicUrl, 'voice', { call: call.id, step: 'prospect' })
      : null,
  });
}

/**
 * Whether a call is recorded, and disclosed first: as the team chose and the law of every place
 * of either party allows (the prospect's number and record, and the rep's own phone); a mobile
 * may be answered anywhere.
 */
async function recordingOf(ctx: Ctx, call: CallView['call']): Promise<ReturnType<typeof recordingPlan>> {
  const at = nowOf(ctx);
  if (call.prospectId === null || ctx.team.recording === 'off')
    return recordingPlan({ mode: 'off', places: [], at });
  const prospect = await resolveProspect(ctx, call.prospectId);
  const phone = (await phonesOf(ctx.db, { prospectId: prospect.id })).find((p) => p.e164 === call.e164);
  // A browser phone may be anywhere: its place is unknown, which the strictest rule covers.
  const repPhone =
    call.repVia === 'browser' ? null : ((await voiceOf(ctx, call.userId)).phone ?? ctx.team.repPhone);
  const rep = repPhone
    ? zoneOfDialledNumber(repPhone, { statedTimezone: null, region: null, country: null }).places
    : [{ country: null, region: null }];
  return recordingPlan({
    mode: ctx.team.recording as RecordingMode,
    places: [...zoneOfDialledNumber(call.e164, prospect).places, ...rep],
    at,
    mobile: phone?.kind === 'mobile',
  });
}

/**
 * The prospect answered a call to be recorded: the recording starts now, at the provider, so the
 * disclosure (where one is due) is the first thing on it and nothing is recorded before it; the
 * call is marked recorded, and disclosed, only once the recording has started.
 */
async function prospectAnswered(
  ctx: Ctx,
  input: { call: CallView['call']; account: ReturnType<typeof accountOf>; sid: string },
): Promise<string> {
  const { call, account } = input;
  const plan = await recordingOf(ctx, call);
  if (!plan.record || !input.sid) return twilio.whisper(null);
  const disclosure = twilio.whisper(plan.disclose ? RECORDING_DISCLOSURE : null);
  // Twilio asking again (its first answer lost): the recording runs already; the disclosure is said again.
  if (call.recorded) return disclosure;
  try {
    await twilio.startRecording({
      account,
      sid: input.sid,
      statusUrl: webhookUrl(account.publicUrl, 'recording', { call: call.id, leg: 'prospect' }),
    });
  } catch {
    // Not started (or started by an earlier ask whose answer was lost): told anyway, which costs nothing.
    return disclosure;
  }
  await updateCall(ctx.db, { id: call.id, patch: { recorded: true, disclosed: plan.disclose } });
  return disclosure;
}

/**
 * A call the asker may act on (hang it up, play a message on it, log it); 404 when they may not
 * see it:
 * a rep, only on a call they placed, or on one nobody placed to a prospect in their book; a
 * teammate's call to the pool is theirs to watch, not to end.
 */
export async function callToActOn(ctx: Ctx, id: number): Promise<CallView> {
  const own = ownBook(ctx);
  const view = await callOfTeam(ctx.db, { teamId: ctx.team.id, id, own });
  if (!view) throw notFound('Call', id);
  const { userId } = view.call;
  if (own === null || userId === own || (userId === null && inBook(ctx, view.prospect?.ownerId ?? null)))
    return view;
  throw new AppError('forbidden', `Call ${id} is a teammate's: only they or a manager may end or log it`);
}

/** A call as its team's desks hear of it, with whose book it is in: a rep hears only their own. */
export type HeardCall = { call: LiveCall; owner: number | null; user: number | null };

export const heardOf = (view: CallView, now: Date): HeardCall => ({
  call: liveView(view, now),
  owner: view.prospect?.ownerId ?? null,
  user: view.call.userId,
});

/** A call as the desk and the CLI read it; `now` is the real clock, which the provider's stamps are on. */
export function liveView(view: CallView, now: Date): LiveCall {
  const { call, prospect, attempt } = view;
  return {
    id: call.id,
    direction: call.direction as LiveCall['direction'],
    prospect: prospect && { id: prospect.id, name: prospect.name, company: prospect.company },
    number: call.e164,
    state: call.state as LiveCall['state'],
    repVia: call.repVia === 'browser' ? 'browser' : 'phone',
    repSid: call.repSid,
    says: says(call, now),
    status: call.status,
    answeredBy: call.answeredBy,
    at: call.at.toISOString(),
    ringingAt: call.ringingAt?.toISOString() ?? null,
    answeredAt: call.answeredAt?.toISOString() ?? null,
    beepAt: call.beepAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    durationSeconds: call.durationSeconds,
    ringSeconds: call.ringSeconds,
    attemptId: call.attemptId,
    loggedBy: call.attemptId === null ? null : (call.loggedBy as 'call' | 'rep'),
    outcome: (attempt?.outcome as Outcome | undefined) ?? null,
    callbackId: call.callbackId,
    recorded: call.recorded,
    disclosed: call.disclosed,
    drop: view.drop,
    droppedAt: call.droppedAt?.toISOString() ?? null,
  };
}

const seconds = (from: Date | null, to: Date): string =>
  from ? ` for ${Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000))} s` : '';

function says(call: CallView['call'], now: Date): string {
  switch (call.state) {
    case 'placing':
      return 'Placing the call';
    case 'calling-rep':
      return call.repVia === 'browser'
        ? 'The desk is ringing: answer it, and the prospect is dialled'
        : 'Your phone is ringing: answer it and press a key, and the prospect is dialled';
    case 'dialling':
      return 'Dialling the prospect';
    case 'ringing':
      return `Ringing${seconds(call.ringingAt, now)}`;
    case 'answered':
      return 'Answered: listening for a person or a machine';
    case 'person':
      return 'A person answered';
    case 'machine':
      return call.answeredBy === 'fax' ? 'A fax machine answered' : 'A machine answered: wait for the beep';
    case 'beep':
      return 'The beep: leave the message or hang up, as advised';
    default:
      return call.status === null
        ? `Ended before the prospect was dialled (${call.repVia === 'browser' ? 'the desk' : 'your phone'} did not answer)`
        : `Ended: ${call.status}${call.durationSeconds !== null ? `, ${call.durationSeconds} s` : ''}`;
  }
}

/**
 * A call in to the team's number: matched to the prospect by any of their numbers or the company
 * line, recorded as a callback credited to the message that earned it, and put through to the
 * rep. The provider asking again for the same call gets the same answer and records nothing new.
 */
export async function answerInbound(
  ctx: Ctx,
  input: { params: Record<string, string>; now: Date },
): Promise<{ instructions: string; call: HeardCall | null }> {
  const account = accountOf(ctx.team);
  const sid = input.params['CallSid'] ?? '';
  const from = input.params['From'] ?? '';
  if (!sid || !from) throw invalid('CallSid', 'an inbound call names its CallSid and From');
  let existing = await callBySid(ctx.db, { teamId: ctx.team.id, sid });
  if (!existing) {
    const card = await callerCard(ctx, { number: from, at: input.now.toISOString() }).catch(() => null);
    const prospectId = card?.known ? card.prospect.id : null;
    try {
      const id = await ctx.db.transaction(async (tx) => {
        const id = await insertCall(tx, {
          teamId: ctx.team.id,
          provider: 'twilio',
          direction: 'inbound',
          prospectId,
          e164: card?.number ?? from,
          prospectSid: sid,
          state: 'ringing',
          status: 'ringing',
          at: input.now,
        });
        // Recorded as it rings: credited to the message that earned it, or, from a number not in the
        // book, kept for the rep to attach to the prospect it was.
        const recorded = await recordCallback(
          { ...ctx, db: tx },
          { from, at: input.now.toISOString(), ...(prospectId !== null ? { prospect: prospectId } : {}) },
        );
        await updateCall(tx, { id, patch: { callbackId: recorded.callbackId } });
        return id;
      });
      existing = (await callBySid(ctx.db, { teamId: ctx.team.id, sid })) ?? undefined;
      if (!existing) throw notFound('Call', id);
    } catch (error) {
      // The provider asked twice at once: the first answer stands.
      if (pgErrorCode(error) !== '23505') throw error;
      existing = await callBySid(ctx.db, { teamId: ctx.team.id, sid });
      if (!existing) throw error;
    }
  }
  const owner =
    existing.prospectId === null ? null : (await resolveProspect(ctx, existing.prospectId)).ownerId;
  const ring = await ringFor(ctx, owner);
  // Put through to browser phones only: the desk answers it, and shows it so.
  const via = ring.length > 0 && ring.every((r) => 'client' in r) ? 'browser' : 'phone';
  if (existing.repVia !== via) await updateCall(ctx.db, { id: existing.id, patch: { repVia: via } });
  const instructions = twilio.inbound({
    ring,
    callId: existing.id,
    callerId: from,
    unavailable:
      'Sorry, nobody can take your call right now. Please leave your number and we will call you back.',
    statusUrl: webhookUrl(account.publicUrl, 'status', { call: existing.id, leg: 'rep' }),
  });
  const view = await callOfTeam(ctx.db, { teamId: ctx.team.id, id: existing.id });
  return { instructions, call: view ? heardOf(view, new Date()) : null };
}

/** A call not heard to end this long after it was placed is asked after at the provider. */
export const STALE_MINUTES = 10;

/**
 * A call whose last callbacks never arrived (a restart mid-call, a webhook lost on the way): its
 * legs as the provider's API has them now are kept as callbacks of their own, to be folded like
 * any other. Returns whether the provider says it ended.
 */
export async function askAfter(
  ctx: Ctx,
  call: { id: number; repSid: string | null; prospectSid: string | null; e164: string },
): Promise<boolean> {
  const account = accountOf(ctx.team);
  // The prospect's leg, when its sid was never heard (all its callbacks lost): found among the legs the rep's call dialled.
  let prospectSid = call.prospectSid;
  let now: Awaited<ReturnType<typeof twilio.fetchCall>> | null = null;
  if (!prospectSid && call.repSid) {
    const children = await twilio.childCalls({ account, parentSid: call.repSid });
    const child = children.find((c) => c.to === call.e164) ?? children[0];
    if (child) {
      prospectSid = child.sid;
      now = child;
    }
  }
  const leg: CallEvent['leg'] = prospectSid ? 'prospect' : 'rep';
  const sid = prospectSid ?? call.repSid;
  if (!sid) return false;
  now ??= await twilio.fetchCall({ account, sid });
  if (!now.status || !['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(now.status))
    return false;
  const status: Record<string, string> = { CallSid: sid, CallStatus: now.status, Source: 'api' };
  if (now.duration !== null) status['CallDuration'] = now.duration;
  if (now.endTime !== null) status['Timestamp'] = now.endTime;
  const rows: EventRow[] = [
    { teamId: ctx.team.id, callId: call.id, kind: 'status' as const, leg, params: status, key: '' },
    ...(now.answeredBy && leg === 'prospect'
      ? [
          {
            teamId: ctx.team.id,
            callId: call.id,
            kind: 'amd' as const,
            leg,
            params: { CallSid: sid, AnsweredBy: now.answeredBy, Source: 'api' },
            key: '',
          },
        ]
      : []),
  ].map((r) => ({ ...r, key: eventKey(r) }));
  await keepEvents(ctx.db, rows);
  return true;
}
