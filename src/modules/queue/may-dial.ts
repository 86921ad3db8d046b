import type { TeamRule } from '../../contracts/team-rules.ts';
import { localClock } from '../../shared/local-clock.ts';
import { type Audience, checkCall, dialsInLast, type Place, type Screening } from '../compliance/index.ts';
import { pursuitAllows, type Standing } from '../pursuit/pursuit-state.ts';

/** The limits a team sets; legal hours may only be narrowed. */
export type DialLimits = {
  callingHoursStart: string;
  callingHoursEnd: string;
  maxDialsPerDay: number;
  maxDialsPerWeek: number;
  /** Zones the team sells into: the window for a prospect whose zone is unknown. */
  territoryZones: string[];
  /** Whom the team calls: `consumer` (the strict reading, the default) keeps every rule; `b2b` drops those that exempt business calls. */
  audience?: Audience;
  /** The team's own rules, which only ever narrow the law's. */
  teamRules?: TeamRule[];
  /**
   * The national registers the book has been screened against (loaded as Do-Not-Call sources);
   * a number whose rules require one that is missing is refused. Left out: not checked.
   */
  screenedAgainst?: Screening[];
};

export type DialTarget = {
  timezone: string | null;
  timezoneCandidates: string[];
  optedOut: boolean;
  stage: string;
  numberOnDnc: boolean;
  numberValid: boolean;
  outOfOfficeUntil: Date | null;
  /** Instants of earlier dials to this prospect, any order. */
  dials: Date[];
  /** Instants of messages left to this prospect. */
  messages: Date[];
  /** A callback the prospect asked for: the minimum gap does not apply at that time. */
  callbackAt: Date | null;
  /** The jurisdictions the number may be in (its own, the record's address): each one's rules apply. */
  places?: Place[];
  /** The list the prospect came in with: team rules scoped to it apply. */
  list?: string | null;
  /** Where the pursuit stands: a booked meeting, a "no" resting, a referral… keeps them off the queue. */
  pursuit?: Pick<Standing, 'state' | 'until' | 'reason'>;
};

export type Refusal =
  | 'opted-out'
  | 'dnc-number'
  | 'invalid-number'
  | 'closed-stage'
  | 'pursuit'
  | 'out-of-office'
  | 'outside-legal-hours'
  | 'day-forbidden'
  | 'holiday'
  | 'attempt-cap'
  | 'not-screened'
  | 'zone-unknown'
  | 'daily-limit'
  | 'weekly-limit'
  | 'too-soon'
  | 'message-within-24h';

/** `why`: the sentences of the jurisdiction rules that refused, with their sources, for the rep. */
export type DialDecision = { ok: true } | { ok: false; refusals: Refusal[]; why: string[] };

/**
 * The courtesy limits every number is held to, whatever the law allows: the one source for the
 * pure check here and for the SQL shortlist (queue.repository.ts), which reads these values.
 */
export const COURTESY = {
  /** No second dial of a prospect within this many minutes. */
  minGapMinutes: 120,
  /** No dial within this many hours of leaving them a message. */
  afterMessageHours: 24,
  /** The window the weekly dial cap counts over. */
  weekHours: 7 * 24,
} as const;

const HOUR = 3_600_000;
const MIN_GAP = COURTESY.minGapMinutes * 60_000;
/** How near a promised callback time a dial counts as keeping the promise. */
export const CALLBACK_GRACE_MINUTES = 15;
const CALLBACK_GRACE = CALLBACK_GRACE_MINUTES * 60_000;

const minutes = (clock: string): number => {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
};

/** Whether `at` is inside the calling window in the given zone (the window's end is exclusive). */
export function insideWindow(at: Date, input: { zone: string; start: string; end: string }): boolean {
  const local = localClock(at, input.zone);
  if (!local) return false;
  const minute = local.hour * 60 + local.minute;
  return minute >= minutes(input.start) && minute < minutes(input.end);
}

/** The zones a dial must be legal in: the prospect's, every candidate when ambiguous, the territory when unknown. */
export function zonesToRespect(
  target: Pick<DialTarget, 'timezone' | 'timezoneCandidates'>,
  limits: DialLimits,
): string[] {
  if (target.timezone) return [target.timezone];
  if (target.timezoneCandidates.length > 0) return target.timezoneCandidates;
  return limits.territoryZones;
}

/** Whether `at` is inside the calling window in every one of these zones; never when there are none. */
export function insideCallingHours(at: Date, input: { zones: string[]; limits: DialLimits }): boolean {
  const { zones, limits } = input;
  return (
    zones.length > 0 &&
    zones.every((zone) =>
      insideWindow(at, { zone, start: limits.callingHoursStart, end: limits.callingHoursEnd }),
    )
  );
}

/**
 * Every rule that forbids a dial at `at`, whatever any strategy prefers: the team's hours and
 * the strictest jurisdiction rule (hours, days, holidays, rolling attempt caps) in every zone
 * the number may be in, Do-Not-Call, opt-out, closed stages, out-of-office, and the courtesy
 * limits (dials in any 24 hours and 7 days, two hours between dials unless a callback was
 * promised, no dial within 24 hours of a message that would force a second one).
 */
export function mayDial(at: Date, input: { target: DialTarget; limits: DialLimits }): DialDecision {
  const { target, limits } = input;
  const refusals: Refusal[] = [];
  const why: string[] = [];
  if (target.optedOut) refusals.push('opted-out');
  if (target.numberOnDnc) refusals.push('dnc-number');
  if (!target.numberValid) refusals.push('invalid-number');
  if (target.stage === 'customer' || target.stage === 'lost') refusals.push('closed-stage');
  else if (target.pursuit && !pursuitAllows(target.pursuit, at)) {
    refusals.push('pursuit');
    why.push(target.pursuit.reason);
  }
  if (target.outOfOfficeUntil && at < target.outOfOfficeUntil) refusals.push('out-of-office');
  const zones = zonesToRespect(target, limits);
  const earlier = target.dials.filter((d) => d <= at);
  if (zones.length === 0) refusals.push('zone-unknown');
  else {
    if (!insideCallingHours(at, { zones, limits })) refusals.push('outside-legal-hours');
    const law = checkCall(at, {
      zones,
      places: target.places ?? [],
      attempts: earlier,
      audience: limits.audience ?? 'consumer',
      teamRules: limits.teamRules ?? [],
      list: target.list ?? null,
      ...(limits.screenedAgainst ? { screenedAgainst: limits.screenedAgainst } : {}),
    });
    if (!law.ok)
      for (const refusal of law.refusals) {
        const code = lawRefusals[refusal.code];
        if (!code) continue;
        if (!refusals.includes(code)) refusals.push(code);
        why.push(refusal.text);
      }
  }
  // Rolling: a cap that reset at local midnight would allow four dials in sixteen hours.
  if (dialsInLast(24, at, earlier) >= limits.maxDialsPerDay) refusals.push('daily-limit');
  if (dialsInLast(COURTESY.weekHours, at, earlier) >= limits.maxDialsPerWeek) refusals.push('weekly-limit');
  const promised =
    target.callbackAt !== null && Math.abs(at.getTime() - target.callbackAt.getTime()) <= CALLBACK_GRACE;
  if (!promised && earlier.some((d) => at.getTime() - d.getTime() < MIN_GAP)) refusals.push('too-soon');
  if (
    !promised &&
    target.messages.some((m) => m <= at && at.getTime() - m.getTime() < COURTESY.afterMessageHours * HOUR)
  ) {
    refusals.push('message-within-24h');
  }
  return refusals.length === 0 ? { ok: true } : { ok: false, refusals, why };
}

const lawRefusals: Partial<Record<string, Refusal>> = {
  'outside-hours': 'outside-legal-hours',
  'day-forbidden': 'day-forbidden',
  holiday: 'holiday',
  'attempt-cap': 'attempt-cap',
  'screening-required': 'not-screened',
  'zone-unknown': 'zone-unknown',
};
