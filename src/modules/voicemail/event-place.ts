import { countryCode, regionCode } from '../phones/index.ts';

/** Where an event is: online, or a place as precise as it was recorded. */
export type EventPlace = {
  online: boolean;
  city: string | null;
  region: string | null;
  country: string | null;
};

/** Where a prospect is: their own address, else their company's. */
export type Whereabouts = { city: string | null; region: string | null; country: string | null };

const same = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whether an event is one to invite this prospect to: an online one always; one with a
 * place only when the prospect is in the same region (state, province) or, for an event
 * placed by city or country alone, the same city or country. An event whose place is not
 * recorded is near nobody: an invitation across the country is a message wasted.
 * `homeCountry` stands in for a missing country on either side (the team's).
 */
export function nearEnough(
  event: EventPlace,
  prospect: Whereabouts,
  homeCountry: string,
): { near: boolean; why: string } {
  if (event.online) return { near: true, why: 'online' };
  if (!event.city && !event.region && !event.country)
    return { near: false, why: 'where the event is is not recorded (online, or its city and region)' };
  const eventCountry = countryCode(event.country) ?? countryCode(homeCountry);
  const theirCountry = countryCode(prospect.country) ?? countryCode(homeCountry);
  const place = [event.city, event.region, event.country].filter(Boolean).join(', ');
  if (eventCountry && theirCountry && eventCountry !== theirCountry)
    return { near: false, why: `the event is in ${place}, another country` };
  const eventRegion = eventCountry ? (regionCode(event.region, eventCountry) ?? event.region) : event.region;
  const theirRegion = theirCountry
    ? (regionCode(prospect.region, theirCountry) ?? prospect.region)
    : prospect.region;
  if (eventRegion) {
    if (same(eventRegion, theirRegion)) return { near: true, why: `in their region, ${place}` };
    return {
      near: false,
      why: theirRegion
        ? `the event is in ${place}, another region`
        : `their region is not recorded; the event is in ${place}`,
    };
  }
  if (event.city) {
    if (same(event.city, prospect.city)) return { near: true, why: `in their city, ${place}` };
    return { near: false, why: `the event is in ${place}, not their city` };
  }
  return { near: true, why: `in their country, ${place}` };
}
