import type { Recommendation } from '../../contracts/vocabulary.ts';

/** What has gone into one prospect so far. */
export type Effort = {
  attempts: number;
  /** Conversations with the decision maker: attempts that reached them, and their calls back. */
  reached: number;
  /** Voicemails left. */
  messages: number;
  /** The rep's time on the prospect: talk, messages, wrap-up. */
  repSeconds: number;
  lastAttemptAt: Date | null;
};

/** A prospect never tried. */
export const NO_EFFORT: Effort = { attempts: 0, reached: 0, messages: 0, repSeconds: 0, lastAttemptAt: null };

/** What the book has learned: the yardsticks one prospect's worth is read against. */
export type BookRates = {
  /** Meetings booked per conversation with a decision maker. */
  meetingRate: number;
  /** Callbacks per message left. */
  callbackRate: number;
  /** The rep's seconds per attempt, across the book. */
  secondsPerAttempt: number;
  /** Pipeline value an hour of the rep's time books on this book: what an hour spent elsewhere would earn. */
  hourlyValue: number;
  /** `team` when the team set it, `book` when learned from meetings per rep-hour. */
  hourlyValueFrom: 'team' | 'book';
};

export type Pursuit = {
  recommendation: Recommendation;
  reason: string;
  /** The chance of a conversation within the next `HORIZON` attempts. */
  chance: number;
  /** Expected pipeline value of those attempts: weight × chance × meeting rate. */
  expectedValue: number;
  /** Their cost: the rep's time at the hourly value. */
  cost: number;
  /** Expected value over cost: 1 means as good as an average hour on the book. */
  ratio: number;
  /** Not before this instant: spacing for a slow-down, the nurture date after a drop, one a day after many tries. */
  resumeAt: Date | null;
  effort: Effort;
};

/** The attempts ahead the decision weighs. */
export const HORIZON = 10;
/** Before this many attempts the record says too little to stop. */
export const MIN_ATTEMPTS = 3;
/** How many dials the book's rate is worth against the prospect's own record. */
export const PRIOR_DIALS = 10;
/** At or above half an average hour's yield, keep going; below a fifth, drop. */
export const CONTINUE_AT = 0.5;
export const DROP_BELOW = 0.2;
/** A slowed prospect gets a touch a week; a dropped one is nurtured again after a quarter. */
export const SLOW_DOWN_DAYS = 7;
export const NURTURE_DAYS = 90;
/** After this many unanswered attempts, about a day between attempts: persistence, not pestering. */
export const PACE_AFTER = 6;
/** A full day: a second call inside 24 hours of the last is the one that annoys. */
export const PACE_GAP_HOURS = 24;

const DAY_MS = 86_400_000;

export type PursuitInput = {
  at: Date;
  /** The prospect's weight: deal value (or the typical value), raised by stage. */
  weight: number;
  optedOut: boolean;
  /** The book's chance of reaching someone like this prospect on one dial. */
  priorReach: number;
  effort: Effort;
  rates: BookRates;
};

/**
 * Keep, slow down or drop: the expected pipeline of the next attempts (the chance of a
 * conversation from the prospect's record against the book's, with callbacks earned by
 * messages, times the meeting rate and the prospect's weight) against what the same rep
 * time earns on an average hour of the book. Past effort counts through the record it left;
 * the decision looks forward.
 */
export function pursuitOf(input: PursuitInput): Pursuit {
  const { effort, rates } = input;
  const reach =
    (PRIOR_DIALS * input.priorReach + effort.reached) / (PRIOR_DIALS + Math.max(effort.attempts, 0));
  const messageShare = effort.attempts > 0 ? Math.min(1, effort.messages / effort.attempts) : 0;
  const perAttempt = reach + (1 - reach) * messageShare * rates.callbackRate;
  const chance = 1 - (1 - perAttempt) ** HORIZON;
  const expectedValue = input.weight * chance * rates.meetingRate;
  const seconds =
    effort.attempts >= MIN_ATTEMPTS ? effort.repSeconds / effort.attempts : rates.secondsPerAttempt;
  const cost = ((HORIZON * seconds) / 3600) * rates.hourlyValue;
  const ratio = cost > 0 ? expectedValue / cost : Number.POSITIVE_INFINITY;
  const base = {
    chance: round(chance),
    expectedValue: round(expectedValue),
    cost: round(cost),
    ratio: round(ratio),
    effort,
  };
  const spent = effortWords(effort);
  if (input.optedOut)
    return {
      ...base,
      recommendation: 'drop',
      reason: 'asked to stop: never contacted again',
      resumeAt: null,
    };
  const worth = `${percent(chance)} chance of a conversation in the next ${HORIZON} attempts, ${times(ratio)} the pipeline of an average hour`;
  if (effort.attempts < MIN_ATTEMPTS)
    return { ...base, recommendation: 'continue', reason: `${spent}: too early to judge`, resumeAt: null };
  if (ratio < DROP_BELOW) {
    const resumeAt = after(effort.lastAttemptAt ?? input.at, NURTURE_DAYS);
    return {
      ...base,
      recommendation: 'drop',
      reason: `${spent}; ${worth}: drop, nurture from ${day(resumeAt)}`,
      resumeAt,
    };
  }
  if (ratio < CONTINUE_AT)
    return {
      ...base,
      recommendation: 'slow-down',
      reason: `${spent}; ${worth}: a touch a week, try email or a letter`,
      resumeAt: after(effort.lastAttemptAt ?? input.at, SLOW_DOWN_DAYS),
    };
  const unanswered = effort.attempts - effort.reached;
  const paced = unanswered >= PACE_AFTER && effort.lastAttemptAt !== null;
  return {
    ...base,
    recommendation: 'continue',
    reason: `${spent}; ${worth}${paced ? `: ${unanswered} unanswered, a day between attempts` : ''}`,
    resumeAt: paced ? new Date(effort.lastAttemptAt!.getTime() + PACE_GAP_HOURS * 3_600_000) : null,
  };
}

/** The book's record: every attempt's effort and yield, and callbacks credited to messages. */
export type BookTotals = {
  attempts: number;
  reached: number;
  messages: number;
  repSeconds: number;
  meetings: number;
  callbacks: number;
};

/**
 * Priors for a young book, each worth a little evidence: one conversation in seven books a
 * meeting (20 conversations' worth), three messages in a hundred earn a callback (30
 * messages'), a minute an attempt (20 attempts'), half a meeting an hour (4 hours').
 */
const PRIOR = {
  meetingRate: [0.15, 20],
  callbackRate: [0.03, 30],
  secondsPerAttempt: [60, 20],
  meetingsPerHour: [0.5, 4],
} as const;

/** A book with no record yet. */
export const NO_TOTALS: BookTotals = {
  attempts: 0,
  reached: 0,
  messages: 0,
  repSeconds: 0,
  meetings: 0,
  callbacks: 0,
};

/** The book's yardsticks from its record, pulled toward the priors while it is young. */
export function bookRates(input: {
  totals: BookTotals;
  typicalValue: number;
  teamHourlyValue: number | null;
}): BookRates {
  const t = input.totals;
  const pooled = ([mean, weight]: readonly [number, number], hits: number, trials: number) =>
    (hits + mean * weight) / (trials + weight);
  const hours = t.repSeconds / 3600;
  return {
    meetingRate: pooled(PRIOR.meetingRate, t.meetings, t.reached + t.callbacks),
    callbackRate: pooled(PRIOR.callbackRate, t.callbacks, t.messages),
    secondsPerAttempt: pooled(PRIOR.secondsPerAttempt, t.repSeconds, t.attempts),
    hourlyValue:
      input.teamHourlyValue ?? pooled(PRIOR.meetingsPerHour, t.meetings, hours) * input.typicalValue,
    hourlyValueFrom: input.teamHourlyValue === null ? 'book' : 'team',
  };
}

/** The book's reach rate pooled toward the persona group's: the prior for one prospect's own record. */
export function priorReach(input: {
  book: { dials: number; reached: number };
  group: { dials: number; reached: number } | undefined;
}): number {
  const bookRate = (input.book.reached + 0.5) / (input.book.dials + 10);
  const group = input.group ?? { dials: 0, reached: 0 };
  return (group.reached + PRIOR_DIALS * bookRate) / (group.dials + PRIOR_DIALS);
}

/** May the prospect be tried at `at` under this recommendation? */
export const mayPursue = (pursuit: Pursuit, at: Date): boolean =>
  pursuit.resumeAt === null ? pursuit.recommendation !== 'drop' : pursuit.resumeAt <= at;

const after = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);
const day = (d: Date): string => d.toISOString().slice(0, 10);
const round = (n: number): number => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n);
const percent = (n: number): string => `${Math.round(n * 100)}%`;
const times = (n: number): string =>
  Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)}×` : 'beyond';

/** "12 attempts, 3 messages, 1.5 h": the effort as a manager reads it. */
export function effortWords(effort: Effort): string {
  const minutes = Math.round(effort.repSeconds / 60);
  const time = minutes >= 90 ? `${(minutes / 60).toFixed(1)} h` : `${minutes} min`;
  const reached =
    effort.reached > 0 ? `, ${effort.reached} conversation${effort.reached === 1 ? '' : 's'}` : '';
  return `${effort.attempts} attempt${effort.attempts === 1 ? '' : 's'}${reached}, ${effort.messages} message${effort.messages === 1 ? '' : 's'}, ${time}`;
}
