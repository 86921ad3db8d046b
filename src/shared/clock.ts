import { invalid } from './errors.ts';
import { inKeptYears, notADateOrTime, notATime, outsideKeptYears } from './validate.ts';

const validInstant = (at: string | Date): Date | null => {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime()) || (typeof at === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(at))) return null;
  return date;
};

/** The instant a decision is made for: the caller's `at`, or now. Never read the clock deeper than this. */
export function resolveAt(at: string | Date | undefined, field = 'at'): Date {
  if (at === undefined) return new Date();
  return kept(validInstant(at), { given: at, field, why: notATime });
}

/** A date (YYYY-MM-DD, taken as its UTC midnight) or an ISO-8601 instant. */
export function resolveDayOrAt(value: string, field: string): Date {
  const date = validInstant(value.length === 10 ? `${value}T00:00:00Z` : value);
  return kept(date, { given: value, field, why: notADateOrTime });
}

function kept(
  date: Date | null,
  typed: { given: string | Date; field: string; why: (given: unknown) => string },
): Date {
  if (date === null) throw invalid(typed.field, typed.why(typed.given));
  if (!inKeptYears(date)) throw invalid(typed.field, outsideKeptYears(typed.given));
  return date;
}

/** A minute of the day as a 24-hour clock: 465 → "07:45". */
export function clockOf(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
