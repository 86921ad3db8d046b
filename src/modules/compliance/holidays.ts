import Holidays from 'date-holidays';

/** One calendar per country and region: building one parses its rules, which is slow. */
const calendars = new Map<string, Holidays>();
/** Public holidays by calendar and year: local ISO date → name. */
const years = new Map<string, Map<string, string>>();

function calendar(country: string, region: string | null): Holidays {
  const key = `${country}-${region ?? ''}`;
  let found = calendars.get(key);
  if (!found) {
    const known = region !== null && Object.hasOwn(new Holidays(country).getStates(country) ?? {}, region);
    found = known && region !== null ? new Holidays(country, region) : new Holidays(country);
    calendars.set(key, found);
  }
  return found;
}

function holidaysOf(country: string, region: string | null, year: number): Map<string, string> {
  const key = `${country}-${region ?? ''}-${year}`;
  let found = years.get(key);
  if (!found) {
    found = new Map();
    for (const holiday of calendar(country, region).getHolidays(year)) {
      // Only days off by law: 'bank', 'optional' and 'observance' days are ordinary calling days.
      if (holiday.type === 'public') found.set(holiday.date.slice(0, 10), holiday.name);
    }
    years.set(key, found);
  }
  return found;
}

/**
 * The public holiday on this local date (`YYYY-MM-DD`, read in the number's zone) in a country
 * and, when date-holidays knows it, a region ('FL', 'QC'); null on an ordinary day.
 */
export function publicHoliday(
  localDate: string,
  place: { country: string; region: string | null },
): string | null {
  const year = Number(localDate.slice(0, 4));
  return holidaysOf(place.country, place.region, year).get(localDate) ?? null;
}
