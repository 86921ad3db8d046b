import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { planPlace, planZones } from './numbering-data.ts';
import { regionCode } from './region-zones.ts';

/** What the numbering plan says about where a number rings. */
export type NumberZones = {
  /** Every zone the number may ring in; several when the plan cannot tell; none when it names no place. */
  zones: string[];
  /** False for toll-free, premium, shared-cost, VoIP and personal numbers, or a plan that names no place. */
  geographic: boolean;
  /** ISO country of the number, when the plan knows it. */
  country: string | null;
  /** Subdivision code (`FL`, `ON`), when the plan names one: the rules of that state apply. */
  region: string | null;
  /** Why zones were added to or changed from the plan's, when they were. */
  note: string | null;
};

const nonGeographic = new Set([
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
]);
/** More zones than this means the plan names a whole country or a whole numbering region, not a place. */
const MAX_PLACE_ZONES = 6;

/**
 * Where the plan's zones are known to be wrong or too narrow: the zones to add (or, with
 * `replace`, to use instead) for numbers starting with the prefix, and why.
 */
// biome-ignore format: a table reads best packed
const corrections: { prefix: string; zones: string[]; replace?: true; why: string }[] = [
  { prefix: '+212', zones: ['Africa/Casablanca'], replace: true, why: 'Morocco keeps its own time (Africa/Casablanca), not the Canaries\'' },
  { prefix: '+1250428', zones: ['America/Creston'], why: 'Creston, BC keeps Mountain Standard Time all year' },
  { prefix: '+1250782', zones: ['America/Dawson_Creek'], why: 'Dawson Creek, BC keeps Mountain Standard Time all year' },
  { prefix: '+1250774', zones: ['America/Fort_Nelson'], why: 'Fort Nelson, BC keeps Mountain Standard Time all year' },
  { prefix: '+1807597', zones: ['America/Atikokan'], why: 'Atikokan, ON keeps Eastern Standard Time all year' },
  { prefix: '+1418461', zones: ['America/Blanc-Sablon'], why: 'Blanc-Sablon, QC keeps Atlantic Standard Time all year' },
  { prefix: '+6126563', zones: ['Australia/Lord_Howe'], why: 'Lord Howe Island is half an hour ahead of Sydney in winter' },
  { prefix: '+614', zones: ['Australia/Adelaide', 'Australia/Brisbane', 'Australia/Darwin', 'Australia/Perth', 'Australia/Sydney', 'Australia/Hobart', 'Australia/Broken_Hill'], why: 'an Australian mobile may ring in any state' },
  { prefix: '+642', zones: ['Pacific/Chatham'], why: 'a New Zealand mobile may ring on the Chatham Islands' },
  { prefix: '+346', zones: ['Atlantic/Canary'], why: 'a Spanish mobile may ring in the Canaries' },
  { prefix: '+347', zones: ['Atlantic/Canary'], why: 'a Spanish mobile may ring in the Canaries' },
];

const cache = new Map<string, NumberZones>();
const MAX_CACHED = 50_000;

/**
 * The zones of an E.164 number, from the plan's longest matching prefix of the whole number
 * (never a neighbour's), corrected where the plan is known to be wrong. Cached by the whole number.
 */
export function zonesOfNumber(e164: string): NumberZones {
  const hit = cache.get(e164);
  if (hit) return hit;
  const found = lookUp(e164);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(e164, found);
  return found;
}

function lookUp(e164: string): NumberZones {
  const parsed = parsePhoneNumberFromString(e164);
  const country = parsed?.country ?? null;
  const type = parsed?.getType();
  const plan = planZones(e164);
  // A plan that names a whole country or numbering region (+1 800: 42 zones) names no place.
  let zones = plan.length <= MAX_PLACE_ZONES ? plan : [];
  const geographic = zones.length > 0 && !(type !== undefined && nonGeographic.has(type));
  const notes: string[] = [];
  for (const fix of corrections) {
    if (zones.length === 0 || !e164.startsWith(fix.prefix)) continue;
    zones = fix.replace ? [...fix.zones] : [...new Set([...zones, ...fix.zones])];
    notes.push(fix.why);
  }
  const place = parsed
    ? planPlace({ countryCallingCode: parsed.countryCallingCode, nationalNumber: parsed.nationalNumber })
    : null;
  return {
    zones: zones.sort(),
    geographic,
    country,
    region: geographic && country ? regionOf(place, country) : null,
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}

/** The subdivision a plan's place names: "St. Maries, ID" → ID, "Florida" → FL, "Ontario" → ON. */
function regionOf(place: string | null, country: CountryCode): string | null {
  if (!place) return null;
  const suffix = /,\s*([A-Z]{2})$/.exec(place)?.[1];
  return regionCode(suffix ?? place, country);
}

/** The zones of a number, for callers that only need them. */
export const zonesForPhone = (e164: string): string[] => zonesOfNumber(e164).zones;
