import { timezones } from 'libphonenumber-geo-carrier';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const cache = new Map<string, string[]>();

/** Zones the numbering plan assigns to a number's prefix (several for toll-free and some area codes). */
export async function zonesForPhone(e164: string): Promise<string[]> {
  const key = e164.slice(0, 7);
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = parsePhoneNumberFromString(e164);
  const zones = parsed ? ((await timezones(parsed as never)) ?? []) : [];
  const known = zones.filter((z) => z !== 'Etc/Unknown');
  cache.set(key, known);
  return known;
}
