import type { LocalTime } from '../../contracts/prospects.contract.ts';

export type { LocalTime };

import { DateTime } from 'luxon';

/** The prospect's clock at a given instant; never the caller's. */
export function localTimeAt(
  at: Date,
  where: { timezone: string | null; timezoneCandidates: string[] },
): LocalTime {
  if (where.timezone) {
    const dt = DateTime.fromJSDate(at, { zone: where.timezone });
    return {
      zone: where.timezone,
      candidates: [where.timezone],
      ambiguous: false,
      local: dt.toISO({ suppressMilliseconds: true, includeOffset: false }),
      label: `${dt.toFormat('ccc HH:mm')} (${where.timezone})`,
    };
  }
  if (where.timezoneCandidates.length === 0) {
    return { zone: null, candidates: [], ambiguous: false, local: null, label: 'zone unknown' };
  }
  const times = where.timezoneCandidates
    .map((zone) => DateTime.fromJSDate(at, { zone }))
    .sort((a, b) => a.offset - b.offset);
  const first = times[0]!;
  const last = times[times.length - 1]!;
  const span =
    first.offset === last.offset
      ? first.toFormat('ccc HH:mm')
      : `${first.toFormat('ccc HH:mm')}-${last.toFormat('HH:mm')}`;
  return {
    zone: null,
    candidates: where.timezoneCandidates,
    ambiguous: true,
    local: first.toISO({ suppressMilliseconds: true, includeOffset: false }),
    label: `${span}, zone ambiguous (${where.timezoneCandidates.length} candidates)`,
  };
}
