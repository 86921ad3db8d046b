import { createHmac, timingSafeEqual } from 'node:crypto';
import { type Ctx, nowOf } from '../../context/context.ts';
import type {
  AddDropInput,
  ConsentInput,
  ConsentView,
  Drop,
  DropAtBeepInput,
  LiveCall,
} from '../../contracts/telephony.contract.ts';
import { DROP_MAX_BYTES, DROP_MAX_SECONDS } from '../../contracts/telephony.contract.ts';
import type { MessageKind } from '../../contracts/vocabulary.ts';
import { AppError, invalid, notFound, pgErrorCode } from '../../shared/errors.ts';
import { type LineType, lineTypes, prerecordedCheck } from '../compliance/index.ts';
import { normalizePhone, zoneOfDialledNumber } from '../phones/index.ts';
import { displayName, resolveProspect } from '../prospects/index.ts';
import { checkMessage, phoneNumbersIn, voicemailAdvice } from '../voicemail/index.ts';
import { readAudio } from './audio.ts';
import {
  claimDrop,
  consentOf,
  type DropRow,
  dropOf,
  dropsOf,
  dropTemplate,
  heardBefore,
  insertConsent,
  insertDrop,
  releaseDrop,
  retire,
  saveLineType,
} from './drops.repository.ts';
import { callOfTeam, phonesOf } from './telephony.repository.ts';
import { accountOf, callToActOn, liveCall, twilio, webhookUrl } from './telephony.service.ts';

/** A carrier's word on a line type is asked again after this many days (numbers are ported). */
const LINE_TYPE_DAYS = 30;

const dropView = (row: Omit<DropRow, 'audio'> & { bytes: number; played: number }): Drop => ({
  id: row.id,
  name: row.name,
  kind: row.kind as MessageKind,
  transcript: row.transcript,
  contentType: row.contentType,
  seconds: row.seconds,
  bytes: row.bytes,
  createdAt: row.createdAt.toISOString(),
  retiredAt: row.retiredAt?.toISOString() ?? null,
  played: row.played,
});

/**
 * Keeps a recorded message: real audio the provider plays (WAV or MP3, at most a minute) and
 * words that pass the honesty check as said to anyone, since one recording goes to many people —
 * it may not claim an earlier call, a request, a referral or anything only one record could show.
 */
export async function addDrop(ctx: Ctx, input: AddDropInput): Promise<Drop> {
  const audio = Buffer.from(input.audio, 'base64');
  if (
    audio.length === 0 ||
    audio.toString('base64').replace(/=+$/, '') !== input.audio.replace(/\s+/g, '').replace(/=+$/, '')
  )
    throw invalid('audio', 'not base64: send the file’s bytes base64-encoded');
  if (audio.length > DROP_MAX_BYTES)
    throw invalid('audio', `${audio.length} bytes: a recorded message is at most ${DROP_MAX_BYTES} bytes`);
  const info = readAudio(audio);
  if (!info.ok) throw invalid('audio', `${info.reason}: record it as WAV or MP3`);
  if (info.seconds < 3)
    throw invalid('audio', `${info.seconds.toFixed(1)} s of audio: too short to be a message`);
  if (info.seconds > DROP_MAX_SECONDS)
    throw invalid(
      'audio',
      `${Math.round(info.seconds)} s: a recorded message is at most ${DROP_MAX_SECONDS} s`,
    );
  const checks = checkMessage(input.transcript, {
    kind: input.kind,
    // Said to anyone: nothing the record of one person shows may be claimed.
    prospect: {
      company: null,
      industry: null,
      spokeBefore: false,
      calledUs: false,
      benefits: [],
      messagesLeft: 0,
      met: false,
      referrers: [],
      customer: false,
    },
  });
  const failed = [...checks.filter((c) => c.severity === 'fail'), ...requiredContent(ctx, input.transcript)];
  if (failed.length > 0)
    throw new AppError(
      'validation',
      `The recording's words fail the honesty check for a message played to anyone: ${failed.map((c) => c.text).join('; ')}`,
      {
        issues: failed.map((c) => ({
          field: 'transcript',
          reason: `${c.code}: ${c.text}${c.fix ? ` (${c.fix})` : ''}`,
        })),
      },
    );
  try {
    const row = await insertDrop(ctx.db, {
      teamId: ctx.team.id,
      name: input.name,
      kind: input.kind,
      transcript: input.transcript,
      contentType: info.contentType,
      audio,
      seconds: Math.max(1, Math.round(info.seconds)),
    });
    return dropView({ ...row, bytes: audio.length, played: 0 });
  } catch (error) {
    if (pgErrorCode(error) === '23505')
      throw new AppError('conflict', `A recorded message named "${input.name}" is kept already`, {
        issues: [{ field: 'name', reason: 'taken' }],
      });
    throw error;
  }
}

/** How many words in the business must be named: "at the beginning of the message" (47 CFR § 64.1200(b)(1)). */
const IDENTITY_WORDS = 25;

/**
 * What the law asks every prerecorded message to say (47 CFR § 64.1200(b)(1)-(2)): who is calling
 * — the business, named at the start — and a number to call back.
 */
function requiredContent(ctx: Ctx, transcript: string): { code: string; text: string; fix?: string }[] {
  const missing: { code: string; text: string; fix?: string }[] = [];
  const business = ctx.team.sellerName;
  const start = transcript.split(/\s+/).slice(0, IDENTITY_WORDS).join(' ').toLowerCase();
  if (!business)
    missing.push({
      code: 'no-business-name',
      text: 'a recorded message must name the business at its start, and the team has none on record',
      fix: 'reach config sellerName="Your Company"',
    });
  else if (!start.includes(business.toLowerCase()))
    missing.push({
      code: 'business-not-named',
      text: `a recorded message must name the business (${business}) at its start (47 CFR § 64.1200(b)(1))`,
    });
  if (phoneNumbersIn(transcript).length === 0)
    missing.push({
      code: 'no-callback-number',
      text: 'a recorded message must give a number to call back (47 CFR § 64.1200(b)(2))',
    });
  return missing;
}

export async function listDrops(ctx: Ctx): Promise<Drop[]> {
  return (await dropsOf(ctx.db, { teamId: ctx.team.id })).map(dropView);
}

export async function retireDrop(ctx: Ctx, id: number): Promise<Drop> {
  const row = await dropOf(ctx.db, { teamId: ctx.team.id, id });
  if (!row) throw notFound('Recorded message', id);
  if (!row.retiredAt) await retire(ctx.db, { id, at: nowOf(ctx) });
  const view = (await listDrops(ctx)).find((d) => d.id === id);
  if (!view) throw notFound('Recorded message', id);
  return view;
}

/** A person's consent to recorded messages on one of their numbers, given or withdrawn, with how and by whom; earlier ones are kept. */
export async function recordConsent(
  ctx: Ctx,
  input: { prospect: string | number; body: ConsentInput },
): Promise<ConsentView> {
  const prospect = await resolveProspect(ctx, input.prospect);
  const parsed = normalizePhone(input.body.number, ctx.team.defaultCountry);
  if (!parsed.ok) throw invalid('number', `invalid phone "${input.body.number}": ${parsed.reason}`);
  const phone = (await phonesOf(ctx.db, { prospectId: prospect.id })).find((p) => p.e164 === parsed.e164);
  if (!phone) throw invalid('number', `${parsed.e164} is not one of ${displayName(prospect)}'s numbers`);
  const row = await insertConsent(ctx.db, {
    teamId: ctx.team.id,
    phoneId: phone.id,
    kind: PRERECORDED,
    given: input.body.prerecorded,
    form: input.body.prerecorded ? (input.body.form ?? null) : null,
    source: input.body.source,
    by: input.body.by ?? null,
    at: nowOf(ctx),
  });
  return consentView(prospect.id, phone.e164, row);
}

const PRERECORDED = 'prerecorded';

const consentView = (
  prospect: number,
  number: string,
  row: { given: boolean; form: string | null; at: Date; source: string; by: string | null },
): ConsentView => ({
  prospect,
  number,
  prerecorded: row.given,
  form: row.form === 'written' || row.form === 'oral' ? row.form : null,
  at: row.at.toISOString(),
  source: row.source,
  by: row.by,
});

/** The secret in a recording's address for one call: the provider fetches it unsigned, so the address itself is the key. */
export const dropToken = (authToken: string, input: { id: number; call: number }): string =>
  createHmac('sha256', authToken).update(`voicemail-drop:${input.id}:call:${input.call}`).digest('base64url');

/** How long after it was played a recording's address still answers (the provider fetches it at once). */
const AUDIO_HOURS = 1;

/**
 * A recorded message's audio, for the provider playing it on one call: only with the token for
 * that call, while the call is the one it was played on, within the hour.
 */
export async function dropAudio(
  ctx: Ctx,
  input: { id: number; call: number; token: string },
): Promise<{ contentType: string; audio: Buffer }> {
  const refused = () => new AppError('forbidden', 'This address does not carry the recording’s token');
  let account: ReturnType<typeof accountOf>;
  try {
    account = accountOf(ctx.team);
  } catch {
    throw refused();
  }
  const expected = Buffer.from(dropToken(account.authToken, input));
  const given = Buffer.from(input.token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused();
  const view = await callOfTeam(ctx.db, { teamId: ctx.team.id, id: input.call });
  const playedAt = view?.call.dropId === input.id ? view.call.droppedAt : null;
  if (!playedAt || nowOf(ctx).getTime() - playedAt.getTime() > AUDIO_HOURS * 3_600_000) throw refused();
  const row = await dropOf(ctx.db, { teamId: ctx.team.id, id: input.id });
  if (!row) throw notFound('Recorded message', input.id);
  return { contentType: row.contentType, audio: row.audio };
}

/**
 * Plays a recorded message at the beep and frees the rep. Refused, naming why, unless every
 * condition holds: a machine answered this call; the strategy says leave a message now; this
 * prospect has not been left this recording before; and every place the number may be allows a
 * prerecorded message to it — with the person's recorded consent, or without it only to a
 * business landline the carrier confirms (never a mobile or a line of unknown type).
 */
export async function dropAtBeep(ctx: Ctx, input: { id: number; body: DropAtBeepInput }): Promise<LiveCall> {
  const at = nowOf(ctx);
  const account = accountOf(ctx.team);
  const view = await callToActOn(ctx, input.id);
  const { call } = view;
  const refuse = (rule: string, text: string, more: string[] = []): never => {
    throw new AppError(
      'drop_refused',
      `No recorded message on call ${call.id}: ${[text, ...more].join('; ')}`,
      {
        issues: [text, ...more].map((t, i) => ({ field: 'rule', reason: `${i === 0 ? rule : 'law'}: ${t}` })),
      },
    );
  };
  if (call.direction !== 'outbound' || call.prospectId === null)
    return refuse('not-outbound', 'it is not a call placed to a prospect');
  if (call.dropId !== null)
    return refuse('played-already', `${view.drop?.name ?? 'a recording'} was played on it already`);
  if (call.state === 'ended') return refuse('ended', 'the call has ended');
  if ((call.state !== 'machine' && call.state !== 'beep') || call.answeredBy === 'fax' || !call.prospectSid)
    return refuse(
      'no-machine',
      call.state === 'person'
        ? 'a person answered: speak to them'
        : 'no answering machine has been heard on it',
    );
  const drop = await chooseDrop(ctx, input.body.drop);
  const prospect = await resolveProspect(ctx, call.prospectId);
  const name = displayName(prospect);
  const advice = await voicemailAdvice(ctx, {
    prospect: prospect.id,
    query: { at: at.toISOString(), number: call.e164 },
  });
  // The recording is the message and carries the rep's voice: only a script Reach would write needs their name and number.
  if (advice.decision === 'skip' && advice.reasons.at(-1)?.code !== 'no-voice')
    return refuse(
      'strategy-skip',
      `the ${advice.strategy} strategy says no message for ${name} now (${advice.reasons.map((r) => r.text).join('; ')})`,
    );
  if (await heardBefore(ctx.db, { prospectId: prospect.id, dropId: drop.id }))
    return refuse(
      'heard-before',
      `${name} was left "${drop.name}" before: a second message must say something new`,
    );
  const phone = (await phonesOf(ctx.db, { prospectId: prospect.id })).find((p) => p.e164 === call.e164);
  if (!phone) return refuse('no-number', `${call.e164} is no longer one of ${name}'s numbers`);
  const lineType = await lineTypeOf(ctx, { account, phone, at });
  const places = zoneOfDialledNumber(call.e164, prospect).places;
  const consent = await consentOf(ctx.db, { phoneId: phone.id, kind: PRERECORDED });
  const check = prerecordedCheck({
    places,
    at,
    lineType,
    phoneKind: phone.kind,
    consent: consent?.given ? (consent.form === 'written' ? 'written' : 'oral') : null,
  });
  if (!check.ok)
    return refuse(
      'prerecorded',
      `the law on recorded messages does not allow one to ${call.e164}`,
      check.refusals.map((r) => r.text),
    );
  // The call is taken for this recording before it plays: a second request, or the call's own
  // log, finds it taken, and the log that follows is the message left.
  if (!(await claimDrop(ctx.db, { id: call.id, dropId: drop.id, at })))
    return refuse(
      'changed',
      'the call moved on meanwhile (a recording was played, it was logged, or it ended)',
    );
  try {
    await twilio.play({
      account,
      sid: call.prospectSid,
      url: webhookUrl(account.publicUrl, `drops/${drop.id}`, {
        call: call.id,
        token: dropToken(account.authToken, { id: drop.id, call: call.id }),
      }),
    });
  } catch (error) {
    await releaseDrop(ctx.db, { id: call.id, dropId: drop.id });
    throw error;
  }
  return liveCall(ctx, call.id);
}

/** The recording asked for, or the team's only one in use. */
async function chooseDrop(ctx: Ctx, asked: number | string | undefined): Promise<DropRow> {
  const found =
    asked === undefined
      ? null
      : await dropOf(ctx.db, {
          teamId: ctx.team.id,
          ...(typeof asked === 'number' || /^\d+$/.test(asked) ? { id: Number(asked) } : { name: asked }),
        });
  if (asked !== undefined && !found) throw notFound('Recorded message', String(asked));
  if (found) {
    if (found.retiredAt) throw invalid('drop', `"${found.name}" is retired`);
    return found;
  }
  const active = (await dropsOf(ctx.db, { teamId: ctx.team.id })).filter((d) => d.retiredAt === null);
  if (active.length === 0)
    throw new AppError(
      'drop_refused',
      'No recorded message is kept: record one in your own voice with `reach drops add`',
      {
        issues: [{ field: 'drop', reason: 'none kept' }],
      },
    );
  if (active.length > 1)
    throw invalid('drop', `say which recording: ${active.map((d) => `"${d.name}"`).join(', ')}`);
  const row = await dropOf(ctx.db, { teamId: ctx.team.id, id: active[0]!.id });
  if (!row) throw notFound('Recorded message', active[0]!.id);
  return row;
}

/** The number's line type: as the carrier said within the last month, or asked now; null when the carrier cannot say. */
async function lineTypeOf(
  ctx: Ctx,
  input: {
    account: ReturnType<typeof accountOf>;
    phone: { id: number; e164: string; lineType: string | null; lineTypeAt: Date | null };
    at: Date;
  },
): Promise<LineType | null> {
  const { phone } = input;
  const known = (type: string | null): LineType | null =>
    type !== null && (lineTypes as readonly string[]).includes(type) ? (type as LineType) : null;
  if (phone.lineTypeAt && input.at.getTime() - phone.lineTypeAt.getTime() < LINE_TYPE_DAYS * 86_400_000)
    return known(phone.lineType);
  let type: string | null;
  try {
    type = await twilio.lineType({ account: input.account, e164: phone.e164 });
  } catch {
    // The carrier could not be asked (and its last word is old): unknown, which allows no recording without consent.
    return null;
  }
  await saveLineType(ctx.db, { phoneId: phone.id, lineType: type ?? 'unknown', at: input.at });
  return known(type ?? 'unknown');
}

export { dropTemplate };
