import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** The law as this test reads it, written out again by hand: [from, to) in hours per weekday (1 Mon - 7 Sun). */
type Law = {
  hours: (weekday: number) => [number, number][];
  holidays?: { country: string; region?: string };
  cap?: { max: number; hours: number };
  clock?: string;
};
const daily = (from: number, to: number) => () => [[from, to]] as [number, number][];
const FEDERAL: Law = { hours: daily(8, 21) };
export const LAWS: Record<string, Law[]> = {
  'US-NY': [FEDERAL],
  'US-FL': [FEDERAL, { hours: daily(8, 20), cap: { max: 3, hours: 24 } }],
  'US-OK': [FEDERAL, { hours: daily(8, 20), cap: { max: 3, hours: 24 } }],
  'US-MD': [FEDERAL, { hours: daily(8, 20), cap: { max: 3, hours: 24 } }],
  'US-AL': [FEDERAL, { hours: (d) => (d === 7 ? [] : [[8, 20]]), holidays: { country: 'US', region: 'AL' } }],
  'US-LA': [FEDERAL, { hours: (d) => (d === 7 ? [] : [[8, 20]]), holidays: { country: 'US', region: 'LA' } }],
  'US-MS': [FEDERAL, { hours: (d) => (d === 7 ? [] : [[8, 20]]), clock: 'UTC-6' }],
  'US-UT': [FEDERAL, { hours: (d) => (d === 7 ? [] : [[8, 21]]), holidays: { country: 'US', region: 'UT' } }],
  'US-RI': [
    FEDERAL,
    {
      hours: (d) => (d === 7 ? [] : d === 6 ? [[10, 17]] : [[9, 18]]),
      holidays: { country: 'US', region: 'RI' },
    },
  ],
  'US-TX': [FEDERAL, { hours: (d) => (d === 7 ? [[12, 21]] : [[9, 21]]) }],
  CA: [{ hours: (d) => (d >= 6 ? [[10, 18]] : [[9, 21.5]]) }],
  GB: [],
  FR: [
    {
      hours: (d) =>
        d >= 6
          ? []
          : [
              [10, 13],
              [14, 20],
            ],
      holidays: { country: 'FR' },
      cap: { max: 4, hours: 30 * 24 },
    },
  ],
};
export const ZONES: Record<string, string[]> = {
  'US-NY': ['America/New_York'],
  'US-FL': ['America/New_York', 'America/Chicago'],
  'US-OK': ['America/Chicago'],
  'US-MD': ['America/New_York'],
  'US-AL': ['America/Chicago'],
  'US-LA': ['America/Chicago'],
  'US-MS': ['America/Chicago'],
  'US-UT': ['America/Denver'],
  'US-RI': ['America/New_York'],
  'US-TX': ['America/Chicago', 'America/Denver'],
  CA: ['America/St_Johns', 'America/Halifax', 'America/Toronto', 'America/Regina', 'America/Vancouver'],
  GB: ['Europe/London'],
  FR: ['Europe/Paris'],
};

const holidaySets = new Map<string, Set<string>>();
function isHoliday(date: string, where: { country: string; region?: string }): boolean {
  const key = `${where.country}-${where.region ?? ''}-${date.slice(0, 4)}`;
  if (!holidaySets.has(key)) {
    const calendar = where.region ? new Holidays(where.country, where.region) : new Holidays(where.country);
    const days = calendar
      .getHolidays(Number(date.slice(0, 4)))
      .filter((holiday) => holiday.type === 'public');
    holidaySets.set(key, new Set(days.map((holiday) => holiday.date.slice(0, 10))));
  }
  return holidaySets.get(key)!.has(date);
}

/**
 * Whether every law of a jurisdiction ('US-FL', 'CA', 'FR') allows a call at `at` in each of the
 * zones (the jurisdiction's own when left out), read with luxon and date-holidays. A US state
 * with no law of its own here keeps the federal one; a country with none, nothing.
 */
export function legalByHand(at: Date, code: string, where: { attempts: Date[]; zones?: string[] }): boolean {
  const { attempts, zones = ZONES[code] ?? [] } = where;
  const laws = LAWS[code] ?? (code.startsWith('US') ? [FEDERAL] : code.startsWith('CA') ? LAWS['CA']! : []);
  return laws.every((law) => {
    const inZones = zones.every((zone) => {
      const local = DateTime.fromJSDate(at, { zone: law.clock ?? zone });
      if (law.holidays && isHoliday(local.toISODate()!, law.holidays)) return false;
      const hour = local.hour + local.minute / 60;
      return law.hours(local.weekday).some(([from, to]) => hour >= from && hour < to);
    });
    const recent = attempts.filter(
      (d) => d <= at && at.getTime() - d.getTime() < (law.cap?.hours ?? 0) * 3_600_000,
    );
    return inZones && (law.cap === undefined || recent.length < law.cap.max);
  });
}
