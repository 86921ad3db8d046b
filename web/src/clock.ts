/**
 * The desk's clock and every time a person reads or types on it. Instants travel in UTC; a time
 * on screen is always in a named zone: the prospect's ("their time, New York") or the rep's
 * ("your time").
 */

const asked = new URLSearchParams(location.search).get('at');
const loadedAt = Date.now();
const askedMs = asked ? Date.parse(asked) : Number.NaN;

/** A rehearsal replays a moment that has passed; an instant ahead of the real clock is refused. */
export const rehearsalRefused: string | null =
  asked === null
    ? null
    : Number.isNaN(askedMs)
      ? `"${asked}" in the address is not an instant (write ?at=2026-11-20T18:00:00Z); the desk runs on the real clock.`
      : askedMs > loadedAt + 60_000
        ? `?at=${asked} is in the future: a rehearsal replays a moment that has passed, and calls are never logged ahead of the real clock. The desk runs on the real clock.`
        : null;

/** Where a rehearsal started (`?at=`), when the desk is rehearsing. */
export const rehearsalStart: string | null =
  asked !== null && rehearsalRefused === null ? new Date(askedMs).toISOString() : null;

/**
 * The instant the desk reasons about: the computer's clock, or in a rehearsal (`?at=`) a clock
 * that starts at the given instant and runs on from there. Calls are logged at this instant.
 */
export const nowMs = (): number =>
  rehearsalStart ? Date.parse(rehearsalStart) + (Date.now() - loadedAt) : Date.now();
export const nowIso = (): string => new Date(nowMs()).toISOString();

/** The rep's own zone: the browser's. */
export const repZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A zone as people say it: America/New_York → "New York". */
export const zoneName = (zone: string | null | undefined): string =>
  zone ? (zone.split('/').pop() ?? zone).replace(/_/g, ' ') : 'zone unknown';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone, hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

type Parts = { year: number; month: number; day: number; hour: number; minute: number; weekday: string };

/** The wall clock in `zone` at an instant. */
export function partsIn(ms: number, zone: string): Parts {
  const parts = formatter(zone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday: get('weekday'),
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The date and time in `zone` as a date field and a time field hold them: `2026-03-04`, `15:00`. */
export function fieldsIn(iso: string, zone: string): { date: string; time: string } {
  const p = partsIn(Date.parse(iso), zone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/**
 * A date and a time on the wall clock of `zone` as an instant. A time that does not exist that
 * day (the hour clocks skip in spring) is refused with the reason; an hour that happens twice
 * takes the first.
 */
export function zonedToUtc(
  date: string,
  time: string,
  zone: string,
): { ok: true; iso: string } | { ok: false; reason: string } {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d) return { ok: false, reason: 'choose a date' };
  if (!t) return { ok: false, reason: 'choose a time as HH:MM' };
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  const offsetAt = (ms: number) => {
    const p = partsIn(ms, zone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 60_000) * 60_000;
  };
  // The offset before and after any change near that wall time; the earlier reading wins.
  const candidates = [wall - offsetAt(wall - 86_400_000), wall - offsetAt(wall + 86_400_000)]
    .filter((ms) => {
      const back = fieldsIn(new Date(ms).toISOString(), zone);
      return back.date === date && back.time === time;
    })
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined)
    return {
      ok: false,
      reason: `${time} does not exist on ${date} in ${zoneName(zone)}: the clocks skip it`,
    };
  return { ok: true, iso: new Date(first).toISOString() };
}

/** "Tue 3 Mar 15:00" on the wall clock of `zone`. */
export function formatIn(iso: string, zone: string, options: { date?: boolean } = {}): string {
  const p = partsIn(Date.parse(iso), zone);
  const month = formatter(zone, { month: 'short' }).format(new Date(iso));
  const clock = `${pad(p.hour)}:${pad(p.minute)}`;
  return options.date === false ? clock : `${p.weekday} ${p.day} ${month} ${clock}`;
}

/** "Tue 3 Mar 15:00 their time (New York)"; the rep's clock beside it when it differs. */
export function theirTime(
  iso: string,
  zone: string | null | undefined,
  options: { yours?: boolean } = {},
): string {
  if (!zone) return `${formatIn(iso, repZone)} your time (their zone unknown)`;
  const theirs = `${formatIn(iso, zone)} their time (${zoneName(zone)})`;
  if (options.yours === false || sameClock(iso, zone, repZone)) return theirs;
  return `${theirs} · ${formatIn(iso, repZone)} yours`;
}

/** "Tue 3 Mar 14:00 your time (Chicago)". */
export const yourTime = (iso: string): string => `${formatIn(iso, repZone)} your time (${zoneName(repZone)})`;

const sameClock = (iso: string, a: string, b: string): boolean => formatIn(iso, a) === formatIn(iso, b);

export function ago(iso: string, from: string = nowIso()): string {
  const minutes = Math.round((Date.parse(from) - Date.parse(iso)) / 60_000);
  if (minutes < 0) return minutes > -60 ? `in ${-minutes} min` : `in ${Math.round(-minutes / 60)} h`;
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** Today's date on the rep's clock, as a date field holds it. */
export const todayForRep = (): string => fieldsIn(nowIso(), repZone).date;
