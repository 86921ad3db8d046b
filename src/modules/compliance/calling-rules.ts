import { DateTime } from 'luxon';
import type { TeamRule } from '../../contracts/team-rules.ts';
import { localClock, weekdayName, zoneCity } from '../../shared/local-clock.ts';
import { publicHoliday } from './holidays.ts';
import {
  type CallingRule,
  LEGAL_RULES,
  type LocalWindow,
  type Screening,
  type WeekHours,
} from './jurisdiction-rules.ts';

/** Where a number is: a country (ISO 3166) and, when known, a state or province ('FL' or 'US-FL'). */
export type Place = { country: string | null; region: string | null };
export type Audience = 'b2b' | 'consumer';

export type RuleScope = {
  /** Who is called. Unstated means the strict reading: consumer rules apply. */
  audience?: Audience;
  teamRules?: TeamRule[];
  list?: string | null;
};

export type CallInput = RuleScope & {
  /** Every zone the number may be in: a call must be legal in each. */
  zones: string[];
  /** Every place the number may be in: every rule of each applies. */
  places: Place[];
  /** Earlier dials to this person, any order. */
  attempts: Date[];
  /** Registers the number was screened against; when given, a missing required one refuses the call. */
  screenedAgainst?: Screening[];
};

export type RefusalCode =
  | 'outside-hours'
  | 'day-forbidden'
  | 'holiday'
  | 'attempt-cap'
  | 'screening-required'
  | 'zone-unknown';

export type RuleRefusal = { code: RefusalCode; ruleId: string; text: string };

/** `screening`: the registers the number must have been checked against before the call. */
export type CallCheck = { ok: true; screening: Screening[] } | { ok: false; refusals: RuleRefusal[] };

/** A rule as the evaluator uses it: a legal rule, or a team rule with the places it covers. */
type ActiveRule = {
  id: string;
  name: string;
  citation: string;
  hours: WeekHours | null;
  holidaysForbidden: boolean;
  calendars: { country: string; region: string | null }[];
  attemptCap: CallingRule['attemptCap'];
  requiresScreening: Screening[];
  clockZone: CallingRule['clockZone'];
};

const HOUR = 3_600_000;

// Read for every rule of every candidate dial: a prefix test, not a regular expression built each time.
const regionOf = (place: Place): string | null => {
  if (place.region === null) return null;
  const prefix = `${place.country ?? ''}-`;
  return place.region.startsWith(prefix) ? place.region.slice(prefix.length) : place.region;
};

const inForce = (rule: CallingRule, at: Date): boolean => {
  const day = at.toISOString().slice(0, 10);
  return rule.effective <= day && (rule.until === null || day < rule.until);
};

const teamRuleCovers = (rule: TeamRule, place: Place, list: string | null): boolean => {
  if (rule.list !== null && rule.list !== list) return false;
  if (rule.jurisdictions.length === 0) return true;
  const region = regionOf(place);
  return rule.jurisdictions.some(
    (code) => code === place.country || (region !== null && code === `${place.country}-${region}`),
  );
};

/**
 * The legal rules in force at `at` for a place, then the team's own rules that cover it. A
 * team calling businesses only ('b2b') drops the rules whose source clearly exempts B2B calls.
 */
export function rulesFor(
  place: Place,
  opts: RuleScope & { at: Date },
): { legal: CallingRule[]; team: TeamRule[] } {
  const region = regionOf(place);
  const legal = LEGAL_RULES.filter(
    (rule) =>
      rule.jurisdiction.country === place.country &&
      (rule.jurisdiction.region === null || rule.jurisdiction.region === region) &&
      inForce(rule, opts.at) &&
      !((opts.audience ?? 'consumer') === 'b2b' && rule.b2bExempt),
  );
  const team = (opts.teamRules ?? []).filter((rule) => teamRuleCovers(rule, place, opts.list ?? null));
  return { legal, team };
}

function activeRules(at: Date, input: CallInput): ActiveRule[] {
  const byId = new Map<string, ActiveRule>();
  // A number placed nowhere still answers to the team's rules that cover every place.
  const places = input.places.length > 0 ? input.places : [{ country: null, region: null }];
  for (const place of places) {
    const { legal, team } = rulesFor(place, { ...input, at });
    for (const rule of legal) {
      byId.set(rule.id, {
        ...rule,
        citation: rule.source.citation,
        calendars: [{ country: rule.jurisdiction.country, region: rule.jurisdiction.region }],
      });
    }
    for (const rule of team) {
      const id = `team:${rule.id}`;
      const calendars = byId.get(id)?.calendars ?? [];
      if (place.country !== null) calendars.push({ country: place.country, region: regionOf(place) });
      byId.set(id, {
        id,
        name: rule.label,
        citation: 'your team’s rule',
        hours: rule.hours ?? null,
        holidaysForbidden: rule.holidaysForbidden,
        calendars,
        attemptCap: rule.attemptCap ?? null,
        requiresScreening: [],
        clockZone: null,
      });
    }
  }
  return [...byId.values()];
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const windowsText = (windows: LocalWindow[]): string =>
  windows.map((window) => `${window.start}–${window.end}`).join(' and ');
const DAY_NAMES = { weekday: 'weekdays', saturday: 'Saturdays', sunday: 'Sundays' } as const;

/** Why `rule` forbids a call at `at` in `zone`, or null when it allows it. */
function refuseByClock(rule: ActiveRule, at: Date, zone: string): RuleRefusal | null {
  if (rule.hours === null && !rule.holidaysForbidden) return null;
  const local = localClock(at, rule.clockZone?.zone ?? zone);
  const where = zoneCity(zone);
  if (!local)
    return { code: 'zone-unknown', ruleId: rule.id, text: `${zone} is not a time zone Reach knows.` };
  if (rule.holidaysForbidden) {
    for (const calendar of rule.calendars) {
      const holiday = publicHoliday(local.date, calendar);
      if (holiday !== null) {
        const text = `${rule.name} forbids these calls on public holidays (${rule.citation}); it is ${holiday} in ${where}.`;
        return { code: 'holiday', ruleId: rule.id, text };
      }
    }
  }
  if (rule.hours === null) return null;
  const kind = local.weekday === 7 ? 'sunday' : local.weekday === 6 ? 'saturday' : 'weekday';
  const windows = rule.hours[kind];
  if (windows.length === 0) {
    const text = `${rule.name} forbids these calls on ${DAY_NAMES[kind]} (${rule.citation}); it is ${weekdayName(local.weekday)} in ${where}.`;
    return { code: 'day-forbidden', ruleId: rule.id, text };
  }
  const minute = local.hour * 60 + local.minute;
  if (windows.some((window) => minute >= minutesOf(window.start) && minute < minutesOf(window.end)))
    return null;
  const their = rule.clockZone === null ? 'their time' : rule.clockZone.label;
  const on = Object.values(rule.hours).every((day) => windowsText(day) === windowsText(windows))
    ? ''
    : ` on ${DAY_NAMES[kind]}`;
  const clock = rule.clockZone === null ? local.clock : `${local.clock} ${rule.clockZone.label}`;
  const text = `${rule.name} allows calls ${windowsText(windows)}${on} ${their} (${rule.citation}); it is ${clock} in ${where}.`;
  return { code: 'outside-hours', ruleId: rule.id, text };
}

/** How many of `attempts` fall in the rolling window (at − hours, at]: a replacement for a daily cap reset at midnight. */
export function dialsInLast(hours: number, at: Date, attempts: Date[]): number {
  const end = at.getTime();
  const start = end - hours * HOUR;
  return attempts.filter((attempt) => attempt.getTime() > start && attempt.getTime() <= end).length;
}

function refuseByCap(rule: ActiveRule, at: Date, attempts: Date[]): RuleRefusal | null {
  if (rule.attemptCap === null) return null;
  const { max, withinHours } = rule.attemptCap;
  const made = dialsInLast(withinHours, at, attempts);
  if (made < max) return null;
  const span =
    withinHours % 24 === 0 && withinHours > 24 ? `${withinHours / 24} days` : `${withinHours} hours`;
  const text = `${rule.name} allows at most ${max} calls to one person in ${span} (${rule.citation}); ${made} were made in the last ${span}.`;
  return { code: 'attempt-cap', ruleId: rule.id, text };
}

/**
 * Whether a call at `at` satisfies every rule that applies: each place's legal rules and the
 * team's rules, in every candidate zone (the strictest wins), with rolling attempt caps.
 */
export function checkCall(at: Date, input: CallInput): CallCheck {
  const refusals: RuleRefusal[] = [];
  if (input.zones.length === 0) {
    refusals.push({ code: 'zone-unknown', ruleId: 'zone', text: 'The number’s time zone is unknown.' });
  }
  const zones = input.zones.filter((zone) => {
    if (localClock(at, zone)) return true;
    refusals.push({ code: 'zone-unknown', ruleId: 'zone', text: `${zone} is not a time zone Reach knows.` });
    return false;
  });
  const rules = activeRules(at, input);
  const screening = [...new Set(rules.flatMap((rule) => rule.requiresScreening))];
  for (const rule of rules) {
    for (const zone of zones) {
      const refusal = refuseByClock(rule, at, zone);
      if (refusal) {
        refusals.push(refusal);
        break;
      }
    }
    const capped = refuseByCap(rule, at, input.attempts);
    if (capped) refusals.push(capped);
    const missing = rule.requiresScreening.filter((register) => !input.screenedAgainst?.includes(register));
    if (input.screenedAgainst !== undefined && missing.length > 0) {
      const text = `${rule.name} requires screening against ${missing.join(' and ')} before a marketing call (${rule.citation}).`;
      refusals.push({ code: 'screening-required', ruleId: rule.id, text });
    }
  }
  return refusals.length === 0 ? { ok: true, screening } : { ok: false, refusals };
}

const QUARTER = 15 * 60_000;

/**
 * The first instant at or after `from` when `checkCall` allows the call, searching quarter hours
 * and the instants an attempt leaves a rolling cap, up to `days` ahead; null when none.
 */
export function nextAllowed(from: Date, input: CallInput, days = 14): Date | null {
  const start = from.getTime();
  const end = start + days * 24 * HOUR;
  const caps = activeRules(from, input).flatMap((rule) =>
    rule.attemptCap ? [rule.attemptCap.withinHours] : [],
  );
  const releases = input.attempts
    .flatMap((attempt) => caps.map((hours) => attempt.getTime() + hours * HOUR))
    .filter((ms) => ms > start && ms <= end)
    .sort((a, b) => a - b);
  let release = 0;
  for (let ms = start; ms <= end; ms = Math.floor(ms / QUARTER) * QUARTER + QUARTER) {
    for (; release < releases.length && releases[release]! < ms; release++) {
      const candidate = new Date(releases[release]!);
      if (checkCall(candidate, input).ok) return candidate;
    }
    if (checkCall(new Date(ms), input).ok) return new Date(ms);
  }
  return null;
}

/**
 * The intervals of a local day (`YYYY-MM-DD` in `zone`, default the first candidate zone) when a
 * call is allowed, by quarter hour, as local `HH:mm` (end exclusive; a day's end is `24:00`).
 */
export function windowsOn(localDate: string, input: CallInput & { zone?: string }): LocalWindow[] {
  const zone = input.zone ?? input.zones[0];
  if (zone === undefined) return [];
  const day = DateTime.fromISO(localDate, { zone }).startOf('day');
  if (!day.isValid) return [];
  const end = day.plus({ days: 1 }).toMillis();
  const intervals: LocalWindow[] = [];
  let open: string | null = null;
  for (let ms = day.toMillis(); ms < end; ms += QUARTER) {
    const clock = localClock(new Date(ms), zone)?.clock ?? '00:00';
    const ok = checkCall(new Date(ms), input).ok;
    if (ok && open === null) open = clock;
    if (!ok && open !== null) {
      intervals.push({ start: open, end: clock });
      open = null;
    }
  }
  if (open !== null) intervals.push({ start: open, end: '24:00' });
  return intervals;
}

/** Every legal rule, for the README, `reach rules` and `GET /api/v1/rules`. */
export function ruleCatalogue(): Pick<
  CallingRule,
  | 'id'
  | 'name'
  | 'jurisdiction'
  | 'summary'
  | 'source'
  | 'effective'
  | 'until'
  | 'appliesTo'
  | 'b2bExempt'
  | 'verify'
>[] {
  return LEGAL_RULES.map(
    ({ id, name, jurisdiction, summary, source, effective, until, appliesTo, b2bExempt, verify }) => ({
      id,
      name,
      jurisdiction,
      summary,
      source,
      effective,
      until,
      appliesTo,
      b2bExempt,
      verify,
    }),
  );
}
