import { type MessageKind, messageKinds, type Outcome, type Result } from '../../contracts/vocabulary.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import type { Stage } from './stages.ts';

export {
  type MessageKind,
  messageKinds,
  type Outcome,
  outcomes,
  type Result,
  results,
} from '../../contracts/vocabulary.ts';

/**
 * The rep's usual seconds on an attempt when its talk time was not logged: ringing out, a
 * word with a gatekeeper, a message, a conversation. Migration 0007 backfilled with these.
 */
export const USUAL_SECONDS: Record<Outcome, number> = {
  reached: 300,
  gatekeeper: 60,
  'voicemail-left': 60,
  voicemail: 25,
  'no-answer': 25,
  busy: 10,
  'bad-number': 10,
  'wrong-person': 60,
};
/** Noting the outcome after every attempt. */
export const WRAP_UP_SECONDS = 20;

/** The rep's time an attempt took: its logged talk time or the usual for its outcome, and the wrap-up. */
export const repSecondsOf = (outcome: Outcome, durationSeconds: number | null | undefined): number =>
  (durationSeconds ?? USUAL_SECONDS[outcome]) + WRAP_UP_SECONDS;

/** Bad-number results that take a number out of use; a carrier's word that it does not exist takes one. */
export const BAD_NUMBER_LIMIT = 2;

/** Outcomes that are a conversation with a person, and so may carry a result. */
const conversational = new Set<Outcome>(['reached', 'gatekeeper']);
const needsTime = new Set<Result>(['meeting', 'callback-scheduled']);
/** How far ahead of the clock a logged call may be: a rep logging as the call ends, on a clock a little fast. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export type LogShape = {
  outcome: Outcome;
  at: Date;
  now: Date;
  result?: Result | undefined;
  resultAt?: Date | undefined;
  messageKind?: MessageKind | undefined;
  messageText?: string | undefined;
  hasReferral?: boolean | undefined;
};

/** Everything wrong with a call log entry, each naming its field; empty when it may be recorded. */
export function checkLog(log: LogShape): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (log.at.getTime() - log.now.getTime() > FUTURE_TOLERANCE_MS) {
    issues.push({
      field: 'at',
      reason: `is in the future (${log.at.toISOString()}); a call is logged when it happened`,
    });
  }
  if (log.outcome === 'voicemail-left' && !log.messageKind) {
    issues.push({
      field: 'messageKind',
      reason: `a message left needs its kind: ${messageKinds.join(', ')}`,
    });
  }
  if (log.outcome !== 'voicemail-left' && (log.messageKind || log.messageText)) {
    issues.push({
      field: 'message',
      reason: `only a voicemail-left outcome carries a message, not ${log.outcome}`,
    });
  }
  if (log.result && !conversational.has(log.outcome)) {
    issues.push({
      field: 'result',
      reason: `a ${log.outcome} outcome cannot have a result; only reached and gatekeeper can`,
    });
  }
  issues.push(...resultTimeIssues(log.result, log.resultAt));
  if (log.result === 'referred' && !log.hasReferral) {
    issues.push({
      field: 'referral',
      reason: 'say who they referred you to: an existing prospect, or a name or email',
    });
  }
  if (log.hasReferral && log.result !== 'referred') {
    issues.push({ field: 'referral', reason: 'only a referred result names a referral' });
  }
  return issues;
}

/** A meeting and a promised callback need their time; no other result has one. */
export function resultTimeIssues(result: Result | undefined, resultAt: Date | undefined): FieldIssue[] {
  if (result && needsTime.has(result) && !resultAt)
    return [{ field: 'resultAt', reason: `a ${result} needs its time` }];
  if (resultAt && !(result && needsTime.has(result)))
    return [{ field: 'resultAt', reason: 'only a meeting or a callback-scheduled result has a time' }];
  return [];
}

/** The task a result promises: a meeting, a callback at a time, or none. */
export const followUpOf = (result: Result | null | undefined): 'meeting' | 'callback' | null =>
  result === 'meeting' ? 'meeting' : result === 'callback-scheduled' ? 'callback' : null;

export type StageMove = { to: Stage; reason: string };
const rank: Record<Stage, number> = { new: 0, contacted: 1, engaged: 2, interested: 3, customer: 4, lost: 4 };

/**
 * Where a call moves the prospect's stage: the first attempt makes a new prospect contacted; a
 * conversation with interest makes them engaged, a meeting interested. Never backwards, and
 * never out of customer or lost.
 */
export function nextStage(
  current: Stage,
  log: { outcome: Outcome; result?: Result | undefined },
): StageMove | null {
  const target: StageMove | null =
    log.outcome === 'reached' && log.result === 'meeting'
      ? { to: 'interested', reason: 'meeting booked' }
      : log.outcome === 'reached' && (log.result === 'interested' || log.result === 'callback-scheduled')
        ? { to: 'engaged', reason: `conversation: ${log.result}` }
        : { to: 'contacted', reason: 'first attempt' };
  if (current === 'customer' || current === 'lost') return null;
  return rank[target.to] > rank[current] ? target : null;
}
