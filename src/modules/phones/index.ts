export { normalizePhone } from './normalize-phone.ts';
export { countryCode, countryOfZone, regionCode } from './region-zones.ts';
export {
  isValidZone,
  type Jurisdiction,
  type ResolvedZone,
  resolveTimezone,
  type StatedPlace,
  type ZoneSource,
  zoneOfDialledNumber,
} from './resolve-timezone.ts';
export { zonesForPhone } from './zone-from-phone.ts';
export { readZone } from './zone-names.ts';
