import { DateTime } from 'luxon';
import nodemailer from 'nodemailer';
import type { Ctx } from '../../context/context.ts';
import {
  type EmailAnswer,
  type EmailDraft,
  type EmailQuery,
  letterQuerySchema,
  type RecordedAnswer,
} from '../../contracts/email.contract.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { parseInput } from '../../shared/validate.ts';
import { endCadences, taskOfTeam } from '../cadences/index.ts';
import { addDnc } from '../dnc/index.ts';
import { companyById, displayName, resolveProspect } from '../prospects/index.ts';
import { yardsticks } from '../queue/index.ts';
import { loadState } from '../voicemail/index.ts';
import { composeEmail, composeReferralRequest } from './compose-email.ts';
import { letterHtml } from './compose-letter.ts';
import {
  claimEmailStep,
  donePayloadsOf,
  emailSuppressed,
  markEmailSent,
  reopenEmailStep,
  setTaskPayload,
  skipBouncedEmailSteps,
} from './email.repository.ts';

/** The email an email step would send now: subject, text, checks and a `mailto:` link. */
export async function emailDraft(ctx: Ctx, input: { id: number; query: EmailQuery }): Promise<EmailDraft> {
  const q = input.query;
  return draftFor(ctx, { id: input.id, at: resolveAt(q.at), to: q.to });
}

/**
 * Sends an email step through the team's SMTP server and marks the step done. Refused for a
 * prospect who asked to stop, without an address or a server, or when the email fails a check.
 */
export async function sendEmail(ctx: Ctx, input: { id: number; body: EmailQuery }): Promise<EmailDraft> {
  const q = input.body;
  return deliverEmailStep(ctx, { id: input.id, at: resolveAt(q.at), auto: false, to: q.to });
}

/** Tries of an automatic email the SMTP server turned away before the step waits for the rep. */
export const AUTO_SEND_TRIES = 3;
/** The wait before the first retry of an automatic email; it doubles after each failure. */
const RETRY_MINUTES = 5;

/**
 * Takes an email step, sends it and marks it done. The step is claimed first (`open` →
 * `sending`) in one statement, so of two senders in any processes (a rep, a worker) only one
 * sends. An automatic send (`auto`) claims only a step of a running cadence that goes out by
 * itself and has not failed for good. When anything stops the send, the step is open again:
 * for an automatic send, with the reason the rep sees, or, when the SMTP server turned it
 * away, a time to try again.
 */
export async function deliverEmailStep(
  ctx: Ctx,
  input: {
    id: number;
    at: Date;
    auto: boolean;
    to?: string | undefined;
  },
): Promise<EmailDraft> {
  const { id, at, auto } = input;
  // Stamped with the real clock, whatever `at` says: a stalled send is measured from it.
  const claimedAt = new Date().toISOString();
  const claimed = await claimEmailStep(ctx.db, { id, teamId: ctx.team.id, claimedAt, auto, at });
  if (!claimed) {
    // Says why: not found, not an email, already done or sending.
    await draftFor(ctx, { id, at });
    throw new AppError('conflict', `Task ${id} is not an automatic email step that is due`);
  }
  try {
    const draft = await draftFor(ctx, { id, at, claimed: true, to: input.to });
    const messageId = await transmit(ctx, draft);
    await markEmailSent(ctx.db, {
      id,
      at,
      sent: {
        subject: draft.subject,
        text: draft.text,
        messageId,
        sentTo: draft.to,
        ...(auto ? { sentBy: 'cadence' } : {}),
      },
    });
    return { ...draft, sent: { messageId, at: at.toISOString() } };
  } catch (error) {
    const failures = Number(claimed.payload['autoFailures'] ?? 0) + 1;
    const again =
      auto && error instanceof AppError && error.code === 'unavailable' && failures < AUTO_SEND_TRIES;
    const note = !auto
      ? {}
      : again
        ? {
            autoFailures: failures,
            autoRetryAt: new Date(at.getTime() + RETRY_MINUTES * 2 ** (failures - 1) * 60_000).toISOString(),
          }
        : { autoError: (error as Error).message };
    await reopenEmailStep(ctx.db, { id, note });
    throw error;
  }
}

/** Sends the draft through the team's SMTP server: the message id, or why it could not go. */
async function transmit(ctx: Ctx, draft: EmailDraft): Promise<string> {
  const { smtpUrl, emailFrom } = ctx.team;
  if (!smtpUrl || !emailFrom)
    throw invalid(
      'smtpUrl',
      'no SMTP server or sender set: reach config smtpUrl=… emailFrom=…; the draft can be sent by hand',
    );
  if (!draft.to)
    throw invalid(
      'to',
      draft.kind === 'referral'
        ? 'a referral request goes to the champion or customer you ask: --to "Dana Cho <dana@example.com>"'
        : `prospect ${draft.prospectId} has no email address`,
    );
  const failed = draft.checks.filter((c) => c.severity === 'fail');
  if (failed.length > 0)
    throw new AppError('validation', `The email fails its checks: ${failed.map((c) => c.text).join('; ')}`, {
      issues: failed.map((c) => ({ field: c.code, reason: c.text })),
    });
  try {
    const info = await nodemailer.createTransport(smtpUrl).sendMail({
      from: emailFrom,
      to: draft.to,
      subject: draft.subject,
      text: draft.text,
      headers: { 'List-Unsubscribe': `<mailto:${address(emailFrom)}?subject=unsubscribe>` },
    });
    return info.messageId;
  } catch (error) {
    throw new AppError('unavailable', `The SMTP server refused the email: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Steps drafted as an email: an email, an invitation to an event, a request for an introduction. */
const WRITTEN = ['email', 'invitation', 'referral-request'];

async function draftFor(
  ctx: Ctx,
  input: { id: number; at: Date; kind?: 'email' | 'letter'; claimed?: boolean; to?: string | undefined },
): Promise<EmailDraft> {
  const kind = input.kind ?? 'email';
  const task = await taskOfTeam(ctx.db, { id: input.id, teamId: ctx.team.id });
  if (!task) throw notFound('Task', input.id);
  if (kind === 'email' ? !WRITTEN.includes(task.kind) : task.kind !== kind)
    throw invalid(
      'id',
      `task ${task.id} is a ${task.kind} step, not ${kind === 'email' ? 'an email, an invitation or a referral request' : 'a letter'}`,
    );
  if (task.status !== (input.claimed ? 'sending' : 'open'))
    throw new AppError('conflict', `Task ${task.id} is already ${task.status}`);
  const prospect = await resolveProspect(ctx, task.prospectId);
  if (prospect.optedOut) throw new AppError('conflict', `Prospect ${prospect.id} asked not to be contacted`);
  if (prospect.email && (await emailSuppressed(ctx.db, { teamId: ctx.team.id, email: prospect.email })))
    throw new AppError('conflict', `${prospect.email} asked not to be contacted`);
  const { state } = await loadState(ctx, {
    prospect,
    at: input.at,
    strategy: undefined,
    number: undefined,
    book: await yardsticks(ctx),
  });
  const sent = await donePayloadsOf(ctx.db, { prospectId: prospect.id, kinds: WRITTEN });
  const earlier = sent
    .map((r) => (typeof r.payload['text'] === 'string' ? r.payload['text'] : ''))
    .filter(Boolean);
  const referral = task.kind === 'referral-request';
  const email = referral
    ? composeReferralRequest({
        material: state.material,
        earlier,
        ask: {
          champion: input.to ? (input.to.match(/^\s*"?([^"<]+?)"?\s*</)?.[1] ?? null) : null,
          prospect: { name: displayName(prospect), title: prospect.title },
        },
      })
    : composeEmail({
        material: state.material,
        earlier,
        postalAddress: ctx.team.postalAddress,
        note: typeof task.payload['note'] === 'string' ? task.payload['note'] : null,
        purpose: task.kind === 'invitation' ? 'invitation' : 'email',
      });
  if (!email)
    throw invalid(
      'material',
      !state.material.voice
        ? "no email without the rep's name and number: reach config repName=… repPhone=…"
        : task.kind === 'invitation'
          ? 'no event to invite them to (or every one was already sent): reach points add event "…" --on DATE'
          : 'nothing to write about: add news, an event, a contact, a reference client or their objective',
    );
  // A referral request goes to the champion the rep names, never to the prospect.
  const to = referral ? (input.to ?? null) : prospect.email;
  return {
    ...email,
    taskId: task.id,
    prospectId: prospect.id,
    to,
    mailto: `mailto:${to ? address(to) : ''}?subject=${encodeURIComponent(email.subject)}&body=${encodeURIComponent(email.text)}`,
    sent: null,
  };
}

const address = (from: string): string => from.match(/<([^>]+)>/)?.[1] ?? from.trim();

/**
 * Records what came back from a sent email step: a reply pauses the cadence (the rep answers,
 * not the series); "unsubscribe" puts the prospect on the Do-Not-Call list, which stops it; a
 * bounce skips the cadence's other email steps.
 */
export async function recordEmailAnswer(
  ctx: Ctx,
  input: { id: number; body: EmailAnswer },
): Promise<RecordedAnswer> {
  const q = input.body;
  const at = resolveAt(q.at);
  const task = await taskOfTeam(ctx.db, { id: input.id, teamId: ctx.team.id });
  if (!task) throw notFound('Task', input.id);
  if (!WRITTEN.includes(task.kind) || typeof task.payload['messageId'] !== 'string')
    throw invalid('id', `task ${task.id} is not a sent email`);
  const answered = {
    ...task.payload,
    answer: { kind: q.answer, at: at.toISOString(), note: q.note ?? null },
  };
  if (q.answer === 'unsubscribe') {
    await setTaskPayload(ctx.db, { id: task.id, payload: answered });
    await addDnc(ctx, {
      prospect: task.prospectId,
      reason: 'asked by email to stop',
      source: 'email',
      at: at.toISOString(),
    });
    return { taskId: task.id, answer: q.answer, effect: 'on the Do-Not-Call list; the cadence stopped' };
  }
  return ctx.db.transaction(async (tx) => {
    await setTaskPayload(tx, { id: task.id, payload: answered });
    if (q.answer === 'reply') {
      const paused = await endCadences(tx, {
        prospectId: task.prospectId,
        at,
        status: 'paused',
        reason: `replied to an email on ${at.toISOString().slice(0, 10)}`,
      });
      return { taskId: task.id, answer: q.answer, effect: paused ? `${paused.cadence} paused` : 'recorded' };
    }
    const n = task.enrollmentId
      ? await skipBouncedEmailSteps(tx, { enrollmentId: task.enrollmentId, at })
      : 0;
    return {
      taskId: task.id,
      answer: q.answer,
      effect: `${n} later email step${n === 1 ? '' : 's'} skipped`,
    };
  });
}

/**
 * A letter step as a print-ready HTML page: the same words an email would carry, addressed
 * from the company's postal address to the prospect at their company's address.
 */
export async function letterFor(
  ctx: Ctx,
  input: { id: number; query: unknown },
): Promise<{ taskId: number; prospectId: number; html: string }> {
  const q = parseInput(letterQuerySchema, input.query, 'query');
  const at = resolveAt(q.at);
  // A task that does not exist is not found, whatever the settings.
  const draft = await draftFor(ctx, { id: input.id, at, kind: 'letter' });
  const postalAddress = ctx.team.postalAddress;
  if (!postalAddress)
    throw invalid(
      'postalAddress',
      'a letter needs the company’s postal address: reach config postalAddress="…"',
    );
  const prospect = await resolveProspect(ctx, draft.prospectId);
  const company = prospect.companyId ? await companyById(ctx.db, { id: prospect.companyId }) : null;
  const place = [company?.city ?? prospect.city, company?.region ?? prospect.region]
    .filter(Boolean)
    .join(', ');
  const zone = prospect.timezone ?? ctx.team.territoryZones[0] ?? 'UTC';
  const html = letterHtml({
    text: draft.text,
    date: DateTime.fromJSDate(at, { zone }).setLocale('en-US').toFormat('LLLL d, yyyy'),
    from: { seller: ctx.team.sellerName, postalAddress },
    to: {
      name: [prospect.firstName, prospect.lastName].filter(Boolean).join(' ') || (prospect.email ?? ''),
      title: prospect.title,
      company: company?.name ?? null,
      address: [company?.address, place, company?.country ?? prospect.country].filter((l): l is string =>
        Boolean(l),
      ),
    },
  });
  return { taskId: draft.taskId, prospectId: draft.prospectId, html };
}
