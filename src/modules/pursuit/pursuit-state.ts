import type { pursuitSources } from '../../contracts/pursuit.contract.ts';
import { type PursuitState, pursuitStates } from '../../contracts/vocabulary.ts';
import type { Outcome, Result } from '../outcomes/call-rules.ts';

/** The command line's `pursuit --set` lists these from here. */
export { settableStates } from '../../contracts/vocabulary.ts';

/** Days a "not interested" rests before another approach, unless the team sets its own. */
export const NURTURE_DAYS = 90;
/** How near a promised callback's time the prospect comes back to the queue. */
export const PROMISE_EARLY_MINUTES = 15;

/** Something that moved the pursuit: a logged conversation, a callback's result, or the rep's hand. */
export type PursuitEvent = {
  at: Date;
  source: (typeof pursuitSources)[number];
  outcome?: Outcome | null;
  result?: Result | null;
  /** The meeting's or promised callback's time; for the rep's hand, the state's end. */
  resultAt?: Date | null;
  /** For the rep's hand: the state chosen and why. */
  state?: PursuitState;
  reason?: string | null;
  /** For a referral: whom they sent the rep to. */
  referredTo?: string | null;
};

export type Standing = {
  state: PursuitState;
  /** When the state began. */
  since: Date | null;
  /** When it ends by itself: the meeting's time, the promised callback, the nurture date. */
  until: Date | null;
  /** Why, in words a rep reads. */
  reason: string;
  /** What to do next, when the state asks for something other than a dial. */
  next: string | null;
};

const DAY = 86_400_000;
const day = (d: Date): string => d.toISOString().slice(0, 10);
const minute = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The standing the latest event before `at` gives, read at `at` (a dated state past its end has moved on). */
export function pursuitStanding(events: PursuitEvent[], input: StandingInput & { at: Date }): Standing {
  const before = events.filter((e) => e.at <= input.at);
  return standingAt(latestStanding(before, input), input.at, input.company ?? null);
}

type StandingInput = { stage: string; optedOut: boolean; nurtureDays?: number; company?: string | null };

/** The standing the latest event gives as it was set, before its time runs: what the prospect row keeps. */
export function latestStanding(events: PursuitEvent[], input: StandingInput): Standing {
  const overridden = overriding(input);
  if (overridden) return overridden;
  const latest = events
    .filter(moves)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .at(-1);
  if (!latest) return { state: 'open', since: null, until: null, reason: 'being prospected', next: null };
  return standingOf(latest, input.nurtureDays ?? NURTURE_DAYS, input.company ?? null);
}

/**
 * What wins over anything said last: an opt-out, and a customer or lost stage (the stage
 * reopens them).
 */
function overriding(input: { optedOut: boolean; stage: string }): Standing | null {
  if (input.optedOut)
    return { state: 'do-not-call', since: null, until: null, reason: 'asked not to be called', next: null };
  const stage = input.stage;
  if (stage === 'customer')
    return { state: 'customer', since: null, until: null, reason: 'a customer: not prospected', next: null };
  if (stage === 'lost') return { state: 'lost', since: null, until: null, reason: 'marked lost', next: null };
  return null;
}

/** A prospect row's kept standing, read at `at`: an opt-out or a closed stage since it was kept still wins. */
export function readStanding(
  row: {
    pursuit: string;
    pursuitSince: Date | null;
    pursuitUntil: Date | null;
    pursuitReason: string | null;
    optedOut: boolean;
    stage: string;
    company?: string | null;
  },
  at: Date,
): Standing {
  const overridden = overriding(row);
  if (overridden) return overridden;
  const state = (pursuitStates as readonly string[]).includes(row.pursuit)
    ? (row.pursuit as PursuitState)
    : 'open';
  const kept: Standing = {
    state,
    since: row.pursuitSince,
    until: row.pursuitUntil,
    reason: row.pursuitReason ?? 'being prospected',
    next: nextOf(state, row.company ?? null),
  };
  return standingAt(kept, at, row.company ?? null);
}

/** Whether an event moves the pursuit: a conversation's result, a wrong person, the rep's hand. */
export const moves = (e: PursuitEvent): boolean =>
  e.source === 'rep' || e.outcome === 'wrong-person' || (e.result !== null && e.result !== undefined);

function standingOf(e: PursuitEvent, nurtureDays: number, company: string | null): Standing {
  const since = e.at;
  const at = company ? ` at ${company}` : '';
  if (e.source === 'rep' && e.state) {
    const reason = e.reason ? `set by hand: ${e.reason}` : 'set by hand';
    const until =
      e.resultAt ?? (e.state === 'not-interested' ? new Date(since.getTime() + nurtureDays * DAY) : null);
    return { state: e.state, since, until, reason, next: nextOf(e.state, company) };
  }
  const heard = e.source === 'callback' ? 'called back' : 'said';
  if (e.outcome === 'wrong-person')
    return {
      state: 'wrong-person',
      since,
      until: null,
      reason: `the wrong person on ${day(since)}`,
      next: nextOf('wrong-person', company),
    };
  switch (e.result) {
    case 'meeting':
      return {
        state: 'meeting-booked',
        since,
        until: e.resultAt ?? null,
        reason: `meeting booked for ${e.resultAt ? minute(e.resultAt) : 'a time to confirm'}`,
        next: null,
      };
    case 'callback-scheduled':
      return {
        state: 'callback',
        since,
        until: e.resultAt ?? null,
        reason: `${e.source === 'callback' ? 'called back and ' : ''}asked to be called ${e.resultAt ? `at ${minute(e.resultAt)}` : 'back'}`,
        next: null,
      };
    case 'not-interested': {
      const until = new Date(since.getTime() + nurtureDays * DAY);
      return {
        state: 'not-interested',
        since,
        until,
        reason: `${heard} not interested on ${day(since)}: resting until ${day(until)}`,
        next: null,
      };
    }
    case 'referred':
      return {
        state: 'referred',
        since,
        until: null,
        reason: `referred you to ${e.referredTo ?? 'someone else'}${at} on ${day(since)}`,
        next: e.referredTo ? `call ${e.referredTo}` : null,
      };
    case 'do-not-call':
      // Still opted out, the standing above says so; here the request has been lifted with consent.
      return {
        state: 'open',
        since,
        until: null,
        reason: `asked not to be called on ${day(since)}; lifted with their consent since`,
        next: null,
      };
    default:
      return {
        state: 'open',
        since,
        until: null,
        reason: `${heard} ${e.result ?? 'they would hear more'} on ${day(since)}`,
        next: null,
      };
  }
}

/** A kept standing read at `at`: the meeting has happened, the nurture has run, the promise has passed. */
export function standingAt(s: Standing, at: Date, company: string | null): Standing {
  if (!s.until || at < s.until) return s;
  switch (s.state) {
    case 'meeting-booked':
      return {
        state: 'follow-up',
        since: s.until,
        until: null,
        reason: `met on ${day(s.until)}: follow up in the pipeline, not the prospecting queue`,
        next: nextOf('follow-up', company),
      };
    case 'not-interested':
      return {
        state: 'open',
        since: s.until,
        until: null,
        reason: `said no on ${day(s.since!)}; rested ${Math.round((s.until.getTime() - s.since!.getTime()) / DAY)} days`,
        next: `a different approach: another kind of message, or another person${company ? ` at ${company}` : ''}`,
      };
    case 'callback':
      return s;
    default:
      return { ...s, until: null };
  }
}

function nextOf(state: PursuitState, company: string | null): string | null {
  const there = company ? ` at ${company}` : '';
  if (state === 'wrong-person') return `find the right person${there}`;
  if (state === 'follow-up') return 'follow up on the meeting';
  if (state === 'referred') return 'call the person they referred you to';
  return null;
}

/**
 * Whether the standing lets the prospect be proposed at `at`: open, a promised callback from a
 * quarter of an hour before its time, nothing else. With its reason when not.
 */
export function pursuitAllows(s: Pick<Standing, 'state' | 'until' | 'reason'>, at: Date): boolean {
  if (s.state === 'open') return true;
  if (s.state === 'callback')
    return !s.until || at.getTime() >= s.until.getTime() - PROMISE_EARLY_MINUTES * 60_000;
  if (s.state === 'not-interested') return s.until !== null && at >= s.until;
  return false;
}

/** The standing as the voicemail decision reads it: the state, whether it may be called at `at`, and why. */
export const pursuitWord = (s: Standing, at: Date): { state: string; callable: boolean; reason: string } => ({
  state: s.state,
  callable: pursuitAllows(s, at),
  reason: s.reason,
});
