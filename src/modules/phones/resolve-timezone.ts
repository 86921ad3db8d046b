import { IANAZone } from 'luxon';
import { countryCode, regionCode, zonesForAddress } from './region-zones.ts';
import { type NumberZones, zonesOfNumber } from './zone-from-phone.ts';

export type ZoneSource = 'explicit' | 'address' | 'phone';
export type ResolvedZone = { timezone: string | null; candidates: string[]; source: ZoneSource | null };

const validity = new Map<string, boolean>();

/** Whether the zone is a real IANA zone; memoised, because each check builds an Intl formatter. */
export function isValidZone(zone: string): boolean {
  let valid = validity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validity.size < 10_000) validity.set(zone, valid);
  }
  return valid;
}

/**
 * Picks a zone from what a person's record states (an explicit zone, else the address) and
 * what a number's plan says. An address narrows the number's candidates but never overrides
 * a number that disagrees: then both are kept, so a call must be legal in each. An explicit
 * zone ("MST", typed in a CRM) only ever adds a candidate. A number with no place of its own
 * (toll-free, unknown) takes the stated place.
 */
export function resolveTimezone(input: {
  explicit?: string | null;
  address: { region?: string | null; country?: string | null };
  phoneZones: string[];
}): ResolvedZone {
  const explicit = input.explicit && isValidZone(input.explicit) ? input.explicit : null;
  const stated = explicit ? [explicit] : zonesForAddress(input.address);
  const statedSource: ZoneSource = explicit ? 'explicit' : 'address';
  const fromPhone = input.phoneZones.filter(isValidZone);
  if (stated.length === 0) {
    return fromPhone.length > 0
      ? decide(fromPhone, 'phone')
      : { timezone: null, candidates: [], source: null };
  }
  if (fromPhone.length === 0) return decide(stated, statedSource);
  const agreed = explicit ? [] : stated.filter((z) => fromPhone.includes(z));
  return decide(agreed.length > 0 ? agreed : [...stated, ...fromPhone], statedSource);
}

function decide(zones: string[], source: ZoneSource): ResolvedZone {
  const unique = [...new Set(zones)].sort();
  return { timezone: unique.length === 1 ? (unique[0] ?? null) : null, candidates: unique, source };
}

/** What a record states about where its person is, as stored on the prospect. */
export type StatedPlace = {
  statedTimezone: string | null;
  region: string | null;
  country: string | null;
  /** The person's zone as resolved from all their numbers: where a number with no place rings. */
  timezone?: string | null;
  timezoneCandidates?: string[];
};

/** A jurisdiction: a country (ISO 3166) and, when known, a state or province code. */
export type Jurisdiction = { country: string | null; region: string | null };

/**
 * Where one number rings: its own zones narrowed (never overridden) by the record, and the
 * jurisdictions whose rules bind a call to it (the number's and the record's address).
 */
export type DialledZone = ResolvedZone &
  Pick<NumberZones, 'geographic' | 'note'> & { places: Jurisdiction[] };

/**
 * The zone of the number being dialled, for one of a prospect's numbers: a Chicago direct line
 * and a Los Angeles mobile each keep their own. Unknown ([]) means the territory's zones apply.
 */
export function zoneOfDialledNumber(e164: string, place: StatedPlace): DialledZone {
  const number = zonesOfNumber(e164);
  const zone = resolveTimezone({
    explicit: place.statedTimezone,
    address: { region: place.region, country: place.country },
    phoneZones: number.zones,
  });
  const places: Jurisdiction[] = [];
  if (number.country) places.push({ country: number.country, region: number.region });
  const country = countryCode(place.country);
  const region = country ? regionCode(place.region, country) : null;
  if (country && !places.some((p) => p.country === country && p.region === region))
    places.push({ country, region });
  // A number with no place, on a record that states none, rings where the person's other numbers put them.
  const person = place.timezone ? [place.timezone] : (place.timezoneCandidates ?? []);
  const rings =
    zone.candidates.length === 0 && person.length > 0
      ? { ...zone, timezone: person.length === 1 ? person[0]! : null, candidates: person }
      : zone;
  const placedBy =
    zone.candidates.length > 0
      ? "the record's zone"
      : person.length > 0
        ? "the zone of the person's other numbers"
        : 'every territory zone';
  const note =
    number.zones.length > 0 ? number.note : `a toll-free or placeless number: called in ${placedBy}`;
  return { ...rings, geographic: number.geographic, note, places };
}
